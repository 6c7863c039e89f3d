import { InvalidInputError } from '../errors';
import { DEFAULT_SETTINGS } from '../model';

/**
 * Profile names from a template such as `{accountName}/{roleName}`.
 *
 * A name must read the same everywhere: botocore splits `[profile NAME]` like a shell line (so
 * no spaces or quotes), the JS SDK only takes `[profile NAME]` when NAME matches
 * `[\w\-@+.%:/]+` (ASCII), `#`/`;` after whitespace start a comment for the JS SDK,
 * `[profile default]` is the default profile to botocore, and the JS SDK refuses a whole file
 * holding `[profile __proto__]`. Names are therefore made of `A-Z a-z 0-9 _ - . @ + % : /`.
 */

export const DEFAULT_PROFILE_NAME_TEMPLATE = DEFAULT_SETTINGS.profileNameTemplate;

export const PROFILE_NAME_PLACEHOLDERS = ['instance', 'accountName', 'accountId', 'roleName'] as const;
export type ProfileNamePlaceholder = (typeof PROFILE_NAME_PLACEHOLDERS)[number];

/** What a template is filled with. */
export interface ProfileNameFields {
  instanceId: string;
  accountId: string;
  accountName: string;
  roleName: string;
}

const VALID_NAME = /^[A-Za-z0-9_.@+%:/-]+$/;
/** Names no SDK may be given as an ordinary profile. */
const RESERVED_NAMES = new Set(['default', '__proto__']);

/** True when `name` can be written as `[profile name]` and read back by botocore and the SDKs. */
export function isUsableProfileName(name: string): boolean {
  return VALID_NAME.test(name) && !name.startsWith('-') && !RESERVED_NAMES.has(name);
}

/** Throws a clear InvalidInputError for a name the user typed that cannot be used. */
export function assertUsableProfileName(name: string): void {
  if (RESERVED_NAMES.has(name)) {
    throw new InvalidInputError(`"${name}" cannot be a Rolecall profile name.`, {
      hint: name === 'default' ? 'Rolecall does not write the default profile; pick another name.' : 'Pick another name.',
    });
  }
  if (!isUsableProfileName(name)) {
    throw new InvalidInputError(`"${name}" cannot be a profile name.`, {
      hint: 'Use letters, digits and _ - . @ + % : / only, not starting with "-".',
    });
  }
}

/** Checks the placeholders of a template; throws InvalidInputError naming what is wrong. */
export function validateProfileNameTemplate(template: string): void {
  if (template.trim() === '') throw new InvalidInputError('The profile name template is empty.', { hint: `The default is ${DEFAULT_PROFILE_NAME_TEMPLATE}.` });
  if (/[\r\n]/.test(template)) throw new InvalidInputError('The profile name template contains a line break.');
  const known = new Set<string>(PROFILE_NAME_PLACEHOLDERS);
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] as string;
    if (!known.has(name)) {
      throw new InvalidInputError(`The profile name template has an unknown placeholder {${name}}.`, {
        hint: `Use ${PROFILE_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
      });
    }
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) {
    throw new InvalidInputError('The profile name template has an unmatched brace.', { hint: `For example ${DEFAULT_PROFILE_NAME_TEMPLATE}.` });
  }
}

/** Fills the template and makes the result a usable profile name (see `sanitizeProfileName`). */
export function renderProfileName(template: string, fields: ProfileNameFields): string {
  const values: Record<ProfileNamePlaceholder, string> = {
    instance: fields.instanceId,
    accountName: fields.accountName,
    accountId: fields.accountId,
    roleName: fields.roleName,
  };
  const raw = template.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    name in values ? values[name as ProfileNamePlaceholder] : whole,
  );
  const name = sanitizeProfileName(raw);
  return name === '' ? sanitizeProfileName(`${fields.accountId}-${fields.roleName}`) : name;
}

/**
 * Maps any text to the profile-name alphabet: accents dropped (é → e), every other run of
 * unusable characters (spaces, brackets, quotes, `#`, `;`, `=`, non-Latin letters…) becomes one
 * `-`, repeated `/` collapse, and `-` or `/` at either end are removed. May return ''.
 */
export function sanitizeProfileName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_.@+:/-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-*\/[-/]*/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
}

/** True for names a generated profile must never take (`default`, `__proto__`). */
export function isReservedProfileName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}
