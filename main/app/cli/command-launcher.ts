/**
 * A small `rolecall` script that runs the CLI through the app, for a folder on PATH. The
 * packages ship static launchers (build/launchers); this one is written on request
 * (`Rolecall --install-command [DIR]`) for installs without an installer: an AppImage, or an
 * app dragged into /Applications.
 */
import { access, chmod, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomic-write';

/** A POSIX sh script that execs `command` with the script's own arguments appended. */
export function posixLauncherScript(command: readonly string[]): string {
  return ['#!/bin/sh', '# Runs the Rolecall command line tool through the Rolecall app.', `exec ${command.map(shellQuote).join(' ')} "$@"`, ''].join('\n');
}

/** Single quotes: sh takes every character inside literally. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export interface InstalledLauncher {
  path: string;
  /** False when the folder is not on PATH yet (the user has to add it). */
  onPath: boolean;
}

/** Writes `<directory>/rolecall` (mode 0755) running `command`. */
export async function installCommandLauncher(directory: string, command: readonly string[], pathVariable: string | undefined): Promise<InstalledLauncher> {
  const path = join(directory, 'rolecall');
  await writeFileAtomic(path, posixLauncherScript(command), { mode: 0o755 });
  // An older launcher keeps its mode through the atomic write; it must stay executable.
  await chmod(path, 0o755);
  await access(path, constants.X_OK);
  const onPath = (pathVariable ?? '').split(delimiter).some((entry) => entry.replace(/\/+$/, '') === directory.replace(/\/+$/, ''));
  return { path, onPath };
}
