/**
 * Scheme and host of a URL. Not `URL.origin`: for a custom scheme such as app:// it is the
 * string "null", the same for every app:// or foo:// URL, which would make any comparison pass.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** What the IPC handler knows of a call's sender, read off Electron's event. */
export interface SenderFacts {
  senderId: number;
  windowContentsId: number | null;
  isMainFrame: boolean;
  frameUrl: string | null;
}

/**
 * A call is trusted only from the main window's own web contents, from its top frame (no iframe),
 * on the application's origin. Kept free of Electron so it is tested under plain Node.
 */
export function isTrustedSender(facts: SenderFacts, appOrigin: string): boolean {
  if (facts.windowContentsId === null || facts.senderId !== facts.windowContentsId) return false;
  if (!facts.isMainFrame || !facts.frameUrl) return false;
  return originOf(facts.frameUrl) === appOrigin;
}
