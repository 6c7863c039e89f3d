/**
 * `npm start` when Electron's binary is missing and cannot be downloaded: the download is sent
 * to a mirror on loopback that has nothing, and the script must end with one clear line.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..', '..');
const start = join(root, 'scripts', 'start.mjs');
// @ts-expect-error: a plain ES module script without type declarations.
const { parseStartArgs, sandboxEnvironment, installedElectron } = await import('../../../scripts/start.mjs');

let server: Server;
let mirror: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.statusCode = 404;
    response.end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  mirror = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function startWithoutElectron(args: string[]) {
  const electronDist = mkdtempSync(join(tmpdir(), 'rolecall-no-electron-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_MIRROR: mirror,
    ELECTRON_OVERRIDE_DIST_PATH: electronDist,
    electron_config_cache: mkdtempSync(join(tmpdir(), 'rolecall-electron-cache-')),
    HTTP_PROXY: '',
    HTTPS_PROXY: '',
    http_proxy: '',
    https_proxy: '',
  };
  return run(process.execPath, [start, '--no-build', ...args], { cwd: root, env }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe('scripts/start.mjs', () => {
  it('fails with one line saying what to do when Electron cannot be downloaded', async () => {
    const { code, stderr } = await startWithoutElectron([]);
    expect(code).toBe(1);
    expect(requested.some((url) => /electron-v[\d.]+-\w+-\w+\.zip$/.test(url))).toBe(true);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Downloading Electron [\d.]+ \(first start only\)…$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Could not download Electron [\d.]+ \(.*404.*\): connect to the internet and run `npm start` again/);
  });

  it('asks for the sandbox first when its environment file is missing', async () => {
    const { code, stderr } = await startWithoutElectron(['--sandbox-env', join(tmpdir(), 'no-such-sandbox.json')]);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^No sandbox environment at .*: start the sandbox first \(`npm run sandbox`\)\.$/);
  });

  it('reads the sandbox environment the sandbox writes, and refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolecall-sandbox-env-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ env: { ROLECALL_HOME: '/tmp/sandbox-home', AWS_CONFIG_FILE: '/tmp/sandbox-home/config' } }));
    expect(sandboxEnvironment(good)).toEqual({ ROLECALL_HOME: '/tmp/sandbox-home', AWS_CONFIG_FILE: '/tmp/sandbox-home/config' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ env: { PORT: 8080 } }));
    expect(() => sandboxEnvironment(bad)).toThrow(/must hold \{"env"/);
  });

  it('parses its options', () => {
    expect(parseStartArgs(['--no-build', '--sandbox', '--', '--inspect'])).toMatchObject({ build: false, electronArgs: ['--inspect'] });
    expect(parseStartArgs(['--sandbox-env', '/x.json']).sandboxEnvFile).toBe('/x.json');
    expect(() => parseStartArgs(['--bogus'])).toThrow(/Unknown option --bogus/);
  });

  it('finds an installed Electron through path.txt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolecall-electron-pkg-'));
    expect(installedElectron(dir, {})).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const dist = mkdtempSync(join(tmpdir(), 'rolecall-electron-dist-'));
    writeFileSync(join(dist, 'electron'), '');
    expect(installedElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(join(dist, 'electron'));
  });
});
