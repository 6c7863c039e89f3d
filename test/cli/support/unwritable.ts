import { execFileSync } from 'node:child_process';
import { chmod } from 'node:fs/promises';

/**
 * Makes a file and its folder impossible to change for this user. Root ignores permission
 * bits, so as root the immutable attribute is used instead. Returns the undo.
 */
export async function makeUnwritable(file: string, dir: string): Promise<() => Promise<void>> {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', file, dir]);
    return async () => {
      execFileSync('chattr', ['-i', file, dir]);
    };
  }
  await chmod(file, 0o444);
  await chmod(dir, 0o555);
  return async () => {
    await chmod(dir, 0o755);
    await chmod(file, 0o644);
  };
}
