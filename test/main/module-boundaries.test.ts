/**
 * In the shell, only the adapters load Electron at run time: `setup-*.ts` (one per feature),
 * `electron-*.ts` (Electron behind a seam) and the composition root. Everything else takes
 * Electron's types only, so it runs in plain Node tests — loading the real `electron` package
 * outside Electron would even start its binary download.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `import … from 'electron'` that is not `import type` (and any require('electron')). */
function loadsElectron(text: string): boolean {
  const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'electron';/gms)];
  return imports.some((match) => match[1] === undefined) || /require\(\s*'electron'\s*\)/.test(text);
}

describe('module boundaries of the shell', () => {
  const files = [...sources(join(root, 'main', 'app')), ...sources(join(root, 'main', 'ipc'))];

  it('only adapters and the composition root load Electron at run time', () => {
    const offenders = files
      .filter((file) => loadsElectron(readFileSync(file, 'utf8')))
      .filter((file) => !/^(setup|electron)-/.test(basename(file)))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the check recognises both kinds of import', () => {
    expect(loadsElectron("import { app } from 'electron';")).toBe(true);
    expect(loadsElectron("import type { App } from 'electron';")).toBe(false);
    expect(loadsElectron("import { type App, app } from 'electron';")).toBe(true);
  });
});
