import type { FaultSpec } from './faults';
import type { RequestContext } from './request-context';
import type { AutoApproveMode } from './state';
import { OPERATIONS, jsonReply, type Reply, type RequestLogEntry } from './wire';

/** What the control API can do to the emulator; implemented by the IdentityCenter handle. */
export interface ControlApi {
  approve(userCode: string, allow: boolean): void;
  stats(): unknown;
  advanceClock(seconds: number): Promise<void>;
  now(): number;
  autoApprove(mode: AutoApproveMode): void;
  setThrottle(requestsPerSecond: number | null): void;
  setLatency(ms: number): void;
  injectFault(fault: FaultSpec): void;
  requests(): RequestLogEntry[];
}

type Body = Record<string, unknown>;

function parseJson(ctx: RequestContext): Body | undefined {
  try {
    const value: unknown = JSON.parse(ctx.body.toString('utf8') || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

const ok = (value: unknown = { ok: true }): Reply => jsonReply(200, value);
const badRequest = (message: string): Reply => jsonReply(400, { error: message });
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const POST_ACTIONS: Record<string, (control: ControlApi, body: Body) => Reply | Promise<Reply>> = {
  approve(control, { userCode, allow }) {
    if (typeof userCode !== 'string' || userCode === '') return badRequest('userCode must be a non-empty string');
    if (allow !== undefined && typeof allow !== 'boolean') return badRequest('allow must be true or false');
    try {
      control.approve(userCode, allow ?? true);
    } catch (error) {
      // Unknown, expired or already settled: the request conflicts with the code's state.
      return jsonReply(409, { error: (error as Error).message });
    }
    return ok({ userCode, allowed: allow ?? true });
  },
  async clock(control, { advanceSeconds }) {
    if (!isNumber(advanceSeconds) || advanceSeconds < 0) return badRequest('advanceSeconds must be a non-negative number');
    await control.advanceClock(advanceSeconds);
    return ok({ now: new Date(control.now()).toISOString() });
  },
  'auto-approve'(control, { mode }) {
    if (mode !== 'allow' && mode !== 'deny' && mode !== false) return badRequest('mode must be "allow", "deny" or false');
    control.autoApprove(mode);
    return ok({ mode });
  },
  throttle(control, { requestsPerSecond }) {
    if (requestsPerSecond !== null && (!isNumber(requestsPerSecond) || requestsPerSecond <= 0)) {
      return badRequest('requestsPerSecond must be a positive number or null');
    }
    control.setThrottle(requestsPerSecond);
    return ok({ requestsPerSecond });
  },
  latency(control, { ms }) {
    if (!isNumber(ms) || ms < 0) return badRequest('ms must be a non-negative number');
    control.setLatency(ms);
    return ok({ ms });
  },
  fault(control, { operation, kind, times }) {
    if (typeof operation !== 'string' || !(OPERATIONS as readonly string[]).includes(operation)) return badRequest(`operation must be one of ${OPERATIONS.join(', ')}`);
    if (kind !== 'http-500' && kind !== 'drop') return badRequest('kind must be "http-500" or "drop"');
    if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return badRequest('times must be a positive integer');
    control.injectFault({ operation: operation as FaultSpec['operation'], kind, ...(times === undefined ? {} : { times: times as number }) });
    return ok();
  },
};

/**
 * The control API under `/_control`: `POST approve {userCode, allow}`, `GET stats`,
 * `POST clock {advanceSeconds}` (the three), plus `GET requests`,
 * `POST auto-approve {mode}`, `POST throttle {requestsPerSecond}`, `POST latency {ms}` and
 * `POST fault {operation, kind, times}`. JSON in, JSON out.
 */
export async function handleControl(ctx: RequestContext, control: ControlApi): Promise<Reply> {
  const action = ctx.path.replace(/^\/_control\/?/, '');
  if (ctx.method === 'GET' && action === 'stats') return ok(control.stats());
  if (ctx.method === 'GET' && action === 'requests') return ok(control.requests());
  const handler = ctx.method === 'POST' ? POST_ACTIONS[action] : undefined;
  if (!handler || !Object.hasOwn(POST_ACTIONS, action)) return jsonReply(404, { error: `unknown control action ${ctx.method} /_control/${action}` });
  const body = parseJson(ctx);
  if (!body) return badRequest('body must be a JSON object');
  return handler(control, body);
}
