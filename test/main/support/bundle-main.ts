import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * Bundles main/index.ts the way the build does, with `electron` resolved to the recording
 * stand-in (the real module only exists inside Electron). The bundle goes to `<dir>/dist`,
 * with `<dir>` a fresh folder inside the repository's ignored .cache, so that the modules
 * left external resolve from node_modules; the caller removes `<dir>`.
 */
export async function bundleMainWithStandIn(prefix: string): Promise<{ dir: string; dist: string }> {
  mkdirSync(join(root, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, '.cache', prefix));
  const dist = join(dir, 'dist');
  await build({
    entryPoints: [join(root, 'main', 'index.ts')],
    outfile: join(dist, 'main', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    external: ['@napi-rs/keyring', '@napi-rs/keyring/*'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    plugins: [{ name: 'electron-stand-in', setup: (b) => b.onResolve({ filter: /^electron$/ }, () => ({ path: join(root, 'test', 'main', 'support', 'electron-stand-in.ts') })) }],
  });
  return { dir, dist };
}
