/**
 * Runs electron-builder for real (Linux, unpacked directory) with a stand-in Electron binary,
 * so the files, resources and afterPack hook of electron-builder.yml are checked on the output.
 * Installers (dmg, nsis, AppImage, deb) need tools downloaded at build time and are not built here.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'main', 'index.js')) || !existsSync(join(root, 'dist', 'preload', 'index.cjs'))) {
    await run(process.execPath, [join(root, 'scripts', 'build.mjs'), 'main', 'preload'], { cwd: root });
  }
  const work = mkdtempSync(join(tmpdir(), 'rolecall-package-'));
  const electronDist = join(work, 'electron');
  writeFakeElectronBinary(join(electronDist, 'electron'));
  const version = (require(join(root, 'node_modules', 'electron', 'package.json')) as { version: string }).version;
  writeFileSync(join(electronDist, 'version'), version);
  out = join(work, 'release');
  await run(
    join(root, 'node_modules', '.bin', 'electron-builder'),
    ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.electronVersion=${version}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  );
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
    expect(files.some((f) => f.startsWith('/node_modules/@aws-sdk'))).toBe(false);
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
