import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDetachedLauncher } from '../../../main/core/browser/process-launcher';
import { fileExists } from '../../../main/core/browser/find-executable';
import { silentLogger } from '../../../main/core/logger';
import { openTerminal } from '../../../main/core/terminal/open-terminal';
import { waitFor } from '../browser/wait-for';

// A real X server and real terminals: the profile must arrive in the shell's environment, and
// the title on the window, whatever characters they hold.
const PROFILE = `it's "prod" $HOME \`id\` $(id); a & b | c ü 名前`;
const TITLE = `acme "prod"; $(id) & 'x' ü 名前 / AdministratorAccess`;

let xvfb: ChildProcess;
let display: string;
let dir: string;
const releases: string[] = [];

/** Starts Xvfb on a display number it picks itself; it writes the number to fd 3 once it accepts connections. */
async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '800x600x24'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${errors.slice(-500)}`)));
  });
  return { process: child, display: `:${number}` };
}

/** Top-level windows and their WM_NAME titles. */
function windowTitles(): string[] {
  const tree = spawnSync('xwininfo', ['-root', '-children', '-display', display], { encoding: 'utf8' }).stdout;
  const ids = [...tree.matchAll(/^\s+(0x[0-9a-f]+) /gm)].map((m) => m[1]!);
  return ids.map((id) => {
    const out = spawnSync('xprop', ['-display', display, '-id', id, 'WM_NAME'], { encoding: 'utf8' }).stdout.trim();
    return /^WM_NAME\([A-Z_0-9]+\) = "(.*)"$/s.exec(out)?.[1] ?? '';
  });
}

beforeAll(async () => {
  const started = await startXvfb();
  xvfb = started.process;
  display = started.display;
  dir = await mkdtemp(join(tmpdir(), 'rolecall-xterm-'));
});

afterEach(async () => {
  // Let every window's command finish, even when an assertion failed.
  for (const release of releases.splice(0)) await writeFile(release, '');
});

afterAll(async () => {
  if (!xvfb || xvfb.exitCode !== null) return;
  const exited = new Promise((resolve) => xvfb.once('exit', resolve));
  xvfb.kill();
  await exited;
});

describe.each(['xterm', 'x-terminal-emulator'])('%s under Xvfb', (terminal) => {
  it('opens a window titled with account and role whose shell has AWS_PROFILE, AWS_REGION and no leftover keys', async () => {
    const out = join(dir, `${terminal}.env`);
    const release = join(dir, `${terminal}.release`);
    releases.push(release);
    // Writes its environment, then keeps the window open until the test has looked at it.
    const command = ['/bin/sh', '-c', 'env > "$1.tmp" && mv "$1.tmp" "$1"; while [ ! -e "$2" ]; do sleep 0.05; done', 'rolecall-test', out, release];
    const result = await openTerminal(
      terminal,
      { profile: PROFILE, region: 'eu-west-2', title: TITLE, shell: '/bin/sh', command },
      {
        platform: 'linux',
        env: { ...process.env, DISPLAY: display, LANG: 'C.UTF-8', AWS_ACCESS_KEY_ID: 'ASIA-LEFT-OVER', AWS_SESSION_TOKEN: 'left-over', AWS_PROFILE: 'old' },
        exists: fileExists,
        launcher: createDetachedLauncher(spawn),
        logger: silentLogger,
      },
    );
    expect(result).toEqual({ terminal });

    await waitFor(() => existsSync(out), 15_000, 'the terminal writing its environment');
    const env = new Map(
      (await readFile(out, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    expect(env.get('AWS_PROFILE')).toBe(PROFILE);
    expect(env.get('AWS_REGION')).toBe('eu-west-2');
    expect(env.get('AWS_DEFAULT_REGION')).toBe('eu-west-2');
    expect(env.has('AWS_ACCESS_KEY_ID')).toBe(false);
    expect(env.has('AWS_SESSION_TOKEN')).toBe(false);

    await waitFor(() => windowTitles().includes(TITLE), 10_000, 'the window title');
    await writeFile(release, '');
    await waitFor(() => !windowTitles().includes(TITLE), 10_000, 'the window closing');
  });
});
