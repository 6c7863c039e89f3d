import { join } from 'node:path';

/**
 * Where Rolecall keeps its non-secret files (instances, cached account lists, settings, locks,
 * logs): the platform's standard per-user application data folder, or `ROLECALL_HOME`.
 * Secrets never live here; they live in the OS keychain.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.ROLECALL_HOME;
  if (override !== undefined && override !== '') return override;
  const home = env.HOME ?? env.USERPROFILE ?? homeDir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Rolecall');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Rolecall');
    default:
      return join(env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config'), 'rolecall');
  }
}

/** The shared AWS config file: `AWS_CONFIG_FILE`, else `~/.aws/config`. */
export function awsConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.AWS_CONFIG_FILE;
  if (override !== undefined && override !== '') return override;
  return join(env.HOME ?? env.USERPROFILE ?? homeDir(), '.aws', 'config');
}

/** The keychain service name that holds a namespace's items: `<prefix>:<namespace>`. */
export function keychainServiceName(prefix: string, namespace: string): string {
  return `${prefix}:${namespace}`;
}

/** The keychain service-name prefix; `ROLECALL_KEYCHAIN_SERVICE` isolates tests from real items. */
export function keychainServicePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.ROLECALL_KEYCHAIN_SERVICE;
  return override !== undefined && override !== '' ? override : 'Rolecall';
}

/**
 * The user's home folder from the OS, for when HOME and USERPROFILE are unset. `node:os` is
 * loaded only then: these paths are worked out on the credential_process hot path.
 */
function homeDir(): string {
  return process.getBuiltinModule('node:os').homedir();
}
