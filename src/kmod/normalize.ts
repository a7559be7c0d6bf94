/**
 * kmod's alias normalization (`alias_normalize` in libkmod), applied by depmod to every
 * alias pattern it writes and by modprobe to every alias it is asked to look up.
 *
 * Exact semantics, reading the input as a C string (it ends at the first NUL, if any):
 * - The scan runs over offsets 0..4094 (`i < PATH_MAX - 1`); whatever lies beyond is cut off.
 * - `-` becomes `_`; every other character is copied unchanged.
 * - `[` starts a bracket group that is copied verbatim up to and including the FIRST `]`
 *   after it, with no escape handling (`\]` closes the group too) and `-` left as is. This
 *   inner copy is not bounded by the 4095 limit: a group that starts before offset 4095 and
 *   closes after it is copied whole, so the result can be longer than 4095 characters.
 *   (kmod writes such a group past the end of its PATH_MAX buffer; here it is simply kept.)
 * - A `]` outside a group, or a `[` with no later `]` (within the whole input), makes the
 *   alias invalid: kmod returns -EINVAL, depmod drops the alias ("Unmatched bracket") and
 *   modprobe rejects the lookup.
 */
/**
 * kmod's `underscores()`: how a module name or alias pattern from a
 * configuration file is normalized before it is stored.
 *
 * Every `-` becomes `_`, except inside a bracket expression: at a `[` the
 * text up to the next `]` is kept as it is (the first `]` closes it; there is
 * no escaping). A `[` without a `]` after it, or a `]` outside brackets, makes
 * the whole word unusable, and kmod then ignores the line it is on.
 */
/**
 * Turning a modalias string into the key kmod would look up.
 *
 * kmod works on bytes: a string is taken as its UTF-8 bytes and bytes as
 * they are, one char per byte, so that `?` matches one byte as in kmod. Then
 * kmod's normalization applies (`-` to `_` outside brackets, unmatched
 * brackets rejected, cut at 4095 chars). A NUL cannot reach kmod through a
 * C string, so it is rejected.
 */

/** Outcome of {@link normalizeAlias}. */
export type Normalized = { ok: true; value: string } | { ok: false; reason: string };

/** The offset at which kmod's scan stops (`PATH_MAX - 1`). */
const NORMALIZE_LIMIT = 4095;

/** Characters that normalization rewrites, rejects or stops at. */
const NEEDS_WORK = /[-[\]\0]/;

const DASH = 0x2d;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** Normalizes an alias pattern or key exactly as kmod's `alias_normalize` does. */
export function normalizeAlias(text: string): Normalized {
  if (text.length <= NORMALIZE_LIMIT && !NEEDS_WORK.test(text)) return { ok: true, value: text };
  const nul = text.indexOf("\0");
  const input = nul < 0 ? text : text.slice(0, nul);
  const end = input.length;
  let out = "";
  let copiedFrom = 0;
  let i = 0;
  for (; i < NORMALIZE_LIMIT && i < end; i++) {
    const c = input.charCodeAt(i);
    if (c === DASH) {
      out += `${input.slice(copiedFrom, i)}_`;
      copiedFrom = i + 1;
    } else if (c === CLOSE) {
      return { ok: false, reason: "unmatched bracket" };
    } else if (c === OPEN) {
      const close = input.indexOf("]", i + 1);
      if (close < 0) return { ok: false, reason: "unmatched bracket" };
      i = close;
    }
  }
  return { ok: true, value: out + input.slice(copiedFrom, i) };
}

/** The normalized word, or null when its brackets do not match. */
export function underscores(word: string): string | null {
  let out = "";
  let pos = 0;
  while (pos < word.length) {
    const char = word[pos]!;
    if (char === "]") return null;
    if (char === "[") {
      const close = word.indexOf("]", pos);
      if (close < 0) return null;
      out += word.slice(pos, close + 1);
      pos = close + 1;
      continue;
    }
    out += char === "-" ? "_" : char;
    pos++;
  }
  return out;
}

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
