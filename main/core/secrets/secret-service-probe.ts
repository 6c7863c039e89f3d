import { DbusConnection, DbusConnectionError, sessionBusAddress } from './dbus-connection';
import { KeychainError } from './keychain-error';

/**
 * Checks, asynchronously and within `timeoutMs`, that a Secret Service is on the session bus
 * and its default collection is unlocked. Resolves when it is; throws KeychainError naming
 * the problem otherwise.
 *
 * This matters because the keyring library reports a locked collection as "no such item" and
 * a missing bus only on write, and can block the event loop on a bus that never answers.
 * The keyring library writes to the collection with the alias "default" (normally "login").
 */
export async function probeSecretService(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  const address = sessionBusAddress(env);
  if (!address) {
    throw new KeychainError('no-session-bus', `DBUS_SESSION_BUS_ADDRESS is "${env.DBUS_SESSION_BUS_ADDRESS ?? ''}", which names no usable bus`, { platform: 'linux' });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let bus: DbusConnection | undefined;
  try {
    bus = await DbusConnection.open(address, controller.signal);
    const alias = await bus.call({
      destination: SERVICE,
      path: '/org/freedesktop/secrets',
      interface: 'org.freedesktop.Secret.Service',
      member: 'ReadAlias',
      args: [{ type: 's', value: 'default' }],
    });
    if (!alias.ok) throw replyError(alias.errorName);
    // "/" means no default collection: nowhere for the keyring library to store an item.
    if (typeof alias.value !== 'string' || alias.value === '/') {
      throw new KeychainError('no-keyring', 'the Secret Service has no default keyring', { platform: 'linux' });
    }
    const locked = await bus.call({
      destination: SERVICE,
      path: alias.value,
      interface: 'org.freedesktop.DBus.Properties',
      member: 'Get',
      args: [
        { type: 's', value: 'org.freedesktop.Secret.Collection' },
        { type: 's', value: 'Locked' },
      ],
    });
    if (!locked.ok) throw replyError(locked.errorName);
    if (locked.value === true) throw new KeychainError('locked', 'the default keyring is locked', { platform: 'linux' });
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
    bus?.close();
  }
}

const SERVICE = 'org.freedesktop.secrets';

function replyError(errorName: string): KeychainError {
  if (errorName === 'org.freedesktop.DBus.Error.ServiceUnknown' || errorName === 'org.freedesktop.DBus.Error.NameHasNoOwner') {
    return new KeychainError('no-secret-service', 'nothing on the session bus provides org.freedesktop.secrets', { platform: 'linux' });
  }
  if (errorName === 'org.freedesktop.DBus.Error.NoReply' || errorName === 'org.freedesktop.DBus.Error.Timeout') {
    return new KeychainError('timeout', 'the Secret Service did not answer', { platform: 'linux' });
  }
  return new KeychainError('platform-error', `the Secret Service answered ${errorName}`, { platform: 'linux' });
}

function describe(address: NonNullable<ReturnType<typeof sessionBusAddress>>): string {
  if (address.kind === 'tcp') return `tcp ${address.host}:${address.port}`;
  return address.path.startsWith('\0') ? `abstract socket ${address.path.slice(1)}` : address.path;
}
