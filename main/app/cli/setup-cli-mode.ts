/**
 * The app started as the `rolecall` command: run the CLI (or install its launcher) and exit,
 * without a window, a tray or the single-instance lock.
 */
import { app } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appCliCommand, type AppRuntime } from './app-command';
import { installCommandLauncher } from './command-launcher';
import { runCliInApp } from './run-cli-in-app';

export function setupCliMode(args: readonly string[], cliEntry: string, runtime: AppRuntime): void {
  // No window will ever open: skip the GPU process.
  app.disableHardwareAcceleration();
  void runCliInApp({
    cliEntry,
    args,
    selfCommand: appCliCommand(runtime),
    process,
    importModule: (url) => import(url),
    stdout: process.stdout,
    stderr: process.stderr,
    exit: (code) => app.exit(code),
  });
}

export function setupInstallCommandMode(directory: string | undefined, runtime: AppRuntime): void {
  app.disableHardwareAcceleration();
  const done = (code: number, message: string) => {
    (code === 0 ? process.stdout : process.stderr).write(message, () => app.exit(code));
  };
  if (runtime.platform === 'win32') {
    done(0, 'The Rolecall installer already puts `rolecall` on your PATH (open a new terminal to use it).\n');
    return;
  }
  const target = directory ?? join(homedir(), '.local', 'bin');
  installCommandLauncher(target, appCliCommand(runtime), process.env.PATH).then(
    ({ path, onPath }) => done(0, `Installed ${path}.\n${onPath ? '' : `Add ${target} to your PATH to run \`rolecall\` from any terminal.\n`}`),
    (error: unknown) => done(1, `Rolecall could not install its command in ${target}: ${error instanceof Error ? error.message : 'unknown error'}\n`),
  );
}
