/**
 * The `rolecall` CLI entry (the package's bin), bundled as one small CommonJS file: Node
 * starts a CommonJS script without setting up its ES module loader, which is a good share of
 * what a credential_process call costs. The AWS CLI runs `credential-process` before every
 * call: when a broker answers, nothing but this file is loaded; without one, the keychain
 * bundle (`fast-keychain.js`) is. Every other command line (and a credential_process neither
 * could answer) goes to the full CLI, `cli-main.mjs`, whose commands, core and AWS SDK come in
 * their own chunks, on demand.
 */
import { join } from 'node:path';
import type { BrokerErrorBody } from '../core/broker/protocol';
import { startSecretServiceHandshake } from '../core/secrets/secret-service-handshake';
import type { FastOutcome } from './fast-answer';
import { answerFromBroker, fastCredentialProcessProfile } from './fast-credential-process';

type FullCli = typeof import('./cli-main');
type KeychainBundle = typeof import('./fast-keychain');

async function main(argv: readonly string[]): Promise<number> {
  const profile = fastCredentialProcessProfile(argv);
  let fast: FastOutcome | 'no-broker' | BrokerErrorBody = 'full';
  if (profile !== undefined) {
    fast = await answerFromBroker(profile);
    if (fast === 'no-broker') {
      // Built as its own bundle beside this file; the path is computed so that it stays a
      // run-time require instead of being bundled in.
      // On Linux the Secret Service conversation starts first, so that the bus and the keyring
      // answer while the bundle loads.
      const handshake = process.platform === 'linux' ? startSecretServiceHandshake(process.env) : undefined;
      // Writes wait for the 'connect' event; one turn of the event loop lets them go out now.
      if (handshake) await new Promise((resolve) => setImmediate(resolve));
      try {
        const keychain = module.require(join(__dirname, 'fast-keychain.js')) as KeychainBundle;
        fast = await keychain.answerFromKeychain(profile, handshake);
      } catch {
        // The bundle is missing or broken: the full CLI does the work.
        handshake?.connection.destroy();
        fast = 'full';
      }
    }
  }
  if (fast === 'answered' && require.main === module) {
    // Run as a program (not imported by the app) with the answer written: leaving now spares the
    // caller the wait for the socket to close and Node to tear down.
    process.exit(0);
  }
  if (fast === 'answered' || fast === 'answered-flushing') return 0;
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  const full = (await import(pathToFileURL(join(__dirname, 'cli-main.mjs')).href)) as FullCli;
  return full.runProcess(argv, __filename, typeof fast === 'object' ? { brokerFailure: fast } : { cacheMissed: fast === 'cache-miss' });
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
