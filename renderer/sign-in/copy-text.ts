/**
 * Puts text the user is looking at (a device code, never a secret) on the clipboard. The async
 * clipboard API needs a permission the window may not have; selecting the text and copying
 * it is the fallback that always works on a click.
 */
export async function copyVisibleText(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    if (element === null) throw error;
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(element);
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}
