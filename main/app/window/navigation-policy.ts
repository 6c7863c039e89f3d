/**
 * What happens when a page tries to go somewhere. The window never leaves the app's own
 * pages: a link to the web goes to the product's browser opener (which itself refuses
 * anything but AWS and sign-in URLs), everything else is dropped.
 */
export type NavigationDecision = { action: 'allow' } | { action: 'open-externally'; url: string } | { action: 'block' };

export function decideNavigation(url: string, isAppUrl: (url: string) => boolean): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  return isWebUrl(url) ? { action: 'open-externally', url } : { action: 'block' };
}

/** `window.open` and `target=_blank` never create a window; web links go to the opener. */
export function decideWindowOpen(url: string): NavigationDecision {
  return isWebUrl(url) ? { action: 'open-externally', url } : { action: 'block' };
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
