/**
 * A sandbox whose `rolecall` is signed in to a fresh emulator instance ("acme"), with its
 * accounts synced and profiles written: what most CLI tests start from. Sign-in goes through
 * the real CLI (`login --no-browser --json`) with the emulator approving the device code.
 */
import { expect } from 'vitest';
import { demoOrganization, startIdentityCenter, type IdentityCenter, type IdentityCenterOptions } from '../../identity-center';
import { createSandbox, rolecall, type Sandbox } from './cli-harness';

export interface SignedIn {
  ic: IdentityCenter;
  sandbox: Sandbox;
  /** `ls --json` after profiles were written. */
  roles: { instance: string; accountId: string; accountName: string; roleName: string; profile: string }[];
}

/** Fails with the CLI's own words when a setup command fails. */
export async function ok(sandbox: Sandbox, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await rolecall(sandbox, args, env ? { env } : {});
  expect(result.stderr, `rolecall ${args.join(' ')}`).toBe('');
  expect(result.code, `rolecall ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

export async function signIn(ic: IdentityCenter, sandbox: Sandbox): Promise<string[]> {
  ic.autoApprove('allow');
  try {
    const out = await ok(sandbox, ['login', '--start-url', ic.startUrl, '--region', ic.region, '--endpoint-url', ic.endpoint, '--name', 'acme', '--no-browser', '--json']);
    return out.trim().split('\n');
  } finally {
    ic.autoApprove(false);
  }
}

export async function signedInSandbox(options: IdentityCenterOptions = {}, writeProfiles = true): Promise<SignedIn> {
  const ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }), ...options });
  const sandbox = await createSandbox();
  await signIn(ic, sandbox);
  await ok(sandbox, ['sync']);
  if (writeProfiles) await ok(sandbox, ['profiles', 'write', '--all']);
  const roles = JSON.parse(await ok(sandbox, ['ls', '--json'])) as SignedIn['roles'];
  return { ic, sandbox, roles };
}
