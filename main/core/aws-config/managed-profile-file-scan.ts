import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { scanManagedProfile, type ManagedProfileLookup } from './managed-profile-scan';

/**
 * `scanManagedProfile` on a file, reading only what it must: the `[profile NAME]` header is
 * searched for as bytes from the end of the file, a chunk at a time, and only the part from that
 * header on is read and decoded. On a config of ten thousand lines that spares reading and
 * decoding everything before Rolecall's profile, which is most of what a large file adds to a
 * credential_process call. The answer is always the one `scanManagedProfile` gives for the whole
 * text (a test compares them on generated files); undefined means the same: parse the whole file.
 * Throws what reading the file throws (ENOENT included).
 */
export function scanManagedProfileInFile(path: string, profile: string, chunkBytes = 64 * 1024): ManagedProfileLookup | undefined {
  // `[default]` is never Rolecall's; the whole-file parse answers for it.
  if (profile === 'default' || profile === '') return undefined;
  const header = Buffer.from(`[profile ${profile}]`, 'utf8');
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // Filled from the end; bytes [readFrom, size) have been read.
    const bytes = Buffer.allocUnsafe(size);
    let readFrom = size;
    // Header starts are looked for in windows [lower, upper], moving towards the start.
    for (let upper = size - header.length; upper >= 0; ) {
      const lower = Math.max(0, upper - chunkBytes + 1);
      // Three bytes more than the window: the line-start check looks back over a byte-order mark.
      const need = Math.max(0, lower - 3);
      if (need < readFrom) {
        readRange(fd, bytes, need, readFrom);
        readFrom = need;
      }
      const window = bytes.subarray(lower, Math.min(size, upper + header.length));
      for (let at = window.lastIndexOf(header); at >= 0; at = at === 0 ? -1 : window.lastIndexOf(header, at - 1)) {
        if (!atLineStart(bytes, lower + at)) continue;
        // The last header at a line start: the text scan reads its section. If that header is
        // not one botocore reads this way, the whole text decides.
        const tail = bytes.toString('utf8', lower + at, size);
        const found = scanManagedProfile(tail, profile);
        if (found) return found;
        readRange(fd, bytes, 0, readFrom);
        return scanManagedProfile(bytes.toString('utf8'), profile);
      }
      upper = lower - 1;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readRange(fd: number, into: Buffer, from: number, to: number): void {
  for (let at = from; at < to; ) {
    const read = readSync(fd, into, at, to - at, at);
    // Cut short while being read (a writer that truncates in place): the caller reads it again.
    if (read === 0) throw new Error('the config file changed while it was being read');
    at += read;
  }
}

/** As the text scan's rule: at the start of the file, after a line break, or right after a UTF-8 byte-order mark. */
function atLineStart(bytes: Buffer, at: number): boolean {
  if (at === 0) return true;
  const before = bytes[at - 1];
  return before === 0x0a || before === 0x0d || (at === 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
}
