/**
 * A body whose checksum is right but whose contents are not what this
 * version writes (crafted, or written by a buggy or other program) is
 * refused with an IndexFormatError naming the part; claims inside it (a
 * trie of four billion nodes, ids beyond the tables) are checked before
 * anything is sized or looked up by them.
 */
import { crc32 } from "node:zlib";
import { Packr } from "msgpackr";
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeHeader, decodeIndex, FORMAT_VERSION, type PartLayout, partSections } from "../../src/index/format.js";
import { SMALL_ALIASES, smallIndex } from "../helpers/small.js";

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const header = decodeHeader(smallIndex());
const index = compileAliasText(SMALL_ALIASES).index;
const prefixes = index.tries.map((trie) => trie.prefix);

/** An index file around the sections of each part, with a header whose layout, length and CRC-32 fit them. */
function fileAround(parts: unknown[][], tries: string[][] = [prefixes], builtin = header.builtin): Buffer {
  const packed = parts.map((values) => values.map((value) => packer.pack(value)));
  const bytes = Buffer.concat(packed.flat());
  const layout: PartLayout[] = packed.map((sections, i) => ({
    tries: tries[i] ?? prefixes,
    sections: sections.map((section) => section.length),
  }));
  const head = packer.pack({ ...header, builtin, body: { length: bytes.length, crc32: crc32(bytes) }, layout });
  const preamble = Buffer.alloc(16);
  preamble.write("MODALIAS", 0, "ascii");
  preamble.writeUInt32BE(FORMAT_VERSION, 8);
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, bytes]);
}

/** The small index's sections, changed by `change`, in a file. */
function crafted(change: (sections: unknown[]) => void): Buffer {
  const sections = partSections(index);
  change(sections);
  return fileAround([sections]);
}

const refusal = (data: Buffer): string => {
  try {
    decodeIndex(data);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error("accepted");
};
const entries = (sections: unknown[]): unknown[] => sections[0] as unknown[];
const general = (sections: unknown[]): unknown[] => sections[1] as unknown[];
const firstTrie = (sections: unknown[]): unknown[] => sections[3] as unknown[];

it("accepts the body unchanged", () => {
  expect(() => decodeIndex(crafted(() => undefined))).not.toThrow();
});

it("refuses sections of another shape", () => {
  for (const value of ["hello", { a: 1 }, [], [1, 2, 3, 4, 5, 6], null]) {
    for (const at of [0, 1, 2, 3]) {
      const data = crafted((sections) => void (sections[at] = value));
      expect(refusal(data), `${JSON.stringify(value)} as section ${at}`).toMatch(
        /^IndexFormatError: corrupted: .* is malformed$/,
      );
    }
  }
});

it("refuses a layout that does not cover the body, or names an unknown trie", () => {
  const sections = partSections(index);
  expect(refusal(fileAround([sections, sections]))).toBe(
    "IndexFormatError: corrupted: the header's layout does not fit the body",
  );
  expect(refusal(fileAround([sections], [["scsi:", ...prefixes.slice(1)]]))).toBe(
    "IndexFormatError: corrupted: header fields missing or of the wrong type",
  );
});

it("refuses a trie claiming billions of nodes, before allocating them", () => {
  for (const shape of [[-(2 ** 32 - 1)], [-(2 ** 52)], [1, -1_000_000]]) {
    const data = crafted((sections) => void (firstTrie(sections)[0] = shape));
    expect(refusal(data), JSON.stringify(shape)).toBe("IndexFormatError: corrupted: trie shape is malformed");
  }
});

it("refuses a module table holding something that is not a module name", () => {
  for (const name of ["bad name", "", "a.b", "\u00e9"]) {
    const data = crafted((sections) => {
      const names = (entries(sections)[0] as string).split("\n");
      names[1] = name;
      entries(sections)[0] = names.join("\n");
    });
    expect(refusal(data), JSON.stringify(name)).toBe("IndexFormatError: corrupted: module table is malformed");
  }
});

it("refuses ids beyond their tables", () => {
  expect(refusal(crafted((sections) => void (entries(sections)[2] = Uint32Array.from([0, 99]))))).toBe(
    "IndexFormatError: corrupted: module id is malformed",
  );
  expect(refusal(crafted((sections) => void (firstTrie(sections)[3] = Uint8Array.from([200]))))).toMatch(
    /^IndexFormatError: corrupted: trie/,
  );
  expect(refusal(crafted((sections) => void (general(sections)[0] = Uint8Array.from([0, 1, 250]))))).toMatch(
    /^IndexFormatError: corrupted: general/,
  );
  expect(refusal(crafted((sections) => void (entries(sections)[3] = Uint8Array.from([1]))))).toBe(
    "IndexFormatError: corrupted: stars column is malformed",
  );
  expect(refusal(crafted((sections) => void (firstTrie(sections)[5] = [])))).toBe(
    "IndexFormatError: corrupted: direct list is malformed",
  );
  // A direct list names general patterns by local id: one past the last is refused.
  expect(refusal(crafted((sections) => void (firstTrie(sections)[5] = [false, Uint8Array.from([99])])))).toBe(
    "IndexFormatError: corrupted: direct list is malformed",
  );
  // A twin must come after the pattern it follows (so that every chain ends), within the table.
  for (const pairs of [
    [1, 0],
    [0, 0],
    [0, 9],
  ]) {
    expect(refusal(crafted((sections) => void (general(sections)[1] = Uint8Array.from(pairs))))).toBe(
      "IndexFormatError: corrupted: twin list is malformed",
    );
  }
  expect(refusal(crafted((sections) => void (general(sections)[6] = new Uint32Array(0))))).toBe(
    "IndexFormatError: corrupted: piece anchors is malformed",
  );
  expect(refusal(crafted((sections) => void (general(sections)[7] = new Uint32Array(9))))).toBe(
    "IndexFormatError: corrupted: second pieces is malformed",
  );
  expect(refusal(crafted((sections) => void (sections[2] = "only one pattern")))).toBe(
    "IndexFormatError: corrupted: general patterns is malformed",
  );
});
