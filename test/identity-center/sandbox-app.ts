// Prepares Rolecall to use a running sandbox: a private app data folder, AWS config file and
// keychain namespace, with the sandbox instance already added, so the app (`npm start --
// --sandbox`) and the CLI can be tried against it without touching the user's own setup.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InstanceRegistry } from '../../main/core/instances/instance-registry';
import { KeychainSecretStore } from '../../main/core/secrets/keychain-store';
import { writeFileAtomic } from '../../main/core/fs/atomic-write';
import type { IdentityCenterInstance } from '../../main/core/model';

export const SANDBOX_KEYCHAIN_SERVICE = 'Rolecall-sandbox';

export interface SandboxApp {
  /** The environment the app and CLI need to use the sandbox. */
  env: Record<string, string>;
  /** Where `env` was written as `{"env": {…}}` for `scripts/start.mjs --sandbox-env`. */
  envFile: string;
  instance: IdentityCenterInstance;
  /** Set when the previous sandbox's keychain items could not be cleared (the keychain is unusable). */
  keychainWarning?: string;
}

/** Resets `dir` for a new sandbox run and adds the sandbox's instance to it. */
export async function prepareSandboxApp(sandbox: { startUrl: string; region: string; endpoint: string }, dir: string): Promise<SandboxApp> {
  const home = join(dir, 'home');
  const env = {
    ROLECALL_HOME: home,
    ROLECALL_KEYCHAIN_SERVICE: SANDBOX_KEYCHAIN_SERVICE,
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
  };
  const secrets = new KeychainSecretStore({ servicePrefix: SANDBOX_KEYCHAIN_SERVICE });
  // The previous run's emulator is gone, and with it every token it issued: clear its
  // keychain items through the registry, then start from an empty folder.
  let keychainWarning: string | undefined;
  const previous = new InstanceRegistry({ appDataDir: home, secrets });
  for (const instance of await previous.list().catch(() => [])) {
    try {
      await previous.remove(instance.id);
    } catch (error) {
      keychainWarning = error instanceof Error ? error.message : String(error);
    }
  }
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true, mode: 0o700 });
  const instance = await new InstanceRegistry({ appDataDir: home, secrets }).add({
    startUrl: sandbox.startUrl,
    region: sandbox.region,
    name: 'sandbox',
    endpointUrl: sandbox.endpoint,
  });
  const envFile = join(dir, 'app-env.json');
  await writeFileAtomic(envFile, `${JSON.stringify({ env }, null, 2)}\n`);
  return { env, envFile, instance, ...(keychainWarning === undefined ? {} : { keychainWarning }) };
}
