/**
 * Turning a modalias string into the key kmod would look up.
 *
 * kmod works on bytes: a string is taken as its UTF-8 bytes and bytes as
 * they are, one char per byte, so that `?` matches one byte as in kmod. Then
 * kmod's normalization applies (`-` to `_` outside brackets, unmatched
 * brackets rejected, cut at 4095 chars). A NUL cannot reach kmod through a
 * C string, so it is rejected.
 */
import { normalizeAlias } from "../pattern/normalize.js";

export class InvalidKeyError extends Error {
  constructor(
    readonly modalias: string,
    reason: string,
  ) {
    super(`invalid modalias ${JSON.stringify(modalias)}: ${reason}`);
    this.name = "InvalidKeyError";
  }
}

/** The normalized lookup key for a modalias; throws {@link InvalidKeyError}. */
export function toKey(modalias: string | Uint8Array): string {
  const bytes = typeof modalias === "string" ? asBytes(modalias) : Buffer.from(modalias).toString("latin1");
  if (bytes.includes("\0")) throw new InvalidKeyError(bytes, "contains a NUL byte");
  const normalized = normalizeAlias(bytes);
  if (!normalized.ok) throw new InvalidKeyError(bytes, normalized.reason);
  return normalized.value;
}

/** A string as one char per UTF-8 byte (unchanged when it is ASCII). */
function asBytes(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.from(text, "utf8").toString("latin1");
  }
  return text;
}
