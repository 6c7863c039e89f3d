/**
 * Which roles have a Rolecall profile in the AWS config file, and under which name: read from
 * the `rolecall_*` keys of the profiles Rolecall manages. The file is parsed again only when it
 * changed on disk (its size, time or inode), so asking often is cheap.
 */
import { stat } from 'node:fs/promises';
import { readConfigSnapshot } from '../aws-config/config-file';
import { parseConfig } from '../aws-config/config-document';
import { managedSections } from '../aws-config/managed-profile';
import { isRolecallError, systemErrorCode } from '../errors';
import { silentLogger, type Logger } from '../logger';
import { roleKey } from '../../ipc/contract';

export class ProfileIndex {
  private profiles: Readonly<Record<string, string>> = {};
  private seen: string | undefined;
  private reading: Promise<boolean> | undefined;
  private readonly logger: Logger;

  constructor(private readonly options: { configFile: string; logger?: Logger }) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Role key → profile name, as last read. */
  current(): Readonly<Record<string, string>> {
    return this.profiles;
  }

  /**
   * Reads the file again if it changed since the last read; resolves true when the map changed.
   * A file that cannot be read or parsed keeps the last map (and says why in the log).
   */
  refresh(): Promise<boolean> {
    // Concurrent callers share one read.
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<boolean> {
    let version: string;
    try {
      const info = await stat(this.options.configFile);
      version = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') {
        this.logger.warn('AWS config file not readable', { errorCode: systemErrorCode(error) ?? 'unknown' });
        return false;
      }
      version = 'missing';
    }
    if (version === this.seen) return false;
    const next: Record<string, string> = {};
    if (version !== 'missing') {
      try {
        const snapshot = await readConfigSnapshot(this.options.configFile);
        // A role copied by hand has several profiles; the first is the one Rolecall keeps up to date.
        for (const managed of managedSections(parseConfig(snapshot.text, { source: snapshot.path }))) {
          if (managed.role && !Object.hasOwn(next, roleKey(managed.role))) next[roleKey(managed.role)] = managed.name;
        }
      } catch (error) {
        this.logger.warn('AWS config file not parsed; profile names kept as they were', { errorCode: isRolecallError(error) ? error.code : 'unknown' });
        return false;
      }
    }
    this.seen = version;
    const changed = JSON.stringify(next) !== JSON.stringify(this.profiles);
    this.profiles = next;
    return changed;
  }
}
