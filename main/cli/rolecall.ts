/**
 * The `rolecall` CLI entry (the package's bin), bundled as one small CommonJS file: Node
 * starts a CommonJS script without setting up its ES module loader, which is a good share of
 * what a credential_process call costs. The AWS CLI runs `credential-process` before every
 * call: on a cache hit nothing but this file is loaded. Every other command line (and a
 * credential_process that misses the cache) goes to the full CLI, `cli-main.mjs`, whose
 * commands, core and AWS SDK come in their own chunks, on demand.
 */
import { join } from 'node:path';
import { fastCredentialProcessProfile, tryFastCredentialProcess } from './fast-credential-process';

type FullCli = typeof import('./cli-main');

async function main(argv: readonly string[]): Promise<number> {
  const profile = fastCredentialProcessProfile(argv);
  const fast = profile === undefined ? 'full' : await tryFastCredentialProcess(profile);
  if (fast === 'answered') return 0;
  // Built as its own bundle beside this file; the specifier is computed so that it stays a
  // run-time import instead of being bundled in.
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  const full = (await import(pathToFileURL(join(__dirname, 'cli-main.mjs')).href)) as FullCli;
  return full.runProcess(argv, __filename, { cacheMissed: fast === 'cache-miss' });
}

const done = main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rolecall: the command line tool could not start (${error instanceof Error ? error.name : 'unknown error'}).\n`);
    process.exitCode = 1;
  },
);

/**
 * Makes this module's namespace a thenable, so that the app, which runs the CLI in-process
 * with `await import('…/rolecall.js')`, waits until the command has finished and
 * `process.exitCode` holds its exit code.
 */
export function then(resolve: (value: undefined) => void): void {
  void done.then(() => resolve(undefined));
}
