/**
 * kmod's normalization of names, patterns and keys, and the lookup key a modalias becomes.
 *
 * kmod spells module names with `_`: every `-` becomes `_` (so `vfio-pci` and `vfio_pci` are
 * one module). Patterns and keys get the same, except inside a bracket expression:
 *
 * - `alias_normalize` (libkmod), applied by depmod to every alias it writes and by modprobe to
 *   every key it is asked to look up. The input is read as a C string (it ends at its first
 *   NUL) and scanned over offsets 0..4094 (`i < PATH_MAX - 1`); whatever lies beyond is cut
 *   off. `[` starts a group copied verbatim up to and including the FIRST `]` after it, with no
 *   escape handling (`\]` closes it too) and `-` left as is. This inner copy is not bounded by
 *   the 4095 limit: a group that starts before offset 4095 and closes after it is copied whole,
 *   so the result can be longer than 4095 characters (kmod writes such a group past the end of
 *   its PATH_MAX buffer; here it is simply kept). A `]` outside a group, or a `[` with no later
 *   `]`, makes the alias invalid: kmod returns -EINVAL, depmod drops the alias ("Unmatched
 *   bracket") and modprobe rejects the lookup.
 * - `underscores()` (libkmod's configuration reader), applied to module names and alias
 *   patterns of modprobe.d lines: the same rewriting with no length limit; a word with an
 *   unmatched bracket makes kmod ignore its line.
 *
 * A lookup key: kmod works on bytes, so a string is taken as its UTF-8 bytes and bytes as they
 * are, one char per byte, so that `?` matches one byte as in kmod; then `alias_normalize`
 * applies. A NUL cannot reach kmod through a C string, so a key holding one is rejected.
 */

/** Outcome of {@link normalizeAlias}. */
export type Normalized = { ok: true; value: string } | { ok: false; reason: string };

/** The offset at which `alias_normalize` stops (`PATH_MAX - 1`). */
const NORMALIZE_LIMIT = 4095;

/** Characters that normalization rewrites, rejects or stops at. */
const NEEDS_WORK = /[-[\]\0]/;

/** The same, and any char that is not one byte (a regular expression scans faster than a char loop). */
const NOT_OWN_KEY = /[-[\]\0\u0080-\uffff]/;

const DASH = 0x2d;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** A string as C reads it: up to its first NUL. */
export function cString(text: string): string {
  const nul = text.indexOf("\0");
  return nul < 0 ? text : text.slice(0, nul);
}

/**
 * Whether `name` is a module name as depmod writes them (a module file's name
 * without `.ko`: letters, digits, `_` and `-`); anything else in a module's
 * place is not a module, and is never printed or used as one.
 */
export function isModuleName(name: string): boolean {
  return MODULE_NAME_ONLY.test(name);
}

/** Whether every line of `lines` (none when empty) is a module name: one scan for a whole table. */
export function isModuleNameList(lines: string): boolean {
  return MODULE_NAME_LINES.test(lines);
}

const MODULE_NAME = "[A-Za-z0-9_-]+";
const MODULE_NAME_ONLY = new RegExp(`^${MODULE_NAME}$`);
const MODULE_NAME_LINES = new RegExp(`^(?:${MODULE_NAME}(?:\n${MODULE_NAME})*)?$`);

/** A module name (or any text without brackets) as kmod spells it: `-` becomes `_`. */
export function underscoreDashes(name: string): string {
  return name.replaceAll("-", "_");
}

/** Normalizes an alias pattern or key exactly as kmod's `alias_normalize` does. */
export function normalizeAlias(text: string): Normalized {
  if (text.length <= NORMALIZE_LIMIT && !NEEDS_WORK.test(text)) return { ok: true, value: text };
  const value = rewrite(cString(text), NORMALIZE_LIMIT);
  return value === null ? { ok: false, reason: "unmatched bracket" } : { ok: true, value };
}

/** A modprobe.d word as kmod's `underscores()` stores it, or null when its brackets do not match. */
export function underscores(word: string): string | null {
  return rewrite(word, word.length);
}

/** `-` to `_` outside brackets over the first `limit` offsets; null for an unmatched bracket. */
function rewrite(input: string, limit: number): string | null {
  const end = input.length;
  let out = "";
  let copiedFrom = 0;
  let i = 0;
  for (; i < limit && i < end; i++) {
    const c = input.charCodeAt(i);
    if (c === DASH) {
      out += `${input.slice(copiedFrom, i)}_`;
      copiedFrom = i + 1;
    } else if (c === CLOSE) {
      return null;
    } else if (c === OPEN) {
      const close = input.indexOf("]", i + 1);
      if (close < 0) return null;
      i = close;
    }
  }
  return out + input.slice(copiedFrom, i);
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
  if (typeof modalias === "string" && isOwnKey(modalias)) return modalias;
  const bytes = typeof modalias === "string" ? asBytes(modalias) : Buffer.from(modalias).toString("latin1");
  if (bytes.includes("\0")) throw new InvalidKeyError(bytes, "contains a NUL byte");
  const normalized = normalizeAlias(bytes);
  if (!normalized.ok) throw new InvalidKeyError(bytes, normalized.reason);
  return normalized.value;
}

/**
 * Whether a string is its own key, in one pass (the common case: a device's
 * modalias): ASCII, so its bytes are its chars; no NUL; and nothing that
 * {@link normalizeAlias} rewrites, rejects or cuts.
 */
function isOwnKey(text: string): boolean {
  return text.length <= NORMALIZE_LIMIT && !NOT_OWN_KEY.test(text);
}

/** A string as one char per UTF-8 byte (unchanged when it is ASCII). */
function asBytes(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.from(text, "utf8").toString("latin1");
  }
  return text;
}
