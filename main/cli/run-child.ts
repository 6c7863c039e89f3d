/**
 * Runs a command for `rolecall exec` so that, to the caller, it looks as if the command ran
 * directly: same streams, the child's exit code, and death by the child's signal.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { RolecallError, systemErrorCode } from '../core/errors';

/** Signals passed on to the child. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
/** Signals a terminal sends to the whole foreground process group: the child already has them. */
const FROM_TERMINAL: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGQUIT']);

/** The command to run was not found or could not be started. */
export class CommandStartError extends RolecallError {
  readonly exitCode: number;

  constructor(command: string, reason: 'not-found' | 'not-executable' | 'failed', cause: unknown) {
    super(
      'command-start-failed',
      reason === 'not-found'
        ? `Command not found: ${command}`
        : reason === 'not-executable'
          ? `Command is not executable: ${command}`
          : `Could not start ${command}.`,
      { hint: 'Check the command name and your PATH.', cause },
    );
    // The exit codes shells use for the same situations.
    this.exitCode = reason === 'not-found' ? 127 : 126;
  }
}

/**
 * Runs `command args` with `env` and the caller's stdio. Resolves with the child's exit code;
 * when the child died of a signal, this process re-raises that signal on itself (after the
 * caller's cleanup, via `dieBySignal`) so its parent sees the same thing.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { stdinIsTTY: boolean },
): Promise<{ code: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of FORWARDED) {
      const handler = () => {
        if (options.stdinIsTTY && FROM_TERMINAL.has(signal)) return;
        child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    const cleanUp = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once('error', (error) => {
      cleanUp();
      const code = systemErrorCode(error);
      reject(new CommandStartError(command, code === 'ENOENT' ? 'not-found' : code === 'EACCES' ? 'not-executable' : 'failed', error));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve({ code: code ?? 128 + signalNumber(signal), signal });
    });
  });
}

/** Ends this process by `signal`, as the child ended. */
export function dieBySignal(signal: NodeJS.Signals): void {
  process.kill(process.pid, signal);
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === null ? 1 : (constants.signals[signal] ?? 1);
}
