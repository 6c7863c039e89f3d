/**
 * The user's settings, kept in one JSON file in the app data folder. Reads fall back to the
 * default for any value that is missing or not valid; writes are validated first, merged with
 * the newest file under a cross-process lock (the CLI may write too) and replaced atomically.
 */
import { readFile, rename } from 'node:fs/promises';
import { InvalidInputError, systemErrorCode } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { silentLogger, type Logger } from '../logger';
import type { Settings } from '../model';
import { applySettingsPatch, changedSettingKeys, cloneSettings, isValidSettingsPatch, settingsFromStored } from './settings-validation';

export type SettingsListener = (settings: Settings, changed: (keyof Settings)[]) => void;

export interface SettingsStore {
  /** The settings as last read or written (a copy). */
  current(): Settings;
  /**
   * Validates `patch`, applies it to the newest settings on disk and saves the result.
   * Throws InvalidInputError (nothing written) when any key or value is not valid.
   */
  update(patch: Partial<Settings>): Promise<Settings>;
  /** Reads the file again (after another process changed it), notifying listeners of changes. */
  reload(): Promise<Settings>;
  /** Called after every change with the new settings and the keys that changed. */
  onChange(listener: SettingsListener): () => void;
}

export interface SettingsStoreOptions {
  /** The settings file, normally `<app data>/settings.json`. */
  file: string;
  logger?: Logger;
}

/** Opens the settings file (a missing file means all defaults). */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const logger = options.logger ?? silentLogger;
  const { file } = options;
  const lockFile = `${file}.lock`;
  const listeners = new Set<SettingsListener>();
  let current = await readSettingsFile(file, logger);

  const publish = (next: Settings) => {
    const changed = changedSettingKeys(current, next);
    current = next;
    if (changed.length === 0) return;
    for (const listener of listeners) {
      try {
        listener(cloneSettings(next), changed);
      } catch (error) {
        logger.error('A settings listener failed', { error: error instanceof Error ? error.name : typeof error });
      }
    }
  };

  return {
    current: () => cloneSettings(current),
    async update(patch) {
      if (!isValidSettingsPatch(patch)) {
        throw new InvalidInputError('Rolecall did not save these settings: a value is missing, unknown or out of range.', {
          hint: 'Check the values against the settings the window offers.',
        });
      }
      const next = await withFileLock(lockFile, async () => {
        const onDisk = await readSettingsFile(file, logger);
        const merged = applySettingsPatch(onDisk, patch);
        await writeFileAtomic(file, `${JSON.stringify(merged, null, 2)}\n`);
        return merged;
      });
      publish(next);
      return cloneSettings(next);
    },
    async reload() {
      publish(await readSettingsFile(file, logger));
      return cloneSettings(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

async function readSettingsFile(file: string, logger: Logger): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return settingsFromStored(undefined).settings;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Keep the unreadable file for the user to inspect instead of overwriting it at the next save.
    const aside = `${file}.unreadable`;
    await rename(file, aside).catch((error: unknown) => logger.warn('Could not move the unreadable settings file aside', { file, errorCode: systemErrorCode(error) }));
    logger.warn('The settings file is not valid JSON; using the defaults', { file, movedTo: aside });
    return settingsFromStored(undefined).settings;
  }
  const stored = settingsFromStored(raw);
  if (stored.rejected.length > 0) {
    logger.warn('Some saved settings were not valid and fell back to their defaults', { file, settings: stored.rejected.join(',') });
  }
  return stored.settings;
}
