import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';

/**
 * A stand-in for an Electron binary: a shell script (so it can run) carrying a fuse wire
 * after the sentinel, as real Electron binaries do. Every fuse starts at Electron's defaults
 * except the ones packaging must flip.
 */
export function writeFakeElectronBinary(path: string): void {
  const defaults = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE];
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, defaults.length]), Buffer.from(defaults)]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([Buffer.from('#!/bin/sh\necho fake-electron\nexit 0\n'), Buffer.alloc(32), wire, Buffer.alloc(32)]));
  chmodSync(path, 0o755);
}
