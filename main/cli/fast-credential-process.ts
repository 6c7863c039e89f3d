/**
 * `rolecall credential-process --profile NAME`, the command the AWS CLI runs before every
 * call, on a cache hit. With a broker running (the app or `rolecall daemon`) it costs one
 * local socket round trip: the broker reads the profile from the AWS config file itself and
 * answers from memory. This module is bundled into the CLI entry and loads nothing else: no
 * argument parser, no config reader, no AWS SDK. Without a broker the entry loads the keychain
 * bundle (fast-keychain.ts); whatever neither can answer goes to the full CLI.
 *
 * The request is made here with as few steps as the protocol allows (one connection, one timer,
 * one request), over `connectLocal`, which on POSIX skips `net` and its streams (about 3 ms of
 * a call that otherwise costs little more than Node's own start); the general client
 * (core/broker/broker-client.ts) serves every other caller.
 * Both read the secret with `readBrokerSecret` (which checks the broker's folder first) and the
 * answers with the protocol's own `parseAnswer`.
 */
import { resolve } from 'node:path';
import { appDataDir, awsConfigFile } from '../core/app-paths';
import { brokerPaths } from '../core/broker/broker-paths';
import { BROKER_PROTOCOL_VERSION, MAX_LINE_BYTES, brokerRefusal, parseAnswer, type BrokerErrorBody } from '../core/broker/protocol';
import { readBrokerSecret } from '../core/broker/broker-secret';
import { connectLocal } from '../core/local-socket/local-connection';
import type { RoleCredentials } from '../core/model';
import { answerWith, type FastOutcome } from './fast-answer';
import { signInPolicy, waitingForSignInLine } from './sign-in-policy';

/**
 * The profile name when `argv` is exactly `credential-process --profile NAME` (or
 * `--profile=NAME`), the form Rolecall writes; anything else goes through the full parser.
 */
export function fastCredentialProcessProfile(argv: readonly string[]): string | undefined {
  if (argv[0] !== 'credential-process') return undefined;
  let name: string | undefined;
  if (argv.length === 3 && argv[1] === '--profile') name = argv[2];
  else if (argv.length === 2 && argv[1]?.startsWith('--profile=')) name = argv[1].slice('--profile='.length);
  return name !== undefined && name !== '' && !name.startsWith('-') ? name : undefined;
}

/** How long the broker may take to answer or to say it is working on it (`pending`). */
const FIRST_ANSWER_TIMEOUT_MS = 1_000;
/** How long a broker that said it is working may take: a sign-in included. */
const WORK_TIMEOUT_MS = 15 * 60_000;

/**
 * The broker's answer for `profile`: `no-broker` when none runs or it could not be used, the
 * broker's error when it reported one.
 */
export function answerFromBroker(profile: string): Promise<FastOutcome | 'no-broker' | BrokerErrorBody> {
  const env = process.env;
  const platform = process.platform;
  const paths = brokerPaths(appDataDir(env, platform), { env, platform });
  const found = readBrokerSecret(paths);
  if ('reason' in found) return Promise.resolve('no-broker');
  const id = `${process.pid}-1`;
  const request = JSON.stringify({
    v: BROKER_PROTOCOL_VERSION,
    id,
    auth: found.secret,
    op: 'profile-credentials',
    profile,
    configFile: resolve(awsConfigFile(env)),
    interactive: signInPolicy(env, platform).allowed,
  });
  const connection = connectLocal({ path: paths.socket }, env);
  return new Promise((settle) => {
    let buffered: Buffer | undefined;
    let done = false;
    let timer = setTimeout(() => finish('no-broker'), FIRST_ANSWER_TIMEOUT_MS);
    function finish(outcome: FastOutcome | 'no-broker' | BrokerErrorBody): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      connection.destroy();
      settle(outcome);
    }
    // Anything but a well-formed answer (refused, closed, garbage) means: work without the broker.
    connection.onEnd = () => finish('no-broker');
    connection.onData = (chunk) => {
      buffered = buffered === undefined ? chunk : Buffer.concat([buffered, chunk]);
      let newline: number;
      while (!done && (newline = buffered.indexOf(0x0a)) >= 0) {
        const answer = parseAnswer(buffered.toString('utf8', 0, newline));
        buffered = buffered.subarray(newline + 1);
        if (!answer || answer.id !== id) return finish('no-broker');
        if (answer.type === 'pending') {
          if (answer.reason === 'signing-in') process.stderr.write(waitingForSignInLine(answer.instanceId));
          clearTimeout(timer);
          timer = setTimeout(() => finish('no-broker'), WORK_TIMEOUT_MS);
          continue;
        }
        if (answer.type === 'credentials') return finish(answerOrFull(answer.credentials));
        if (answer.type !== 'error' || brokerRefusal(answer.error.code)) return finish('no-broker');
        // The broker did the work and it failed for a reason this caller would meet too.
        return finish(answer.error);
      }
      if (buffered.length > MAX_LINE_BYTES) finish('no-broker');
    };
    connection.write(`${request}\n`);
  });
}

/** Prints the credentials; `full` when they cannot be handed out (the full CLI says why). */
function answerOrFull(credentials: RoleCredentials): FastOutcome {
  try {
    return answerWith(credentials);
  } catch {
    return 'full';
  }
}
