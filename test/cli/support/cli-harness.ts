/**
 * Runs the built `rolecall` CLI as a real process, in a sandbox of its own: a temporary HOME,
 * app data folder, AWS config file and keychain service prefix, all under a path with spaces
 * (the case the credential_process line must survive).
 *
 * The CLI is built once with `node scripts/build.mjs cli` (only when a source is newer than the
 * bundle) and each test file runs its own copy of `dist/cli`, so a rebuild started by another
 * test file never swaps the bundle under running processes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withFileLock } from '../../../main/core/fs/file-lock';

const repo = process.cwd();
const run = promisify(execFile);

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

let copied: Promise<string> | undefined;

/** The path of this test file's copy of the built CLI (`…/rolecall cli …/cli/rolecall.js`). */
export function builtCli(): Promise<string> {
  copied ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'rolecall cli '));
    await withFileLock(join(repo, 'dist', '.cli-build.lock'), async () => {
      const bundle = join(repo, 'dist', 'cli', 'rolecall.js');
      const built = await stat(bundle).then((s) => s.mtimeMs, () => 0);
      const sources = Math.max(
        await newestSource(join(repo, 'main')),
        (await stat(join(repo, 'package.json'))).mtimeMs,
        (await stat(join(repo, 'scripts', 'build.mjs'))).mtimeMs,
      );
      if (built < sources) await run(process.execPath, [join(repo, 'scripts', 'build.mjs'), 'cli'], { cwd: repo, env: { ...process.env, ROLECALL_BUILD_QUIET: '1' } });
      await cp(join(repo, 'dist', 'cli'), join(root, 'cli'), { recursive: true });
    }, { timeoutMs: 60_000 });
    // The native keyring addon is loaded at run time from node_modules, as in an install.
    await symlink(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
    return join(root, 'cli', 'rolecall.js');
  })();
  return copied;
}

export interface Sandbox {
  /** Root of this sandbox (contains a space). */
  dir: string;
  home: string;
  appDir: string;
  configFile: string;
  keychainService: string;
  /** The environment the CLI runs with. */
  env: NodeJS.ProcessEnv;
}

let sandboxes = 0;

/** A fresh HOME, ROLECALL_HOME, AWS_CONFIG_FILE and keychain prefix. */
export async function createSandbox(extraEnv: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall home '));
  const home = join(dir, 'home');
  const appDir = join(dir, 'app data');
  const configFile = join(home, '.aws', 'config');
  await mkdir(join(home, '.aws'), { recursive: true });
  sandboxes += 1;
  const keychainService = `rolecall-test-${process.pid}-${sandboxes}-${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    ROLECALL_HOME: appDir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    ROLECALL_KEYCHAIN_SERVICE: keychainService,
    // The Secret Service of the private test session, when there is one.
    ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
    ...(process.env.XDG_RUNTIME_DIR ? { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR } : {}),
    ...(process.env.XDG_DATA_HOME ? { XDG_DATA_HOME: process.env.XDG_DATA_HOME } : {}),
    // No display: a test never opens a browser unless it sets one on purpose.
    ROLECALL_NO_BROWSER: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extraEnv,
  };
  return { dir, home, appDir, configFile, keychainService, env };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `rolecall ARGS…` to completion. */
export async function rolecall(sandbox: Sandbox, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return finished(await rolecallProcess(sandbox, args, options), options.input);
}

/** Starts `rolecall ARGS…` once the CLI is built; resolves to the running process. */
export async function rolecallProcess(sandbox: Sandbox, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<ChildProcess> {
  const cli = await builtCli();
  return spawn(process.execPath, [cli, ...args], { env: { ...sandbox.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects a process's output and exit. */
export function finished(child: ChildProcess, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}
