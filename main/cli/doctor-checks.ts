/**
 * What `rolecall doctor` checks, each a small function that says ok, warn or fail with a hint.
 * Checks only read: nothing is changed.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { loadConfigDocument } from '../core/aws-config/config-file';
import { managedSections } from '../core/aws-config/managed-profile';
import { findOption } from '../core/aws-config/config-document';
import { commandPlatform, splitCredentialProcess } from '../core/aws-config/credential-process-command';
import { isRolecallError } from '../core/errors';
import type { IdentityCenterInstance } from '../core/model';
import type { RolecallCore } from '../core/rolecall-core';
import { KeychainSecretStore } from '../core/secrets/keychain-store';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  message: string;
  hint?: string;
  /** The error code of a failure, which decides the exit code. */
  code?: string;
}

/** Clock differences up to this are harmless; above it SigV4 and token lifetimes suffer. */
const SKEW_WARN_MS = 60_000;
const SKEW_FAIL_MS = 5 * 60_000;

export async function checkKeychain(core: RolecallCore): Promise<CheckResult> {
  const store = core.secrets instanceof KeychainSecretStore ? core.secrets : new KeychainSecretStore({ env: core.env, platform: core.platform });
  try {
    await store.check();
    return { check: 'keychain', status: 'ok', message: 'The OS keychain is reachable and unlocked.' };
  } catch (error) {
    if (!isRolecallError(error)) throw error;
    return { check: 'keychain', status: 'fail', message: error.message, ...(error.hint ? { hint: error.hint } : {}), code: error.code };
  }
}

export async function checkConfig(core: RolecallCore): Promise<{ result: CheckResult; commands: ManagedCommand[] }> {
  try {
    const { snapshot, document } = await loadConfigDocument(core.configFile);
    if (!snapshot.exists) {
      return { result: { check: 'config', status: 'ok', message: `${core.configFile} does not exist yet (\`rolecall profiles write\` creates it).` }, commands: [] };
    }
    const managed = managedSections(document);
    const commands: ManagedCommand[] = [];
    for (const m of managed) {
      const option = findOption(m.section, 'credential_process');
      if (option) commands.push({ profile: m.name, line: option.value });
    }
    return {
      result: { check: 'config', status: 'ok', message: `${snapshot.path} parses: ${document.sections.length} sections, ${managed.length} Rolecall profiles.` },
      commands,
    };
  } catch (error) {
    if (!isRolecallError(error)) throw error;
    return { result: { check: 'config', status: 'fail', message: error.message, ...(error.hint ? { hint: error.hint } : {}), code: error.code }, commands: [] };
  }
}

export interface ManagedCommand {
  profile: string;
  line: string;
}

/**
 * Profiles whose credential_process runs a program or script that is no longer there (the
 * checkout moved, the app was reinstalled elsewhere), or runs another Rolecall than this one.
 */
export function checkProfileCommands(commands: readonly ManagedCommand[], selfCommand: readonly string[], platform: NodeJS.Platform): CheckResult {
  const broken: string[] = [];
  const elsewhere: string[] = [];
  for (const { profile, line } of commands) {
    let argv: string[];
    try {
      argv = splitCredentialProcess(line, commandPlatform(platform));
    } catch {
      // An unclosed quote: botocore cannot run it either.
      broken.push(profile);
      continue;
    }
    const marker = argv.indexOf('credential-process');
    const prefix = marker > 0 ? argv.slice(0, marker) : argv;
    const missing = prefix.some((arg) => isAbsolute(arg) && !runnable(arg));
    if (missing || marker < 0) broken.push(profile);
    else if (prefix.join('\0') !== selfCommand.join('\0')) elsewhere.push(profile);
  }
  if (broken.length > 0) {
    return {
      check: 'profiles',
      status: 'fail',
      message: `${broken.length} Rolecall profile(s) run a program that is not there any more: ${list(broken)}.`,
      hint: 'Run `rolecall profiles write --all` (or with the filter you used) to point them at this Rolecall.',
      code: 'config-profile-command-missing',
    };
  }
  if (elsewhere.length > 0) {
    return {
      check: 'profiles',
      status: 'warn',
      message: `${elsewhere.length} Rolecall profile(s) run another Rolecall install than this one: ${list(elsewhere)}.`,
      hint: 'That works while the other install exists; `rolecall profiles write --all` points them at this one.',
    };
  }
  return { check: 'profiles', status: 'ok', message: `${commands.length} Rolecall profile(s) point at this Rolecall.` };
}

function runnable(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    // Exists but unreadable: as good as gone for credential_process.
    return false;
  }
}

function list(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

/** The OIDC and portal origins of an instance. */
export function endpointsOf(instance: IdentityCenterInstance): { name: string; url: string }[] {
  if (instance.endpointUrl) return [{ name: 'Identity Center (sandbox)', url: instance.endpointUrl }];
  return [
    { name: 'OIDC', url: `https://oidc.${instance.region}.amazonaws.com` },
    { name: 'portal', url: `https://portal.sso.${instance.region}.amazonaws.com` },
  ];
}

/** Reaches each endpoint (any HTTP answer counts) and compares this computer's clock with the server's Date header. */
export async function checkEndpoints(core: RolecallCore, instance: IdentityCenterInstance, timeoutMs = 5000): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let skewChecked = false;
  for (const endpoint of endpointsOf(instance)) {
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await core.fetch(endpoint.url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
    } catch (error) {
      results.push({
        check: `endpoint ${instance.id} ${endpoint.name}`,
        status: 'fail',
        message: `${endpoint.url} cannot be reached (${error instanceof Error ? error.name : 'error'}).`,
        hint: 'Check your network connection, VPN or proxy, and the region of the instance.',
        code: 'endpoint-unreachable',
      });
      continue;
    }
    const receivedAt = Date.now();
    results.push({ check: `endpoint ${instance.id} ${endpoint.name}`, status: 'ok', message: `${endpoint.url} answers (HTTP ${response.status}).` });
    const date = response.headers.get('date');
    if (skewChecked || date === null) continue;
    skewChecked = true;
    const serverTime = Date.parse(date);
    if (Number.isNaN(serverTime)) continue;
    // The Date header has one-second resolution and was stamped somewhere in the round trip.
    const local = (sentAt + receivedAt) / 2;
    const skew = local - serverTime;
    const abs = Math.abs(skew) - (receivedAt - sentAt) / 2 - 1000;
    const words = `${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'}`;
    if (abs > SKEW_FAIL_MS) {
      results.push({
        check: `clock ${instance.id}`,
        status: 'fail',
        message: `This computer's clock is ${words} the server's.`,
        hint: 'Turn on automatic time (NTP) in your system settings. Signed AWS requests fail beyond 5 minutes, and credential expiry is misjudged.',
        code: 'clock-skew',
      });
    } else if (abs > SKEW_WARN_MS) {
      results.push({ check: `clock ${instance.id}`, status: 'warn', message: `This computer's clock is ${words} the server's.`, hint: 'Turn on automatic time (NTP).' });
    } else {
      results.push({ check: `clock ${instance.id}`, status: 'ok', message: 'The clock agrees with the server.' });
    }
  }
  return results;
}
