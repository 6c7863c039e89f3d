import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { appCliCommand } from '../../../../main/app/cli/app-command';
import { installCommandLauncher, posixLauncherScript, shellQuote } from '../../../../main/app/cli/command-launcher';
import { parseLaunchMode } from '../../../../main/app/cli/launch-mode';
import { CLI_COMMAND_ENV, CLI_LOAD_FAILED_EXIT, runCliInApp } from '../../../../main/app/cli/run-cli-in-app';

const run = promisify(execFile);

describe('parseLaunchMode', () => {
  it('the packaged app started normally, or by the login item', () => {
    expect(parseLaunchMode(['/opt/Rolecall/rolecall-app'], false)).toEqual({ kind: 'app', startedAtLogin: false });
    expect(parseLaunchMode(['/opt/Rolecall/rolecall-app', '--started-at-login'], false)).toEqual({ kind: 'app', startedAtLogin: true });
  });

  it('the CLI after --rolecall-cli, with Chromium switches before it and -- ending them', () => {
    expect(parseLaunchMode(['/opt/Rolecall/rolecall-app', '--ozone-platform=headless', '--disable-gpu', '--rolecall-cli', '--', 'exec', '--profile', 'p', '--', 'aws', '--version'], false)).toEqual({
      kind: 'cli',
      args: ['exec', '--profile', 'p', '--', 'aws', '--version'],
    });
    expect(parseLaunchMode(['Rolecall.exe', '--rolecall-cli', 'status', '--json'], false)).toEqual({ kind: 'cli', args: ['status', '--json'] });
    expect(parseLaunchMode(['Rolecall.exe', '--rolecall-cli'], false)).toEqual({ kind: 'cli', args: [] });
  });

  it('in development (electron <folder>) the app arguments start one later', () => {
    expect(parseLaunchMode(['/x/electron', '.', '--rolecall-cli', '--', 'ls'], true)).toEqual({ kind: 'cli', args: ['ls'] });
    // The folder argument itself is never read as a switch.
    expect(parseLaunchMode(['/x/electron', '--rolecall-cli'], true)).toEqual({ kind: 'app', startedAtLogin: false });
  });

  it('installing the command launcher, with or without a folder', () => {
    expect(parseLaunchMode(['Rolecall', '--install-command'], false)).toEqual({ kind: 'install-command', directory: undefined });
    expect(parseLaunchMode(['Rolecall', '--install-command', '/usr/local/bin'], false)).toEqual({ kind: 'install-command', directory: '/usr/local/bin' });
  });
});

describe('appCliCommand', () => {
  const base = { execPath: '/opt/Rolecall/rolecall-app', defaultApp: false, appPath: '/opt/Rolecall/resources/app.asar' };

  it('Linux: the binary on the headless Ozone platform, so it works over SSH', () => {
    expect(appCliCommand({ ...base, platform: 'linux' })).toEqual(['/opt/Rolecall/rolecall-app', '--ozone-platform=headless', '--disable-gpu', '--rolecall-cli', '--']);
  });

  it('an AppImage: the AppImage file, the only path that outlives this run', () => {
    expect(appCliCommand({ ...base, platform: 'linux', appImage: '/home/me/Rolecall.AppImage' })[0]).toBe('/home/me/Rolecall.AppImage');
  });

  it('macOS and Windows: the app binary itself', () => {
    expect(appCliCommand({ ...base, platform: 'darwin', execPath: '/Applications/Rolecall.app/Contents/MacOS/Rolecall' })).toEqual(['/Applications/Rolecall.app/Contents/MacOS/Rolecall', '--rolecall-cli', '--']);
    expect(appCliCommand({ ...base, platform: 'win32', execPath: 'C:\\Users\\me\\AppData\\Local\\Programs\\rolecall\\Rolecall.exe' })).toEqual(['C:\\Users\\me\\AppData\\Local\\Programs\\rolecall\\Rolecall.exe', '--rolecall-cli', '--']);
  });

  it('development: Electron with the app folder', () => {
    expect(appCliCommand({ platform: 'darwin', execPath: '/x/Electron', defaultApp: true, appPath: '/work/rolecall' })).toEqual(['/x/Electron', '/work/rolecall', '--rolecall-cli', '--']);
  });
});

