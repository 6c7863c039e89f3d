/**
 * Starting a program that outlives Rolecall (a browser, a terminal window): argv only, never a
 * shell, detached, with no pipes back to us. Shared by the browser opener and the terminal
 * launcher; tests pass a recording launcher or a real `spawn`.
 */
import type { SpawnOptions } from 'node:child_process';
import { systemErrorCode } from '../errors';
import { LaunchError } from './errors';

export interface LaunchOptions {
  /** The complete environment of the new process (not merged with ours). */
  env?: Record<string, string | undefined>;
  /** Windows only: pass `args` to the program exactly as written, without C runtime quoting (cmd.exe needs this). */
  windowsVerbatimArguments?: boolean;
}

export interface ProcessLauncher {
  /** Resolves once the program has started; rejects with LaunchError when it could not be. */
  launch(command: string, args: readonly string[], options?: LaunchOptions): Promise<void>;
}

/** The parts of a ChildProcess the launcher uses. */
export interface SpawnedProcess {
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  unref(): void;
}

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => SpawnedProcess;

/** A launcher over `spawn` (node:child_process's, or a test's). */
export function createDetachedLauncher(spawn: SpawnFunction): ProcessLauncher {
  return {
    launch(command, args, options = {}) {
      return new Promise<void>((resolve, reject) => {
        let child: SpawnedProcess;
        try {
          child = spawn(command, args, {
            detached: true,
            stdio: 'ignore',
            shell: false,
            windowsHide: false,
            ...(options.env === undefined ? {} : { env: options.env }),
            ...(options.windowsVerbatimArguments ? { windowsVerbatimArguments: true } : {}),
          });
        } catch (error) {
          reject(new LaunchError(command, { cause: error, systemCode: systemErrorCode(error) }));
          return;
        }
        child.once('error', (error) => reject(new LaunchError(command, { cause: error, systemCode: systemErrorCode(error) })));
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      });
    },
  };
}
