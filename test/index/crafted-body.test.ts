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
import { decodeHeader, decodeIndex, FORMAT_VERSION, packContents } from "../../src/index/format.js";
import { SMALL_ALIASES, smallIndex } from "../helpers/small.js";

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const header = decodeHeader(smallIndex());

/** An index file around `body`, with a header whose length and CRC-32 fit it. */
function fileAround(body: unknown): Buffer {
  const bytes = packer.pack(body);
  const head = packer.pack({ ...header, body: { length: bytes.length, crc32: crc32(bytes) } });
  const preamble = Buffer.alloc(16);
  preamble.write("MODALIAS", 0, "ascii");
  preamble.writeUInt32BE(FORMAT_VERSION, 8);
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, bytes]);
}

/** The small index's body parts, changed by `change`, in a file. */
function crafted(change: (parts: unknown[]) => void): Buffer {
  const parts = packContents({ aliases: compileAliasText(SMALL_ALIASES).index, builtin: null });
  change(parts);
  return fileAround(parts);
}

const refusal = (data: Buffer): string => {
  try {
    decodeIndex(data);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error("accepted");
};
const firstTrie = (parts: unknown[]): unknown[] => (parts[6] as unknown[][])[0] as unknown[];

it("accepts the body unchanged", () => {
  expect(() => decodeIndex(crafted(() => undefined))).not.toThrow();
});

it("refuses bodies of another shape", () => {
  for (const body of ["hello", { a: 1 }, [], [1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, null], null]) {
    expect(refusal(fileAround(body)), JSON.stringify(body)).toMatch(
      /^IndexFormatError: corrupted: (.* is malformed|the header's counts do not fit the body)$/,
    );
  }
});

it("refuses a trie claiming billions of nodes, before allocating them", () => {
  for (const shape of [[-(2 ** 32 - 1)], [-(2 ** 52)], [1, -1_000_000]]) {
    const data = crafted((parts) => void (firstTrie(parts)[2] = shape));
    expect(refusal(data), JSON.stringify(shape)).toBe("IndexFormatError: corrupted: trie shape is malformed");
  }
});

it("refuses ids beyond their tables and unknown schemas", () => {
  expect(refusal(crafted((parts) => void (parts[2] = Uint32Array.from([0, 99]))))).toBe(
    "IndexFormatError: corrupted: module id is malformed",
  );
  expect(refusal(crafted((parts) => void (firstTrie(parts)[0] = "scsi")))).toBe(
    "IndexFormatError: corrupted: trie schema is malformed",
  );
  expect(refusal(crafted((parts) => void (firstTrie(parts)[5] = Uint8Array.from([200]))))).toMatch(
    /^IndexFormatError: corrupted: trie/,
  );
  expect(refusal(crafted((parts) => void ((parts[7] as unknown[])[0] = Uint8Array.from([0, 1, 250]))))).toMatch(
    /^IndexFormatError: corrupted: general/,
  );
  expect(refusal(crafted((parts) => void (parts[3] = Uint8Array.from([1]))))).toBe(
    "IndexFormatError: corrupted: stars column is malformed",
  );
  expect(refusal(crafted((parts) => void (parts[8] = parts.slice(0, 8))))).toBe(
    "IndexFormatError: corrupted: built-in part is malformed",
  );
});
