/**
 * kmod's `underscores()`: how a module name or alias pattern from a
 * configuration file is normalized before it is stored.
 *
 * Every `-` becomes `_`, except inside a bracket expression: at a `[` the
 * text up to the next `]` is kept as it is (the first `]` closes it; there is
 * no escaping). A `[` without a `]` after it, or a `]` outside brackets, makes
 * the whole word unusable, and kmod then ignores the line it is on.
 */

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
