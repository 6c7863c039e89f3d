import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module hook for electron-builder, without type declarations.
import afterPack, { ROLECALL_FUSES, packagedBinary } from '../../../build/after-pack.mjs';
import { writeFakeElectronBinary } from '../support/fake-electron';

const context = (platform: string, appOutDir: string, arch = 1) => ({
  appOutDir,
  arch,
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'Rolecall' }, executableName: 'rolecall-app' },
});

describe('the afterPack hook', () => {
  it('finds the binary electron-builder produced on each platform', () => {
    expect(packagedBinary(context('darwin', '/o'))).toBe('/o/Rolecall.app');
    expect(packagedBinary(context('win32', '/o'))).toBe('/o/Rolecall.exe');
    expect(packagedBinary(context('linux', '/o'))).toBe('/o/rolecall-app');
  });

  it('sets every fuse explicitly, so a new Electron fuse cannot go by unnoticed', () => {
    expect(ROLECALL_FUSES.strictlyRequireAllFuses).toBe(true);
    expect(Object.keys(ROLECALL_FUSES).filter((key) => /^\d+$/.test(key))).toHaveLength(8);
  });

  it.each([
    ['win32', 'Rolecall.exe'],
    ['darwin', 'Rolecall.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ])('flips the fuses in the %s binary', async (platform, file) => {
    const out = mkdtempSync(join(tmpdir(), 'rolecall-fuses-'));
    writeFakeElectronBinary(join(out, file));
    // x64: no ad-hoc re-signing (that needs macOS's codesign).
    await afterPack(context(platform, out, 1));
    const wire = await getCurrentFuseWire(platform === 'darwin' ? join(out, 'Rolecall.app') : join(out, file));
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
  });
});
