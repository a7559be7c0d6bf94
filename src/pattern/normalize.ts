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
      out += input.slice(copiedFrom, i) + "_";
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
