import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDetachedLauncher } from '../../../main/core/browser/process-launcher';
import { fileExists } from '../../../main/core/browser/find-executable';
import { silentLogger } from '../../../main/core/logger';
import { openTerminal } from '../../../main/core/terminal/open-terminal';
import { startXvfb, type Xvfb } from '../../support/xvfb';
import { waitFor } from '../browser/wait-for';

// A real X server and real terminals: the profile must arrive in the shell's environment, and
// the title on the window, whatever characters they hold.
const PROFILE = `it's "prod" $HOME \`id\` $(id); a & b | c ü 名前`;
const TITLE = `acme "prod"; $(id) & 'x' ü 名前 / AdministratorAccess`;

let xvfb: Xvfb;
let dir: string;
const releases: string[] = [];

beforeAll(async () => {
  xvfb = await startXvfb();
  dir = await mkdtemp(join(tmpdir(), 'rolecall-xterm-'));
});

afterEach(async () => {
  // Let every window's command finish, even when an assertion failed.
  for (const release of releases.splice(0)) await writeFile(release, '');
});

afterAll(async () => {
  await xvfb?.stop();
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
        env: { ...process.env, DISPLAY: xvfb.display, LANG: 'C.UTF-8', AWS_ACCESS_KEY_ID: 'ASIA-LEFT-OVER', AWS_SESSION_TOKEN: 'left-over', AWS_PROFILE: 'old' },
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

    await waitFor(() => xvfb.windowTitles().includes(TITLE), 10_000, 'the window title');
    await writeFile(release, '');
    await waitFor(() => !xvfb.windowTitles().includes(TITLE), 10_000, 'the window closing');
  });
});
