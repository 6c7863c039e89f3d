import { callBus, DbusConnectionError, sessionBusAddress } from './dbus-connection';
import { KeychainError } from './keychain-error';

/** The collection the keyring library writes to (the user's default, normally "login"). */
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';

/**
 * Checks, asynchronously and within `timeoutMs`, that a Secret Service is on the session bus
 * and its default collection is unlocked. Resolves when it is; throws KeychainError naming
 * the problem otherwise.
 *
 * This matters because the keyring library reports a locked collection as "no such item" and
 * a missing bus only on write, and can block the event loop on a bus that never answers.
 */
export async function probeSecretService(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  const address = sessionBusAddress(env);
  if (!address) {
    throw new KeychainError('no-session-bus', `DBUS_SESSION_BUS_ADDRESS is "${env.DBUS_SESSION_BUS_ADDRESS ?? ''}", which names no usable bus`, { platform: 'linux' });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const reply = await callBus(
      address,
      {
        destination: 'org.freedesktop.secrets',
        path: DEFAULT_COLLECTION,
        interface: 'org.freedesktop.DBus.Properties',
        member: 'Get',
        args: [
          { type: 's', value: 'org.freedesktop.Secret.Collection' },
          { type: 's', value: 'Locked' },
        ],
      },
      controller.signal,
    );
    if (reply.ok) {
      if (reply.value === true) throw new KeychainError('locked', 'the default keyring collection is locked', { platform: 'linux' });
      return;
    }
    if (reply.errorName === 'org.freedesktop.DBus.Error.ServiceUnknown' || reply.errorName === 'org.freedesktop.DBus.Error.NameHasNoOwner') {
      throw new KeychainError('no-secret-service', 'nothing on the session bus provides org.freedesktop.secrets', { platform: 'linux' });
    }
    if (reply.errorName === 'org.freedesktop.DBus.Error.NoReply' || reply.errorName === 'org.freedesktop.DBus.Error.Timeout') {
      throw new KeychainError('timeout', 'the Secret Service did not answer', { platform: 'linux' });
    }
    // No default collection yet (a fresh keyring): the first write creates one, which a
    // desktop keyring does with a prompt. Let the real call go ahead.
    if (reply.errorName === 'org.freedesktop.Secret.Error.NoSuchObject' || reply.errorName === 'org.freedesktop.DBus.Error.UnknownObject' || reply.errorName === 'org.freedesktop.DBus.Error.UnknownMethod') {
      return;
    }
    throw new KeychainError('platform-error', `the Secret Service answered ${reply.errorName}`, { platform: 'linux' });
  } catch (error) {
    if (error instanceof KeychainError) throw error;
    if (controller.signal.aborted) {
      throw new KeychainError('timeout', `the session bus did not answer within ${Math.round(timeoutMs / 1000)} s`, { platform: 'linux', cause: error });
    }
    if (error instanceof DbusConnectionError && error.stage === 'connect') {
      throw new KeychainError('no-session-bus', `cannot connect to ${describe(address)}: ${error.message}`, { platform: 'linux', cause: error });
    }
    throw new KeychainError('no-session-bus', `the session bus failed: ${error instanceof Error ? error.message : String(error)}`, { platform: 'linux', cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function describe(address: NonNullable<ReturnType<typeof sessionBusAddress>>): string {
  if (address.kind === 'tcp') return `tcp ${address.host}:${address.port}`;
  return address.path.startsWith('\0') ? `abstract socket ${address.path.slice(1)}` : address.path;
}
