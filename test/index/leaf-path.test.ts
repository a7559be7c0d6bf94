/**
 * A leaf's field path found by walking up from it (field-trie.ts leafPath, what a key not in
 * its bus's exact format formats its candidate leaves' patterns from) is the path a walk down
 * from the root gives, for every leaf of the real file's pci, vfio_pci and usb tries.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { leafPath, leafPaths } from "../../src/index/field-trie.js";
import { combinedAliases } from "../helpers/data.js";

it("walks up to the same path as every walk down", () => {
  const { tries } = compileAliasText(combinedAliases()).index;
  expect(tries.map((t) => t.prefix)).toEqual(["pci:", "vfio_pci:", "usb:"]);
  for (const { prefix, trie } of tries) {
    const down = leafPaths(trie);
    expect(down.length, prefix).toBe(trie.leafSize.length);
    down.forEach((path, leaf) => {
      expect(leafPath(trie, leaf), `${prefix} leaf ${leaf}`).toEqual(path);
    });
  }
});
