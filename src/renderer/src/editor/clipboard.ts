/**
 * The last nodes copied in this window, shared by every open definition (so a paste works across
 * definitions even where the system clipboard is not readable, e.g. without a user gesture).
 */
let lastCopied = '';

export function rememberCopied(text: string): void {
  lastCopied = text;
}

export function lastCopiedText(): string {
  return lastCopied;
}
