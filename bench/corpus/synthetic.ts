/**
 * Deterministic synthetic alias files of a chosen number of alias lines,
 * grown from a real modules.alias.
 *
 * Copy 0 is the real file's alias lines as they are; copy k (k >= 1) repeats
 * them in order with each pattern rewritten by rewritePattern (new vendor and
 * device ids, new names; same shape, stars and literal count) and each module
 * named `<module>_s<k>`. Copies follow each other until the requested number
 * of alias lines is reached (the last copy is cut). The bus mix is therefore
 * the real file's, and queries built from the real file still find their
 * real lines (in copy 0) among many more candidates.
 *
 * Randomness is the mulberry32 PRNG of the test helpers, seeded with `seed`:
 * the output depends only on (source file, line count, seed).
 */
import { rng } from "../../test/helpers/keys.js";
import { rewritePattern } from "./rewrite.js";

const HEADER = "# Aliases extracted from modules themselves.";

/** The `alias PATTERN MODULE` lines of a file, as [pattern, module] pairs. */
export function aliasPairs(text: Buffer): [string, string][] {
  const pairs: [string, string][] = [];
  for (const line of text.toString("latin1").split("\n")) {
    if (!line.startsWith("alias ")) continue;
    const space = line.indexOf(" ", 6);
    pairs.push([line.slice(6, space), line.slice(space + 1)]);
  }
  return pairs;
}

/** A modules.alias of `lines` alias lines grown from `source`. */
export function syntheticAliases(source: Buffer, lines: number, seed: number): Buffer {
  const pairs = aliasPairs(source);
  const random = rng(seed);
  const out: string[] = [HEADER];
  for (let n = 0; n < lines; n++) {
    const copy = Math.floor(n / pairs.length);
    const [pattern, module] = pairs[n % pairs.length] as [string, string];
    out.push(copy === 0 ? `alias ${pattern} ${module}` : `alias ${rewritePattern(pattern, random)} ${module}_s${copy}`);
  }
  out.push("");
  return Buffer.from(out.join("\n"), "latin1");
}
