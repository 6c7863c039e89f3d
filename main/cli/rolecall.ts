/**
 * The `rolecall` CLI entry, bundled as one small file. The AWS CLI runs `credential-process`
 * before every call: when a broker answers, nothing but this file is loaded. Every other
 * command line (and a credential_process the broker cannot answer) goes to the full CLI,
 * `cli-main.js`, whose commands, core and AWS SDK come in their own chunks, on demand. The exit
 * code is left in `process.exitCode` when this module finishes evaluating (the app runs the CLI
 * in-process and relies on that).
 */
import { fileURLToPath } from 'node:url';
import { fastCredentialProcessProfile, tryFastCredentialProcess } from './fast-credential-process';

type FullCli = typeof import('./cli-main');

const argv = process.argv.slice(2);
const profile = fastCredentialProcessProfile(argv);
const fast = profile === undefined ? 'full' : await tryFastCredentialProcess(profile);
if (fast === 'answered') process.exitCode = 0;
else {
  // Built as its own bundle beside this one; the specifier is computed so that it stays a
  // run-time import instead of being bundled in.
  const full = (await import(new URL('./cli-main.js', import.meta.url).href)) as FullCli;
  process.exitCode = await full.runProcess(argv, fileURLToPath(import.meta.url), { cacheMissed: fast === 'cache-miss' });
}
