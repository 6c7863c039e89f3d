/**
 * The broker's view of AWS config files: credential_process callers name a profile and their
 * config file, and the broker says which role that is. The file is read again only when its
 * size, times or inode change, so a caller costs the broker one `stat`.
 */
import { readFile, stat } from 'node:fs/promises';
import { configReadError, resolveProfileIn, type ProfileTarget } from '../aws-config/profile-resolution';

/** How many config files are remembered (callers with different AWS_CONFIG_FILE values). */
const MAX_FILES = 8;

interface CachedFile {
  signature: string;
  text: string;
  targets: Map<string, ProfileTarget>;
}

export class ConfigProfileCache {
  private readonly files = new Map<string, CachedFile>();

  /** The role behind `profile` in `configFile`; throws the same RolecallErrors as the CLI would. */
  async resolve(configFile: string, profile: string): Promise<ProfileTarget> {
    const file = await this.load(configFile, profile);
    let target = file.targets.get(profile);
    if (!target) {
      target = resolveProfileIn(file.text, configFile, profile);
      file.targets.set(profile, target);
    }
    return target;
  }

  private async load(configFile: string, profile: string): Promise<CachedFile> {
    try {
      const info = await stat(configFile, { bigint: true });
      const signature = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
      const cached = this.files.get(configFile);
      if (cached && cached.signature === signature) return cached;
      // Read after the stat: a change in between makes the next caller read the file again.
      return this.remember(configFile, { signature, text: await readFile(configFile, 'utf8'), targets: new Map() });
    } catch (error) {
      this.files.delete(configFile);
      throw configReadError(error, configFile, profile);
    }
  }

  private remember(configFile: string, fresh: CachedFile): CachedFile {
    this.files.delete(configFile);
    this.files.set(configFile, fresh);
    if (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value as string);
    return fresh;
  }
}
