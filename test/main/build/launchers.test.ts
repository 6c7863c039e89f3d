/**
 * The `rolecall` launchers shipped in the packages, run for real against a stand-in app
 * binary that prints the arguments it receives.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const launchers = join(import.meta.dirname, '..', '..', '..', 'build', 'launchers');

function fakeApp(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nexit 7\n', { mode: 0o755 });
}

async function argsSeen(launcher: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ lines: string[]; code: number }> {
  try {
    const { stdout } = await run(launcher, args, { env });
    return { lines: stdout.split('\n').slice(0, -1), code: 0 };
  } catch (error) {
    const failure = error as { stdout: string; code: number };
    return { lines: failure.stdout.split('\n').slice(0, -1), code: failure.code };
  }
}

const ARGS = ['credential-process', '--profile', "Acme's Prod/Admin", '--', '$(touch /tmp/x)'];

describe('build/launchers/linux/rolecall (installed as /usr/bin/rolecall)', () => {
  it('runs the app headless with --rolecall-cli and every argument intact, and passes its exit code on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolecall-deb-'));
    const app = join(dir, 'opt', 'Rolecall', 'rolecall-app');
    fakeApp(app);
    const { lines, code } = await argsSeen(join(launchers, 'linux', 'rolecall'), ARGS, { ...process.env, ROLECALL_APP: app });
    expect(lines).toEqual(['--ozone-platform=headless', '--disable-gpu', '--rolecall-cli', '--', ...ARGS]);
    expect(code).toBe(7);
  });

  it('says what is wrong when the app is missing', async () => {
    const missing = join(tmpdir(), 'no-such-rolecall-app');
    const result = await run(join(launchers, 'linux', 'rolecall'), ['status'], { env: { ...process.env, ROLECALL_APP: missing } }).catch((e: { stderr: string; code: number }) => e);
    expect(result).toMatchObject({ code: 69 });
    expect((result as { stderr: string }).stderr).toContain(`the Rolecall app is not installed at ${missing}`);
  });
});

describe('build/launchers/mac/rolecall (in Rolecall.app/Contents/Resources/bin)', () => {
  it('finds the app binary through any chain of links on PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolecall mac '));
    const contents = join(dir, 'Applications', 'Rolecall.app', 'Contents');
    fakeApp(join(contents, 'MacOS', 'Rolecall'));
    mkdirSync(join(contents, 'Resources', 'bin'), { recursive: true });
    const launcher = join(contents, 'Resources', 'bin', 'rolecall');
    copyFileSync(join(launchers, 'mac', 'rolecall'), launcher);
    mkdirSync(join(dir, 'usr', 'local', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'home', 'bin'), { recursive: true });
    // A relative link, then an absolute link to that link.
    symlinkSync('../../../Applications/Rolecall.app/Contents/Resources/bin/rolecall', join(dir, 'usr', 'local', 'bin', 'rolecall'));
    symlinkSync(join(dir, 'usr', 'local', 'bin', 'rolecall'), join(dir, 'home', 'bin', 'rolecall'));
    for (const entry of [launcher, join(dir, 'usr', 'local', 'bin', 'rolecall'), join(dir, 'home', 'bin', 'rolecall')]) {
      const { lines, code } = await argsSeen(entry, ARGS);
      expect(lines).toEqual(['--rolecall-cli', '--', ...ARGS]);
      expect(code).toBe(7);
    }
  });
});

describe('build/launchers/windows/rolecall.cmd (in resources\\bin, put on PATH by the installer)', () => {
  it('runs Rolecall.exe two folders up with --rolecall-cli, passing arguments and the exit code on', () => {
    const script = readFileSync(join(launchers, 'windows', 'rolecall.cmd'), 'utf8');
    expect(script.split('\r\n')).toEqual([
      '@echo off',
      expect.stringMatching(/^rem /),
      expect.stringMatching(/^rem /),
      'setlocal',
      '"%~dp0..\\..\\Rolecall.exe" --rolecall-cli -- %*',
      'exit /b %ERRORLEVEL%',
      '',
    ]);
  });
});
