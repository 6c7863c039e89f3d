/**
 * Finds issued secrets where they must never be: a place leaks when it holds `CANARY` (every
 * secret the Identity Center emulator issues carries it) or any 20 characters of an issued
 * secret, so a secret that was cut, wrapped or re-encoded around the marker is caught too.
 */
export const LEAK_WINDOW = 20;

export interface Place {
  /** Where the text was found: a file path, "log line 3", "stderr of rolecall sync". */
  where: string;
  text: string;
}

/** One line per leaking place, saying where and how (never quoting the secret); empty when none leaks. */
export function leaksIn(places: readonly Place[], secrets: readonly string[]): string[] {
  const windows = new Set<string>();
  for (const secret of secrets) for (let i = 0; i + LEAK_WINDOW <= secret.length; i += 1) windows.add(secret.slice(i, i + LEAK_WINDOW));
  const found: string[] = [];
  for (const { where, text } of places) {
    if (text.includes('CANARY')) {
      found.push(`${where}: holds CANARY at offset ${text.indexOf('CANARY')}`);
      continue;
    }
    for (let i = 0; i + LEAK_WINDOW <= text.length; i += 1) {
      if (windows.has(text.slice(i, i + LEAK_WINDOW))) {
        found.push(`${where}: holds ${LEAK_WINDOW} characters of an issued secret at offset ${i}`);
        break;
      }
    }
  }
  return found;
}
