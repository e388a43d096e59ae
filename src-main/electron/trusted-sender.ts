/**
 * An IPC message is trusted only when it comes from the top frame of a Fanout window that shows
 * the bundled renderer (a file:// URL inside the app's renderer folder).
 */
export function isTrustedRendererUrl(senderUrl: string, rendererIndexUrl: string): boolean {
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(senderUrl);
    expected = new URL(rendererIndexUrl);
  } catch {
    return false;
  }
  return sender.protocol === 'file:' && sender.protocol === expected.protocol && sender.pathname === expected.pathname;
}
