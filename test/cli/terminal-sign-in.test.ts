import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotePosix } from '../../main/core/shell/quoting';
import { builtCli, type CliResult } from './support/cli-harness';
import { dropCachedCredentials, endSessionOnServer } from './support/keychain-edits';
import { signedInSandbox, type SignedIn } from './support/signed-in';

// `rolecall env` and `exec` run by a person at a terminal with no display: when the session has
// ended they show the sign-in code and link there and go on once it is approved. They run in a
// real pseudo-terminal (util-linux `script`), where stdin and stderr are TTYs.
let world: SignedIn;

beforeAll(async () => {
  world = await signedInSandbox();
});
afterAll(async () => world?.ic.close());

/**
 * Runs `rolecall ARGS…` in a pseudo-terminal; `onOutput` sees the terminal's text so far (stdout
 * and stderr, as a person would) each time more arrives.
 */
async function inTerminal(args: string[], onOutput: (text: string) => void = () => undefined): Promise<CliResult> {
  const command = [process.execPath, await builtCli(), ...args].map(quotePosix).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    env: { ...world.sandbox.env, TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onOutput(stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: stdout.replace(/\r\n/g, '\n'), stderr }));
  });
}

const devices = () => world.ic.stats().operations.StartDeviceAuthorization;

/** A terminal watcher that approves the first sign-in code it sees, as the person would; `code` is that code. */
function approver(): { code: string | undefined; watch: (text: string) => void } {
  const state = {
    code: undefined as string | undefined,
    watch(text: string) {
      const shown = /the code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];
      if (shown && state.code === undefined) {
        state.code = shown;
        world.ic.approve(shown);
      }
    },
  };
  return state;
}

/** Cached credentials gone and the session over at Identity Center: only a new sign-in helps. */
async function endSession(): Promise<void> {
  await dropCachedCredentials(world.sandbox, 'acme');
  await endSessionOnServer(world.sandbox, 'acme', world.ic.endpoint, world.ic.region);
}

describe('signing in again at a terminal', () => {
  it('env shows the code and link, waits for the approval, then prints the keys', async () => {
    const profile = world.roles[0]!.profile;
    await endSession();
    const before = devices();
    const person = approver();
    const result = await inTerminal(['env', '--profile', profile], person.watch);
    const approved = person.code;
    expect(result.code).toBe(0);
    expect(approved).toBeDefined();
    expect(result.stdout).toContain(`your session for "acme" ended; sign in again to continue.`);
    expect(result.stdout).toContain(`To sign in, open ${world.ic.endpoint}/device?user_code=${approved}`);
    expect(result.stdout).toContain('Signed in to "acme".');
    expect(result.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]+'$/m);
    expect(devices() - before).toBe(1);
  }, 60_000);

  it('exec signs in the same way, then runs the command with the keys', async () => {
    const profile = world.roles[2]!.profile;
    await endSession();
    const before = devices();
    const command = [process.execPath, '-e', "console.log('key in the command: ' + process.env.AWS_ACCESS_KEY_ID)"];
    const person = approver();
    const result = await inTerminal(['exec', '--profile', profile, '--', ...command], person.watch);
    expect(result.code).toBe(0);
    expect(person.code).toBeDefined();
    expect(result.stdout).toMatch(/Signed in to "acme"\.\nkey in the command: ASIA[A-Z0-9]+\n$/);
    expect(devices() - before).toBe(1);
  }, 60_000);

  it('credential-process in the same terminal still never prompts: it fails at once', async () => {
    const profile = world.roles[1]!.profile;
    await endSession();
    const before = devices();
    const result = await inTerminal(['credential-process', '--profile', profile]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('rolecall: Your Identity Center session for "acme" has ended.\n  Run `rolecall login acme` (or sign in from the Rolecall window).\n');
    expect(devices() - before).toBe(0);
  }, 60_000);
});
