/**
 * Runs electron-builder for real (Linux, unpacked directory) with a stand-in Electron binary,
 * so the files, resources and afterPack hook of electron-builder.yml are checked on the output.
 * Installers (dmg, nsis, AppImage, deb) need tools downloaded at build time and are not built here.
 */
import { execFile } from 'node:child_process';
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFakeElectronBinary } from '../support/fake-electron';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..', '..');
const ENABLED = 49;
const DISABLED = 48;

let out: string;

/**
 * A private copy of the project to package, so the test never reads the shared dist/ (which
 * other tests rebuild) : the real package.json and electron-builder.yml, build/ and assets/,
 * fresh bundles, and a node_modules holding the real keychain binding plus stand-ins for the
 * other production dependencies (which packaging must leave out).
 */
async function privateProject(work: string): Promise<string> {
  const project = join(work, 'project');
  mkdirSync(project);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies?: unknown };
  delete manifest.devDependencies;
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const entry of ['electron-builder.yml', 'build', 'assets']) cpSync(join(root, entry), join(project, entry), { recursive: true });
  const common = { bundle: true, platform: 'node' as const, logLevel: 'silent' as const, sourcemap: 'linked' as const, external: ['electron', '@napi-rs/keyring', '@napi-rs/keyring/*'] };
  await build({ ...common, entryPoints: [join(root, 'main', 'index.ts')], outfile: join(project, 'dist', 'main', 'index.js'), format: 'esm', target: 'node20' });
  await build({ ...common, entryPoints: [join(root, 'preload', 'index.ts')], outfile: join(project, 'dist', 'preload', 'index.cjs'), format: 'cjs', target: 'chrome130' });
  const modules = join(project, 'node_modules');
  for (const name of Object.keys(manifest.dependencies)) {
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    if (name === '@napi-rs/keyring') {
      cpSync(join(root, 'node_modules', name), join(modules, name), { recursive: true });
    } else {
      mkdirSync(join(modules, name), { recursive: true });
      writeFileSync(join(modules, name, 'package.json'), JSON.stringify({ name, version: installed.version, main: 'index.js' }));
      writeFileSync(join(modules, name, 'index.js'), 'module.exports = {};');
    }
  }
  // The afterPack hook's own dependency (a dev tool, never shipped).
  mkdirSync(join(modules, '@electron'), { recursive: true });
  symlinkSync(join(root, 'node_modules', '@electron', 'fuses'), join(modules, '@electron', 'fuses'));
  for (const entry of readdirSync(join(root, 'node_modules', '@napi-rs'))) {
    if (entry.startsWith('keyring-')) cpSync(join(root, 'node_modules', '@napi-rs', entry), join(modules, '@napi-rs', entry), { recursive: true });
  }
  return project;
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'rolecall-package-'));
  const project = await privateProject(work);
  const electronDist = join(work, 'electron');
  writeFakeElectronBinary(join(electronDist, 'electron'));
  const version = (require(join(root, 'node_modules', 'electron', 'package.json')) as { version: string }).version;
  writeFileSync(join(electronDist, 'version'), version);
  out = join(work, 'release');
  await run(
    join(root, 'node_modules', '.bin', 'electron-builder'),
    ['--linux', 'dir', '--projectDir', project, `-c.electronDist=${electronDist}`, `-c.electronVersion=${version}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { cwd: project, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stderr?: string; stdout?: string; message: string }) => {
    throw new Error(`electron-builder failed: ${error.message}\n${error.stderr ?? ''}\n${(error.stdout ?? '').slice(-4000)}`);
  });
}, 120_000);

describe('the packaged app (Linux directory)', () => {
  it('ships only the bundles and the native keychain binding in app.asar', () => {
    const asar = require('@electron/asar') as { listPackage(path: string): string[] };
    const files = asar.listPackage(join(out, 'linux-unpacked', 'resources', 'app.asar')).map((f) => f.replaceAll('\\', '/'));
    expect(files).toContain('/package.json');
    expect(files).toContain('/dist/main/index.js');
    expect(files).toContain('/dist/preload/index.cjs');
    const outside = files.filter((f) => !f.startsWith('/dist') && f !== '/package.json' && !/^\/node_modules(\/@napi-rs(\/keyring[^/]*(\/.*)?)?)?$/.test(f));
    expect(outside).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.some((f) => f.startsWith('/node_modules/@aws-sdk') || f.startsWith('/node_modules/preact'))).toBe(false);
  });

  it('unpacks the native binding, which cannot load from inside the archive', () => {
    const binding = join(out, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring-linux-x64-gnu', 'keyring.linux-x64-gnu.node');
    expect(existsSync(binding)).toBe(true);
  });

  it('puts the tray icons and window icon in resources/assets', () => {
    for (const file of ['tray/tray-ok-on-dark.png', 'tray/tray-error-template@2x.png', 'icons/512x512.png']) {
      expect(existsSync(join(out, 'linux-unpacked', 'resources', 'assets', file)), file).toBe(true);
    }
  });

  it('names the binary rolecall-app and flips the fuses in it', async () => {
    const binary = join(out, 'linux-unpacked', 'rolecall-app');
    expect(readFileSync(binary).subarray(0, 9).toString()).toBe('#!/bin/sh');
    const wire = await getCurrentFuseWire(binary);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      v8Snapshot: wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
      fileProtocol: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: DISABLED,
      cookieEncryption: ENABLED,
      nodeOptions: DISABLED,
      inspect: DISABLED,
      asarIntegrity: ENABLED,
      onlyAsar: ENABLED,
      v8Snapshot: DISABLED,
      fileProtocol: DISABLED,
    });
  });
});
