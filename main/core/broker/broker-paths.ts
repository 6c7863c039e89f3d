/**
 * Where the broker listens and keeps its secret. Loaded on the credential_process hot path, so
 * it only joins strings: no crypto, no I/O, and `node:os` only for the rare long path.
 */
import { join } from 'node:path';

export interface BrokerPaths {
  /** The private folder (0700) holding the secret file and, normally, the socket. */
  dir: string;
  /** The random secret every request must carry (0600). */
  secretFile: string;
  /** The Unix socket path, or the Windows named pipe name. */
  socket: string;
  /** The folder holding the socket, whose owner and mode the client checks before talking. */
  socketDir: string;
}

// sockaddr_un.sun_path holds 104 bytes on macOS and 108 on Linux, including the final NUL.
const MAX_SOCKET_PATH_BYTES = 103;

/**
 * The broker's paths for the app data folder `appDir`. When the socket path would be too long
 * for the OS, the socket moves to a short per-user folder under XDG_RUNTIME_DIR (or the temp
 * folder), named after a hash of `appDir` so that two app data folders never share a broker.
 */
export function brokerPaths(
  appDir: string,
  options: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; uid?: number } = {},
): BrokerPaths {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const dir = join(appDir, 'broker');
  const secretFile = join(dir, 'secret');
  if (platform === 'win32') {
    const user = (env.USERNAME ?? 'user').replace(/[^\w.-]/g, '_');
    return { dir, secretFile, socket: `\\\\.\\pipe\\rolecall-${user}-${fnv1a(appDir.toLowerCase())}`, socketDir: dir };
  }
  const socket = join(dir, 'broker.sock');
  if (Buffer.byteLength(socket) <= MAX_SOCKET_PATH_BYTES) return { dir, secretFile, socket, socketDir: dir };
  const uid = options.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
  const base = env.XDG_RUNTIME_DIR && env.XDG_RUNTIME_DIR !== '' ? env.XDG_RUNTIME_DIR : process.getBuiltinModule('node:os').tmpdir();
  const socketDir = join(base, `rolecall-${uid}-${fnv1a(appDir)}`);
  return { dir, secretFile, socket: join(socketDir, 'broker.sock'), socketDir };
}

/** A short, stable, non-cryptographic name for a path (FNV-1a, 32 bits, hex). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
