/**
 * Who may call the main process. Only the top frame of Rolecall's own window, showing one of
 * the app's own pages, gets an answer; any other webContents or frame (a page that somehow got
 * loaded, an iframe, a window that is not ours) is refused before its arguments are looked at.
 */

/** The parts of an IPC event the policy looks at; Electron's IpcMainInvokeEvent has them. */
export interface IpcSender {
  sender: { id: number };
  senderFrame: { url: string; parent?: unknown } | null;
}

export type SenderVerdict = { allowed: true } | { allowed: false; reason: string };
export type SenderPolicy = (event: IpcSender) => SenderVerdict;

export interface AppSenderPolicyOptions {
  /** The id of the main window's webContents, or undefined while there is no window. */
  windowWebContentsId: () => number | undefined;
  /** True for URLs of the app's own pages. */
  isAppUrl: (url: string) => boolean;
}

/** The policy for the app: our window, its top frame, our page. */
export function createAppSenderPolicy(options: AppSenderPolicyOptions): SenderPolicy {
  return (event) => {
    const expected = options.windowWebContentsId();
    if (expected === undefined || event.sender.id !== expected) return { allowed: false, reason: 'not-our-window' };
    const frame = event.senderFrame;
    if (frame === null) return { allowed: false, reason: 'frame-gone' };
    if (frame.parent !== undefined && frame.parent !== null) return { allowed: false, reason: 'sub-frame' };
    if (!options.isAppUrl(frame.url)) return { allowed: false, reason: 'not-our-page' };
    return { allowed: true };
  };
}

/** Where a refused call came from, for the log: scheme and host only (a URL may carry a token). */
export function describeSenderUrl(url: string | undefined): string {
  if (url === undefined) return 'none';
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparseable';
  }
}
