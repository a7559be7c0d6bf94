/**
 * libkmod's binary-index quirks, against the system's depmod + modprobe: depmod writes
 * modules.builtin.alias.bin from a modules.builtin.modinfo (the same trie format and lookup
 * as modules.alias.bin), and `modprobe -R` (its repeats removed) is compared with `all`.
 *   - a `\` before a pattern's first wildcard is a plain byte (compared as libkmod walks its trie);
 *   - a key's own `*`, `?` or `[` walks the trie through the child of that name as a plain
 *     byte where the trie splits there (src/index/literal-route.ts), which finds more patterns
 *     and changes the listing order.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { InvalidKeyError } from "../../src/kmod/normalize.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { builtinTree, NO_DEPMOD } from "../helpers/builtin-tree.js";

/** modprobe -R's modules (repeats removed) and ours for each key, over built-in `records`. */
function both(
  records: readonly [string, string][],
  keys: readonly string[],
): { key: string; kmod: string[]; ours: string[] }[] {
  const tree = builtinTree(records);
  const lookup = new AliasLookup({
    aliases: compileAliasText("").index,
    builtin: compileBuiltinText(tree.modinfo).index,
  });
  const out = keys.map((key) => ({ key, kmod: tree.resolve(key), ours: ours(lookup, key) }));
  tree.remove();
  return out;
}

/** Our modules for a key; none for a key kmod rejects (an unmatched bracket), as modprobe prints none. */
function ours(lookup: AliasLookup, key: string): string[] {
  try {
    return lookup.all(key).map((m) => m.module);
  } catch (error) {
    if (error instanceof InvalidKeyError) return [];
    throw error;
  }
}

const skip = NO_DEPMOD !== null;

it.skipIf(skip)("reads a backslash before the first wildcard as a plain byte", () => {
  const results = both(
    [
      ["ma", "a\\-b"],
      ["mb", "\\*star"],
      ["mc", "c\\?d*"],
    ],
    ["a\\-b", "a-b", "\\xstar", "*star", "c\\?dx", "c?dx"],
  );
  const answers = Object.fromEntries(results.map(({ key, kmod, ours }) => [key, { kmod, ours }]));
  expect(answers).toEqual({
    "a\\-b": { kmod: ["ma"], ours: ["ma"] },
    "a-b": { kmod: [], ours: [] },
    "\\xstar": { kmod: ["mb"], ours: ["mb"] },
    "*star": { kmod: [], ours: [] },
    "c\\?dx": { kmod: ["mc"], ours: ["mc"] },
    "c?dx": { kmod: [], ours: [] },
  });
});

it.skipIf(skip)("walks a key's own wildcard bytes as plain bytes where the trie splits", () => {
  const results = both(
    [
      ["m_a", "test1234"],
      ["m_b", "test[abcfoobar]2211"],
      ["bq", "?"],
      ["bs", "*"],
    ],
    ["test[abcfoobar]2211", "*"],
  );
  expect(results.map(({ kmod, ours }) => ({ kmod, ours }))).toEqual([
    { kmod: ["m_b", "bs"], ours: ["m_b", "bs"] },
    { kmod: ["bs", "bq"], ours: ["bs", "bq"] },
  ]);
  // With no other pattern to split the trie at the `[`, the bracket is only a bracket.
  expect(both([["m_b", "test[abcfoobar]2211"]], ["test[abcfoobar]2211"])[0]).toMatchObject({ kmod: [], ours: [] });
});

const piece = fc.constantFrom("a", "b", "ab", "*", "?", "[ab]", "[!a]", "\\", "\\*", "\\a", "[", "x");
const keyPiece = fc.constantFrom("a", "b", "x", "*", "?", "[", "]", "\\", "[ab]", "!");
const treeArb = fc.record({
  records: fc.array(
    fc.tuple(
      fc.constantFrom("m1", "m2", "m3", "m4"),
      fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")),
    ),
    { minLength: 2, maxLength: 10 },
  ),
  keys: fc.array(
    fc.array(keyPiece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("")),
    { minLength: 4, maxLength: 8 },
  ),
});

it.skipIf(skip)(
  "agrees with depmod + modprobe -R on random aliases and keys holding wildcards and backslashes",
  () => {
    let found = 0;
    fc.assert(
      fc.property(treeArb, ({ records, keys }) => {
        for (const { key, kmod, ours } of both(records, keys)) {
          expect(ours, `${key} over ${JSON.stringify(records)}`).toEqual(kmod);
          if (kmod.length > 0) found++;
        }
      }),
      { seed: 20261202, numRuns: 150 },
    );
    expect(found).toBeGreaterThan(100);
  },
  300_000,
);

it.skipIf(skip)("fails a lookup whose key and module name do not fit libkmod's PATH_MAX buffer", () => {
  // module + `\` + key + NUL must fit 4096 bytes: a 4089-byte key fits with `mfive`, 4090 does not.
  const fits = `x${"a".repeat(4088)}`;
  const results = both([["mfive", "x*"]], [fits, `${fits}a`]);
  expect(results.map(({ kmod, ours }) => ({ kmod, ours }))).toEqual([
    { kmod: ["mfive"], ours: ["mfive"] },
    { kmod: [], ours: [] },
  ]);
  const lookup = new AliasLookup({
    aliases: compileAliasText("").index,
    builtin: compileBuiltinText("mfive.alias=x*\0").index,
  });
  expect(() => lookup.best(`${fits}a`)).toThrow(/ENAMETOOLONG/);
  expect(lookup.best(fits).best?.module).toBe("mfive");
});
