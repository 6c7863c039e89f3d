/**
 * Runs the bundled `rolecall` CLI inside the app's main process. The CLI entry reads
 * `process.argv` and sets `process.exitCode` when its command is done (its module finishes
 * evaluating then), so the app only has to give it an argv, wait, flush the output and exit.
 */
import { pathToFileURL } from 'node:url';

/** Tells the CLI which command line runs it again (for the credential_process lines it writes). */
export const CLI_COMMAND_ENV = 'ROLECALL_CLI_COMMAND';

export interface CliProcess {
  argv: string[];
  exitCode?: number | string | null | undefined;
  env: NodeJS.ProcessEnv;
}

export interface Flushable {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

export interface CliInAppOptions {
  /** Absolute path of the bundled CLI entry (`dist/cli/rolecall.js`). */
  cliEntry: string;
  /** The CLI's arguments. */
  args: readonly string[];
  /** The argv prefix that runs the CLI through this app (see appCliCommand). */
  selfCommand: readonly string[];
  process: CliProcess;
  importModule(url: string): Promise<unknown>;
  stdout: Flushable;
  stderr: Flushable;
  exit(code: number): void;
}

/** Exit code when the CLI itself could not be loaded (sysexits' EX_SOFTWARE). */
export const CLI_LOAD_FAILED_EXIT = 70;

export async function runCliInApp(options: CliInAppOptions): Promise<void> {
  const { process } = options;
  process.argv = [options.selfCommand[0] ?? process.argv[0] ?? 'rolecall', options.cliEntry, ...options.args];
  process.env[CLI_COMMAND_ENV] = JSON.stringify(options.selfCommand);
  let code: number;
  try {
    await options.importModule(pathToFileURL(options.cliEntry).href);
    code = exitCodeOf(process.exitCode);
  } catch (error) {
    await write(options.stderr, `rolecall: the command line tool inside this app could not start (${error instanceof Error ? error.name : 'unknown error'}).\n`);
    code = CLI_LOAD_FAILED_EXIT;
  }
  await write(options.stdout, '');
  await write(options.stderr, '');
  options.exit(code);
}

function exitCodeOf(value: number | string | null | undefined): number {
  if (value === undefined || value === null || value === '') return 0;
  const code = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(code) ? code : 1;
}

/** Resolves once `chunk` (and everything queued before it) has been handed to the OS. */
function write(stream: Flushable, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(chunk, () => resolve());
  });
}
