/**
 * The `rolecall` exit codes. Scripts match on these, so they never change meaning; new
 * situations get new numbers. `rolecall --help` prints this table.
 */
export const ExitCode = {
  ok: 0,
  /** Something failed that no more specific code describes. */
  failure: 1,
  /** The command line was wrong (unknown command or flag, missing value). */
  usage: 2,
  /** The instance was never signed in, or its session ended: run `rolecall login`. */
  signInNeeded: 3,
  /** The OS keychain (Secret Service, Keychain, Credential Manager) cannot be reached or is locked. */
  keychainUnavailable: 4,
  /** The AWS config file cannot be read, parsed or written. */
  configProblem: 5,
  /** A profile, instance, account or role that was named does not exist (or is no longer assigned). */
  notFound: 6,
  /** Identity Center could not be reached, refused too many requests, or failed. */
  serviceUnavailable: 7,
  /** The computer's clock is too far from the server's. */
  clockSkew: 8,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per code, for help output and docs. */
export const EXIT_CODE_TABLE: readonly [number, string][] = [
  [ExitCode.ok, 'success'],
  [ExitCode.failure, 'failure not covered below'],
  [ExitCode.usage, 'wrong command line'],
  [ExitCode.signInNeeded, 'not signed in, or the session ended (run `rolecall login`)'],
  [ExitCode.keychainUnavailable, 'the OS keychain is unavailable or locked'],
  [ExitCode.configProblem, 'the AWS config file cannot be read, parsed or written'],
  [ExitCode.notFound, 'unknown profile, instance, account or role'],
  [ExitCode.serviceUnavailable, 'Identity Center unreachable, throttling, or failing'],
  [ExitCode.clockSkew, "this computer's clock is off"],
  [ExitCode.interrupted, 'interrupted'],
];