describe('runCliInApp', () => {
  const saved = { argv: process.argv, exitCode: process.exitCode, command: process.env[CLI_COMMAND_ENV] };
  afterEach(() => {
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    if (saved.command === undefined) delete process.env[CLI_COMMAND_ENV];
    else process.env[CLI_COMMAND_ENV] = saved.command;
  });

  function output() {
    const chunks: string[] = [];
    return { chunks, stream: { write: (chunk: string, callback: () => void) => (chunks.push(chunk), setImmediate(callback), true) } };
  }

  it('runs the CLI entry with its arguments, waits for it to finish, then exits with its code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-cli-mode-'));
    const entry = join(dir, 'rolecall.js');
    // Stands in for the CLI entry: reads process.argv, works asynchronously, sets the exit code.
    await writeFile(
      entry,
      `await new Promise((resolve) => setTimeout(resolve, 20));
globalThis.__rolecallCliSaw = { args: process.argv.slice(2), command: JSON.parse(process.env.${CLI_COMMAND_ENV}) };
process.exitCode = 3;
`,
    );
    const stdout = output();
    const stderr = output();
    const exits: number[] = [];
    await runCliInApp({
      cliEntry: entry,
      args: ['ls', '--json'],
      selfCommand: ['/opt/Rolecall/rolecall-app', '--rolecall-cli', '--'],
      process,
      importModule: (url) => import(url),
      stdout: stdout.stream,
      stderr: stderr.stream,
      exit: (code) => exits.push(code),
    });
    expect((globalThis as Record<string, unknown>).__rolecallCliSaw).toEqual({ args: ['ls', '--json'], command: ['/opt/Rolecall/rolecall-app', '--rolecall-cli', '--'] });
    expect(exits).toEqual([3]);
  });

  it('exits 70 with a message when the CLI cannot be loaded', async () => {
    const stderr = output();
    const exits: number[] = [];
    await runCliInApp({
      cliEntry: join(tmpdir(), 'missing-rolecall-entry.js'),
      args: [],
      selfCommand: ['/x'],
      process,
      importModule: (url) => import(url),
      stdout: output().stream,
      stderr: stderr.stream,
      exit: (code) => exits.push(code),
    });
    expect(exits).toEqual([CLI_LOAD_FAILED_EXIT]);
    expect(stderr.chunks.join('')).toContain('the command line tool inside this app could not start');
  });
});

describe('the rolecall launcher script', () => {
  it('runs the app command with every argument intact, spaces and quotes included', async () => {
    const dir = await mkdtemp(join(tmpdir(), "rolecall launcher it's-"));
    const fakeApp = join(dir, 'Rolecall app');
    await writeFile(fakeApp, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
    const bin = join(dir, 'bin');
    const installed = await installCommandLauncher(bin, [fakeApp, '--ozone-platform=headless', '--rolecall-cli', '--'], `/usr/bin:${bin}`);
    expect(installed).toEqual({ path: join(bin, 'rolecall'), onPath: true });
    expect((await stat(installed.path)).mode & 0o777).toBe(0o755);
    const { stdout } = await run(installed.path, ['exec', '--profile', "Acme's Prod", '--', 'sh', '-c', 'echo "$HOME"']);
    expect(stdout.split('\n').slice(0, -1)).toEqual(['--ozone-platform=headless', '--rolecall-cli', '--', 'exec', '--profile', "Acme's Prod", '--', 'sh', '-c', 'echo "$HOME"']);
  });

  it('says when the folder is not on PATH yet, and rewrites an older launcher', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-launcher-'));
    await writeFile(join(dir, 'rolecall'), 'old', { mode: 0o644 });
    const installed = await installCommandLauncher(dir, ['/x'], '/usr/bin');
    expect(installed.onPath).toBe(false);
    expect(await readFile(installed.path, 'utf8')).toBe(posixLauncherScript(['/x']));
    expect((await stat(installed.path)).mode & 0o777).toBe(0o755);
  });

  it('quotes for sh', () => {
    expect(shellQuote('/opt/Rolecall/rolecall-app')).toBe('/opt/Rolecall/rolecall-app');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(shellQuote('$(rm -rf ~)')).toBe(`'$(rm -rf ~)'`);
  });
});
