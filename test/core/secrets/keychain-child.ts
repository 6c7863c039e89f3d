/**
 * Runs in a child process with its own D-Bus environment (a dead bus, or a private keyring
 * the child may lock) so the parent's keyring, shared with other tests, is never disturbed.
 * Prints one JSON line describing what a user would have seen.
 */
import { SignInService } from '../../../main/core/auth/sign-in-service';
import { TokenService } from '../../../main/core/auth/token-service';
import { systemClock } from '../../../main/core/clock';
import { isRolecallError } from '../../../main/core/errors';
import { InstanceRegistry } from '../../../main/core/instances/instance-registry';
import { silentLogger } from '../../../main/core/logger';
import { KeychainSecretStore } from '../../../main/core/secrets/keychain-store';
import { startSecretServiceHandshake } from '../../../main/core/secrets/secret-service-handshake';
import { SecretServiceReader } from '../../../main/core/secrets/secret-service-reader';
import { lockLoginCollection, loginCollectionLocked, unlockLoginCollection } from './keyring-control';

const [mode, argument] = process.argv.slice(2);

function describeError(error: unknown) {
  return isRolecallError(error) ? { ...error.toJSON(), problem: (error as { problem?: string }).problem } : { code: 'unexpected', message: String(error) };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ elapsedMs: number; value?: T; error?: ReturnType<typeof describeError> }> {
  const started = Date.now();
  try {
    const value = await fn();
    return { elapsedMs: Date.now() - started, value };
  } catch (error) {
    return { elapsedMs: Date.now() - started, error: describeError(error) };
  }
}

async function signInWithoutKeychain(): Promise<unknown> {
  const { appDir, startUrl, region, endpoint } = JSON.parse(argument ?? '{}') as Record<string, string>;
  const secrets = new KeychainSecretStore({ servicePrefix: `rolecall-test-child-${process.pid}` });
  const registry = new InstanceRegistry({ appDataDir: appDir!, secrets });
  const instance = await registry.add({ startUrl: startUrl!, region: region!, name: 'Acme', endpointUrl: endpoint! });
  const tokens = new TokenService({ instances: registry, secrets, clock: systemClock, appDataDir: appDir!, logger: silentLogger });
  const signIn = new SignInService({ instances: registry, tokens, clock: systemClock, appDataDir: appDir!, openUrl: async () => undefined });
  return {
    signIn: await timed(() => signIn.signIn(instance.id, { noBrowser: true })),
    getAccessToken: await timed(() => tokens.getAccessToken(instance.id)),
    remove: await timed(() => registry.remove(instance.id)),
  };
}

async function lockedKeyring(): Promise<unknown> {
  const secrets = new KeychainSecretStore({ servicePrefix: 'rolecall-test-locked' });
  await secrets.set('acme', 'sso-token', '{"kind":"before-lock"}');
  await lockLoginCollection();
  const lockedNow = await loginCollectionLocked();
  // The credential_process fast read must not answer from a locked keyring either.
  const fastRead = await timed(() => readFast('rolecall-test-locked:acme', 'sso-token'));
  const get = await timed(() => secrets.get('acme', 'sso-token'));
  const set = await timed(() => secrets.set('acme', 'sso-token', '{"kind":"while-locked"}'));
  const keys = await timed(() => secrets.keys('acme'));
  await unlockLoginCollection();
  const afterUnlock = await timed(() => secrets.check().then(() => secrets.get('acme', 'sso-token')));
  const fastReadAfterUnlock = await timed(() => readFast('rolecall-test-locked:acme', 'sso-token'));
  return { lockedNow, get, set, keys, fastRead, afterUnlock, fastReadAfterUnlock, lockedAtEnd: await loginCollectionLocked() };
}

async function readFast(service: string, username: string): Promise<string | null> {
  const handshake = startSecretServiceHandshake(process.env);
  if (!handshake) throw new Error('no session bus');
  const reader = new SecretServiceReader(handshake, 3_000);
  try {
    return await reader.read({ service, username });
  } finally {
    reader.close();
  }
}

const run = mode === 'sign-in' ? signInWithoutKeychain : lockedKeyring;
run().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ crashed: describeError(error), stack: error instanceof Error ? error.stack : undefined })}\n`);
    process.exit(1);
  },
);
