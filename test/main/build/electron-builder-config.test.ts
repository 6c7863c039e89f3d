import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../../main/app/app-identity';

const root = join(import.meta.dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check catches mistakes (a misspelt key, a wrong type)', () => {
    expect(validate({ ...config, productname: 'Rolecall' })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, target: 42 } })).toBe(false);
  });

  it('names the product as the app names itself, and builds the promised targets', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('every file it refers to exists', () => {
    const paths = [
      config.afterPack,
      config.mac.icon,
      config.win.icon,
      config.linux.icon,
      config.nsis.include,
      ...config.extraResources.map((r: { from: string }) => r.from),
      ...config.mac.extraResources.map((r: { from: string }) => r.from),
      ...config.win.extraResources.map((r: { from: string }) => r.from),
      ...config.deb.fpm.map((mapping: string) => mapping.split('=')[0]),
    ];
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it('installs the command line launcher as /usr/bin/rolecall beside the rolecall-app binary', () => {
    expect(config.linux.executableName).toBe('rolecall-app');
    expect(config.deb.fpm).toContain('build/launchers/linux/rolecall=/usr/bin/rolecall');
  });
});
