/**
 * The secret a caller must send the broker, read only when the broker's folder can be trusted.
 * On the credential_process hot path: one file read and one `lstat`.
 */
import { lstatSync, readFileSync } from 'node:fs';
import type { BrokerPaths } from './broker-paths';

/** The secret, or why there is none to use: `absent` (no broker has run here, or it shut down cleanly), `unsafe`. */
export function readBrokerSecret(paths: BrokerPaths): { secret: string } | { reason: 'absent' | 'unsafe' } {
  let secret: string;
  try {
    secret = readFileSync(paths.secretFile, 'utf8').trim();
  } catch {
    return { reason: 'absent' };
  }
  return socketDirIsPrivate(paths) ? { secret } : { reason: 'unsafe' };
}

/**
 * The secret is only sent to a socket in a folder that belongs to this user and that nobody
 * else can enter: otherwise another local user could have planted the socket.
 */
function socketDirIsPrivate(paths: BrokerPaths): boolean {
  if (process.platform === 'win32') return true;
  try {
    const info = lstatSync(paths.socketDir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : info.uid;
    return info.isDirectory() && info.uid === uid && (info.mode & 0o077) === 0;
  } catch {
    // The folder vanished between reading the secret and now: treat as unsafe, fall back.
    return false;
  }
}
