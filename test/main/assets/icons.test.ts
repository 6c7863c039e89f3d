import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFile } from '../../../main/app/tray/tray-icons';
import { TRAY_STATUSES } from '../../../main/app/tray/tray-status';

const assets = join(import.meta.dirname, '..', '..', '..', 'assets');

/** Width, height and RGBA pixels of an 8-bit RGBA PNG (what Chromium's screenshots are). */
function decodePng(file: string): { width: number; height: number; pixels: Buffer } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9], body[12]]).toEqual([8, 6, 0]);
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

function opaqueColours(pixels: Buffer): Set<string> {
  const colours = new Set<string>();
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0) colours.add(pixels.subarray(i, i + 3).toString('hex'));
  return colours;
}

describe('icons', () => {
  it.each(TRAY_STATUSES)('%s: every tray variant exists at 16 px with a 32 px @2x twin, and is not blank', (status) => {
    for (const [platform, dark] of [['darwin', false], ['win32', false], ['win32', true], ['linux', true]] as const) {
      const file = join(assets, trayIconFile(status, platform, dark));
      for (const [path, size] of [[file, 16], [file.replace(/\.png$/, '@2x.png'), 32]] as const) {
        expect(existsSync(path), path).toBe(true);
        const png = decodePng(path);
        expect([png.width, png.height]).toEqual([size, size]);
        expect(opaqueColours(png.pixels).size, path).toBeGreaterThan(0);
      }
    }
  });

  it('macOS template images are black with alpha only (the menu bar tints them)', () => {
    for (const status of TRAY_STATUSES) {
      const { pixels } = decodePng(join(assets, `tray/tray-${status}-template@2x.png`));
      expect([...opaqueColours(pixels)]).toEqual(['000000']);
    }
  });

  it('the four states look different from each other', () => {
    const images = TRAY_STATUSES.map((status) => decodePng(join(assets, `tray/tray-${status}-template@2x.png`)).pixels.toString('hex'));
    expect(new Set(images).size).toBe(4);
  });

  it('the app icon exists at 1024 px and in every Linux size', () => {
    expect(decodePng(join(assets, 'icon.png')).width).toBe(1024);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) expect(decodePng(join(assets, 'icons', `${size}x${size}.png`)).width).toBe(size);
  });
});
