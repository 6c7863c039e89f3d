import { systemClock, type Clock } from '../../main/core/clock';
import { EmulatorClock } from './emulator-clock';
import type { FaultSpec } from './faults';
import { SecretMint } from './issued-secrets';
import { demoOrganization, indexOrganization, type OrganizationSpec } from './organization';
import { IdentityCenterServer, type OperationCounts } from './server';
import { DEFAULT_LIFETIMES, settleDevice, type AutoApproveMode, type EmulatorState, type TokenLifetimes } from './state';
import type { RequestLogEntry } from './wire';

export { demoOrganization };
export type { OrganizationSpec, AccountSpec, PermissionSetSpec } from './organization';
export type { TokenLifetimes, AutoApproveMode } from './state';
export type { FaultSpec } from './faults';
export type { RequestLogEntry, OperationName } from './wire';
export { OPERATIONS } from './wire';

export interface IdentityCenterOptions {
  organization?: OrganizationSpec;
  /** Pass the same FakeClock the code under test uses; defaults to the system clock. */
  clock?: Clock;
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Requests per second per operation (token bucket, real time). */
  throttle?: number | null;
  /** Added latency per request, real time. */
  latencyMs?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  startUrl?: string;
  region?: string;
}

export interface IdentityCenterStats {
  operations: OperationCounts;
  throttled: number;
}

/** A running emulator. */
export interface IdentityCenter {
  /** `http://127.0.0.1:PORT`: OIDC, portal, federation sign-in, STS and the pages. */
  readonly endpoint: string;
  readonly startUrl: string;
  readonly region: string;
  /** `${endpoint}/_control` */
  readonly controlUrl: string;
  /** Approves (or with `allow` false denies) a pending device authorization by its user code. */
  approve(userCode: string, allow?: boolean): void;
  /** Settles every new device authorization and /authorize request at once, or stops doing so. */
  autoApprove(mode: AutoApproveMode): void;
  stats(): IdentityCenterStats;
  requests(): RequestLogEntry[];
  /** Every secret issued so far (each contains `CANARY`). */
  issuedSecrets(): string[];
  /** Moves the emulator's clock (and a FakeClock given as `clock`); await it with a FakeClock. */
  advanceClock(seconds: number): Promise<void>;
  /** The emulator clock's time, epoch ms. */
  now(): number;
  setThrottle(requestsPerSecond: number | null): void;
  setLatency(ms: number): void;
  injectFault(fault: FaultSpec): void;
  close(): Promise<void>;
}

const DEFAULT_START_URL = 'https://d-90670c0e1a.awsapps.com/start';

/** Starts an emulated IAM Identity Center instance on 127.0.0.1. */
export async function startIdentityCenter(options: IdentityCenterOptions = {}): Promise<IdentityCenter> {
  const clock = new EmulatorClock(options.clock ?? systemClock);
  const lifetimes = { ...DEFAULT_LIFETIMES, ...options.tokenLifetimes };
  for (const [name, value] of Object.entries(lifetimes)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`tokenLifetimes.${name} must be a positive number of seconds`);
  }
  const state: EmulatorState = {
    clock,
    mint: new SecretMint(),
    organization: indexOrganization(options.organization ?? demoOrganization()),
    lifetimes,
    startUrl: options.startUrl ?? DEFAULT_START_URL,
    issuerUrl: 'https://identitycenter.amazonaws.com/ssoins-7223b1c0d5e8f6a2',
    region: options.region ?? 'us-east-1',
    endpoint: '',
    autoApprove: false,
    clients: new Map(),
    devicesByCode: new Map(),
    devicesByUserCode: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    pendingAuthorizations: new Map(),
    authorizationCodes: new Map(),
    credentials: new Map(),
    signinTokens: new Map(),
    consoleSessions: new Map(),
  };
  const stats = (): IdentityCenterStats => ({ operations: { ...server.counts }, throttled: server.throttled });
  const approve = (userCode: string, allow = true) => settleDevice(state, userCode, allow);
  const advanceClock = (seconds: number) => clock.advance(seconds);
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a non-negative number of ms, got ${ms}`);
    server.latencyMs = ms;
  };
  const controls = {
    approve,
    autoApprove(mode: AutoApproveMode) {
      if (mode !== 'allow' && mode !== 'deny' && mode !== false) throw new RangeError(`autoApprove takes 'allow', 'deny' or false`);
      state.autoApprove = mode;
    },
    stats,
    requests: () => server.log.map((entry) => ({ ...entry })),
    advanceClock,
    now: () => clock.now(),
    setThrottle: (rate: number | null) => server.throttle.setRate(rate),
    setLatency,
    injectFault: (fault: FaultSpec) => server.faults.add(fault),
  };
  const server: IdentityCenterServer = new IdentityCenterServer(state, controls);
  server.throttle.setRate(options.throttle ?? null);
  setLatency(options.latencyMs ?? 0);
  state.endpoint = await server.listen(options.port ?? 0);
  return {
    endpoint: state.endpoint,
    startUrl: state.startUrl,
    region: state.region,
    controlUrl: `${state.endpoint}/_control`,
    ...controls,
    issuedSecrets: () => state.mint.all(),
    close: () => server.close(),
  };
}
