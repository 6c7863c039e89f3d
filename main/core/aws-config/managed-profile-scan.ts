import type { RoleRef } from '../model';
import { MANAGED_KEYS, ROLECALL_KEY_PREFIX } from './managed-profile';
import { isPythonWhitespace, pyRstrip, pyStrip } from './python-text';

/**
 * The credential_process hot path: which role a profile stands for. The AWS CLI runs
 * credential_process on every command, so this must not cost more on a config of ten thousand
 * lines than on a small one: it finds the `[profile NAME]` header Rolecall writes with one
 * string search from the end and reads only that section, with configparser's rules. When that
 * header is not there (a hand-written `[profile "NAME"]`, an indented header, no such profile),
 * managed-profile-lookup.ts parses the whole file to answer exactly as botocore would. This
 * module imports no parser, so that the credential_process keychain bundle stays small.
 */
export type ManagedProfileLookup =
  | { status: 'managed'; profile: string; role: RoleRef; region: string | undefined; credentialProcess: string | undefined }
  /** A Rolecall profile missing some of its `rolecall_*` keys. */
  | { status: 'incomplete'; profile: string; missing: string[] }
  /** The profile exists but Rolecall does not manage it. */
  | { status: 'unmanaged'; profile: string }
  | { status: 'missing'; profile: string };

/** The answer for a profile section's options (`values`), the same whichever reader found them. */
export function managedProfileFromValues(profile: string, values: ReadonlyMap<string, string>): ManagedProfileLookup {
  let managed = false;
  for (const key of values.keys()) {
    if (key.startsWith(ROLECALL_KEY_PREFIX)) {
      managed = true;
      break;
    }
  }
  if (!managed) return { status: 'unmanaged', profile };
  const instanceId = values.get(MANAGED_KEYS.instance) || undefined;
  const accountId = values.get(MANAGED_KEYS.accountId) || undefined;
  const roleName = values.get(MANAGED_KEYS.roleName) || undefined;
  if (!instanceId || !accountId || !roleName) {
    const missing = [
      ...(instanceId ? [] : [MANAGED_KEYS.instance]),
      ...(accountId ? [] : [MANAGED_KEYS.accountId]),
      ...(roleName ? [] : [MANAGED_KEYS.roleName]),
    ];
    return { status: 'incomplete', profile, missing };
  }
  return {
    status: 'managed',
    profile,
    role: { instanceId, accountId, roleName },
    region: values.get('region') || undefined,
    credentialProcess: values.get('credential_process') || undefined,
  };
}

/**
 * The answer from the `[profile NAME]` header Rolecall writes, found with one string search
 * from the end; undefined when that header is not there and the whole file must be parsed.
 */
export function scanManagedProfile(text: string, profile: string): ManagedProfileLookup | undefined {
  // `[default]` is never Rolecall's; the slow path answers for it.
  if (profile === 'default' || profile === '') return undefined;
  const header = `[profile ${profile}]`;
  for (let at = text.lastIndexOf(header); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(header, at - 1)) {
    if (!atLineStart(text, at)) continue;
    const lineEnd = endOfLine(text, at + header.length);
    // botocore's header runs to the last `]` on the line.
    if (text.lastIndexOf(']', lineEnd - 1) !== at + header.length - 1) continue;
    return managedProfileFromValues(profile, readSectionBody(text, nextLineStart(text, lineEnd)));
  }
  return undefined;
}

function atLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  return before === 0x0a || before === 0x0d || (at === 1 && before === 0xfeff);
}

function endOfLine(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? lineEnd + 2 : lineEnd + 1;
}

/** The options of the section whose body starts at `from`, read with configparser's rules. */
function readSectionBody(text: string, from: number): Map<string, string> {
  const values = new Map<string, string>();
  // The option whose continuation lines may follow, and whether its value is being kept.
  let key: string | undefined;
  let keeping = false;
  let keyIndent = 0;
  for (let start = from; start < text.length; ) {
    const end = endOfLine(text, start);
    const line = text.slice(start, end);
    start = nextLineStart(text, end);
    let indent = 0;
    while (indent < line.length && isPythonWhitespace(line.charCodeAt(indent))) indent += 1;
    if (indent === line.length) {
      if (key !== undefined && keeping) values.set(key, `${values.get(key)}\n`);
      continue;
    }
    const first = line.charCodeAt(indent);
    if (first === 0x23 || first === 0x3b) continue;
    const stripped = pyStrip(line);
    if (key !== undefined && indent > keyIndent) {
      if (keeping) values.set(key, `${values.get(key)}\n${stripped}`);
      continue;
    }
    if (first === 0x5b && stripped.lastIndexOf(']') >= 2) break;
    const eq = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    const delimiter = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    keyIndent = indent;
    if (delimiter <= 0) {
      key = undefined;
      continue;
    }
    key = pyRstrip(stripped.slice(0, delimiter)).toLowerCase();
    // A repeated key makes botocore reject the file; the first one is kept here.
    keeping = !values.has(key);
    if (keeping) values.set(key, pyStrip(stripped.slice(delimiter + 1)));
  }
  for (const [name, value] of values) values.set(name, pyRstrip(value));
  return values;
}
