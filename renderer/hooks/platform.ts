/** macOS uses ⌘ where other systems use Ctrl. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The label of the primary modifier key in shortcuts. */
export const MOD_KEY_LABEL = IS_MAC ? '⌘' : 'Ctrl';

/** Whether the platform's primary modifier (⌘ on macOS, Ctrl elsewhere) is held. */
export function hasModKey(e: KeyboardEvent): boolean {
  return IS_MAC ? e.metaKey : e.ctrlKey;
}

/** The shell whose syntax "Copy env" uses unless the user picks another. */
export const DEFAULT_SHELL = typeof navigator !== 'undefined' && /Win/.test(navigator.platform) ? 'powershell' : 'bash';
