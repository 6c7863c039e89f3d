#!/usr/bin/env node
// One build for every part of Rolecall: the Electron main process, the sandboxed preload,
// the renderer and the `rolecall` CLI. esbuild bundles each in well under a second, which
// keeps `npm ci` (it runs this in `prepare`) and `npm start` fast.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const watchless = { logLevel: 'warning', absWorkingDir: root, sourcemap: 'linked', legalComments: 'none' };
// Native and Electron modules are loaded at run time, never bundled.
const nodeExternal = ['electron', '@napi-rs/keyring', '@napi-rs/keyring/*'];

const targets = [
  {
    name: 'main',
    entry: 'main/index.ts',
    options: {
      outfile: join(out, 'main/index.js'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: nodeExternal,
      banner: { js: "import { createRequire as __rolecallRequire } from 'node:module'; const require = __rolecallRequire(import.meta.url);" },
    },
  },
  {
    name: 'preload',
    entry: 'preload/index.ts',
    // A sandboxed preload must be CommonJS and may only require 'electron'.
    options: { outfile: join(out, 'preload/index.cjs'), platform: 'node', format: 'cjs', target: 'chrome130', external: ['electron'] },
  },
  {
    name: 'renderer',
    entry: 'renderer/index.tsx',
    options: {
      outfile: join(out, 'renderer/app.js'),
      platform: 'browser',
      format: 'esm',
      target: 'chrome120',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.css': 'css' },
      minify: true,
    },
    assets: ['renderer/index.html'],
  },
  {
    name: 'cli',
    entry: 'main/cli/cli-main.ts',
    // The full CLI, as ES modules (.mjs: the folder's package.json says CommonJS for the
    // entry). Splitting keeps every command, the core and the AWS SDK in chunks loaded on demand.
    options: {
      outdir: join(out, 'cli'),
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: nodeExternal,
      minify: true,
      banner: { js: "import { createRequire as __rolecallRequire } from 'node:module'; const require = __rolecallRequire(import.meta.url);" },
    },
  },
  {
    name: 'cli',
    entry: 'main/cli/rolecall.ts',
    // The `rolecall` bin: one CommonJS file (no ES module loader to start) holding the
    // credential_process fast path; everything else imports cli-main.mjs at run time. Built
    // after the full CLI, whose output folder that build empties.
    options: {
      outfile: join(out, 'cli', 'rolecall.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: nodeExternal,
      minify: true,
      banner: { js: '#!/usr/bin/env node' },
    },
    files: { 'cli/package.json': '{ "type": "commonjs" }\n' },
    executable: 'cli/rolecall.js',
  },
  {
    name: 'cli',
    entry: 'main/cli/fast-keychain.ts',
    // The credential_process keychain read, loaded by the entry only when no broker answered.
    options: {
      outfile: join(out, 'cli', 'fast-keychain.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: nodeExternal,
      minify: true,
    },
  },
];

const only = process.argv.slice(2);
const started = performance.now();
const built = [];
for (const target of targets) {
  if (only.length > 0 && !only.includes(target.name)) continue;
  const entry = join(root, target.entry);
  if (!existsSync(entry)) continue;
  if (target.options.outdir) await rm(target.options.outdir, { recursive: true, force: true });
  await build({ ...watchless, bundle: true, entryPoints: [entry], ...target.options });
  for (const asset of target.assets ?? []) {
    const dest = join(out, asset.replace(/^renderer\//, 'renderer/'));
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(join(root, asset), dest);
  }
  for (const [file, content] of Object.entries(target.files ?? {})) await writeFile(join(out, file), content);
  if (target.executable) await chmod(join(out, target.executable), 0o755);
  built.push(target.name);
}
if (!process.env.ROLECALL_BUILD_QUIET) {
  console.log(`built ${built.join(', ')} in ${Math.round(performance.now() - started)} ms`);
}
