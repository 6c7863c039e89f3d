import { readFileSync } from 'node:fs';
import { systemErrorCode } from '../errors';
import type { ConfigDocument } from './config-document';
import { parseConfig, profileSections } from './config-document';
import { managedProfileFromValues, scanManagedProfile, type ManagedProfileLookup } from './managed-profile-scan';

export type { ManagedProfileLookup } from './managed-profile-scan';

/*
 * Which role a profile stands for, exactly as botocore reads the file: the header scan of
 * managed-profile-scan.ts first, the whole-file parse only when the header is not where
 * Rolecall writes it.
 */

/**
 * Reads the config file (synchronously: this is the whole of the hot path's work) and looks
 * `profile` up. A missing file means a missing profile.
 */
export function lookupManagedProfileInFile(path: string, profile: string): ManagedProfileLookup {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT' || systemErrorCode(error) === 'ENOTDIR') return { status: 'missing', profile };
    throw error;
  }
  return lookupManagedProfile(text, profile, path);
}

/** Looks `profile` up in the config file's text. May throw ConfigFileMalformedError on the slow path. */
export function lookupManagedProfile(text: string, profile: string, source?: string): ManagedProfileLookup {
  const fast = scanManagedProfile(text, profile);
  if (fast) return fast;
  return lookupInDocument(parseConfig(text, source === undefined ? {} : { source }), profile);
}

/** The same answer from a parsed document: the last section botocore maps to `profile` wins. */
export function lookupInDocument(document: ConfigDocument, profile: string): ManagedProfileLookup {
  const sections = profileSections(document, profile);
  const section = sections[sections.length - 1];
  if (!section) return { status: 'missing', profile };
  const values = new Map<string, string>();
  for (const option of section.options) values.set(option.key, option.value);
  return managedProfileFromValues(profile, section.kind === 'profile' ? values : new Map());
}

