/**
 * Built-in aliases come out in the order libkmod lists them: depmod writes
 * them all with the same priority, so the order is that of libkmod's trie
 * walk, reversed (see src/kmod/order.ts). The system's depmod writes
 * modules.builtin.alias.bin from random modules.builtin.modinfo files whose
 * aliases share prefixes and wildcards, and `modprobe -R` (with its repeats
 * removed) is compared with `all` for keys that match several of them.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { builtinTree, NO_DEPMOD } from "../helpers/builtin-tree.js";

const piece = fc.constantFrom("a", "b", "ab", "ba", "*", "?", "[ab]", "[!a]", "x", "-", "_");
const aliasArb = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
const treeArb = fc.record({
  records: fc.array(fc.tuple(fc.constantFrom("m1", "m2", "m3", "m4", "m5"), aliasArb), { minLength: 2, maxLength: 12 }),
  keys: fc.array(
    fc.array(fc.constantFrom("a", "b", "x", "_", "-"), { minLength: 1, maxLength: 5 }).map((k) => k.join("")),
    {
      minLength: 4,
      maxLength: 8,
    },
  ),
});

it.skipIf(NO_DEPMOD !== null)(
  "agrees with depmod + modprobe -R on random built-in aliases",
  () => {
    let multi = 0;
    fc.assert(
      fc.property(treeArb, ({ records, keys }) => {
        const tree = builtinTree(records);
        const lookup = new AliasLookup({
          aliases: compileAliasText("").index,
          builtin: compileBuiltinText(tree.modinfo).index,
        });
        for (const key of keys) {
          const theirs = tree.resolve(key);
          const ours = lookup.all(key).map((m) => m.module);
          expect(ours, `${key} over ${JSON.stringify(tree.modinfo)}`).toEqual(theirs);
          if (theirs.length > 1) multi++;
        }
        tree.remove();
      }),
      { seed: 20261121, numRuns: 200 },
    );
    expect(multi).toBeGreaterThan(40);
  },
  180_000,
);
