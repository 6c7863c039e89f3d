import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./botocore-client.py', import.meta.url));

let ic: IdentityCenter;
let home: string;
let seen: Record<string, any>;

beforeAll(async () => {
  // Real time: botocore signs STS requests with the system clock.
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 5, rolesPerAccount: 3 }) });
  home = mkdtempSync(join(tmpdir(), 'rolecall-botocore-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    // Nothing from this machine's AWS set-up may leak in; only the endpoint overrides.
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DEFAULT_REGION: ic.region,
    AWS_ENDPOINT_URL_SSO_OIDC: ic.endpoint,
    AWS_ENDPOINT_URL_SSO: ic.endpoint,
    AWS_ENDPOINT_URL_STS: ic.endpoint,
  };
  const { stdout } = await run('python3', [script, ic.startUrl, ic.controlUrl], { env, timeout: 30_000 });
  seen = JSON.parse(stdout) as Record<string, any>;
});

afterAll(async () => {
  await ic?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('botocore (python3) through AWS_ENDPOINT_URL_*', () => {
  it('runs the device flow with its sso-oidc client, refresh and rotation included', () => {
    expect(seen.pending).toEqual({ code: 'AuthorizationPendingException', class: 'AuthorizationPendingException', status: 400 });
    expect(seen.approveStatus).toBe(200);
    expect(seen.tokenType).toBe('Bearer');
    expect(seen.hasRefreshToken).toBe(true);
    expect(seen.reusedRefresh).toMatchObject({ code: 'InvalidGrantException', class: 'InvalidGrantException' });
    expect(seen.badClient).toEqual({ code: 'InvalidClientException', class: 'InvalidClientException', status: 401 });
  });

  it('pages accounts and roles and gets role credentials with its sso client', () => {
    expect(seen.accounts).toHaveLength(5);
    expect(new Set(seen.accounts).size).toBe(5);
    expect(seen.roles).toHaveLength(3);
    expect(seen.expiration).toBeGreaterThan(Date.now());
    expect(seen.forbidden).toEqual({ code: 'ForbiddenException', class: 'ClientError', status: 403 });
    expect(seen.unauthorized).toEqual({ code: 'UnauthorizedException', class: 'UnauthorizedException', status: 401 });
    expect(seen.afterLogout).toMatchObject({ code: 'UnauthorizedException' });
  });

  it('signs GetCallerIdentity with its sts client: right secret passes, wrong one is refused', () => {
    expect(seen.identity.Account).toBe(seen.accounts[0]);
    expect(seen.identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${seen.accounts[0]}:assumed-role/AWSReservedSSO_${seen.roles[0]}_[0-9a-f]{16}/`));
    expect(seen.wrongSecret).toEqual({ code: 'SignatureDoesNotMatch', class: 'ClientError', status: 403 });
    const operations = ic.stats().operations;
    expect(operations.GetCallerIdentity).toBe(2);
    expect(operations.Logout).toBe(1);
  });
});
