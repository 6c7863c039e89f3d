import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from './index';
import { signedInRoleCredentials } from './test-sign-in';

let clock: FakeClock;
let ic: IdentityCenter;

beforeEach(async () => {
  clock = new FakeClock();
  ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }), clock });
});

afterEach(() => ic.close());

type Keys = { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };

async function callerIdentity(keys: Keys, middleware?: (body: string) => string, options: { maxAttempts?: number; systemClockOffset?: number } = {}) {
  const sts = new STSClient({
    region: ic.region,
    endpoint: ic.endpoint,
    // Sign in the emulator's (fake) time, as a client does once it has corrected its skew.
    systemClockOffset: clock.now() - Date.now(),
    maxAttempts: 1,
    ...options,
    credentials: { accessKeyId: keys.accessKeyId!, secretAccessKey: keys.secretAccessKey!, sessionToken: keys.sessionToken },
  });
  if (middleware) {
    // Changes the body after signing, as a tampering proxy would.
    sts.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        args.request.body = middleware(args.request.body);
        args.request.headers['content-length'] = String(Buffer.byteLength(args.request.body));
        return next(args);
      },
      { relation: 'after', toMiddleware: 'awsAuthMiddleware', name: 'tamper' },
    );
  }
  try {
    return await sts.send(new GetCallerIdentityCommand({}));
  } finally {
    sts.destroy();
  }
}

async function codeOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(STSServiceException);
  const e = error as STSServiceException;
  return { name: e.name, status: e.$metadata.httpStatusCode };
}

describe('STS GetCallerIdentity', () => {
  it('returns the assumed-role ARN of the issued credentials', async () => {
    const { account, credentials } = await signedInRoleCredentials(ic, 'AdministratorAccess');
    const identity = await callerIdentity(credentials);
    expect(identity.Account).toBe(account.accountId);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${account.accountId}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/jordan\\.lee@example-corp\\.com$`));
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{16}:jordan\.lee@example-corp\.com$/);
    expect(ic.requests().at(-1)).toMatchObject({ operation: 'GetCallerIdentity', status: 200, accountId: account.accountId, roleName: 'AdministratorAccess' });
    expect(ic.stats().operations.GetCallerIdentity).toBe(1);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    // Another last character, whatever the issued one is (one secret in dozens ends in "x").
    const secret = credentials.secretAccessKey;
    const wrong = { ...credentials, secretAccessKey: `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}` };
    expect(await codeOf(callerIdentity(wrong))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses a body changed after signing', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    const tampered = callerIdentity(credentials, (body) => `${body}&Extra=1`);
    expect(await codeOf(tampered)).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses an unknown key or a foreign session token with InvalidClientTokenId', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    expect(await codeOf(callerIdentity({ ...credentials, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }))).toEqual({ name: 'InvalidClientTokenId', status: 403 });
    expect(await codeOf(callerIdentity({ ...credentials, sessionToken: 'other' }))).toEqual({ name: 'InvalidClientTokenId', status: 403 });
  });

  it('refuses a request signed more than 15 minutes off, and the SDK corrects its skew from the Date header', async () => {
    const { account, credentials } = await signedInRoleCredentials(ic);
    const skewed = { systemClockOffset: clock.now() - Date.now() + 20 * 60 * 1000 };
    expect(await codeOf(callerIdentity(credentials, undefined, skewed))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    const corrected = await callerIdentity(credentials, undefined, { ...skewed, maxAttempts: 2 });
    expect(corrected.Account).toBe(account.accountId);
  });

  it('refuses credentials past their expiration with ExpiredToken', async () => {
    const { credentials } = await signedInRoleCredentials(ic);
    await ic.advanceClock(3600);
    expect(await codeOf(callerIdentity(credentials))).toEqual({ name: 'ExpiredToken', status: 403 });
  });
});
