/**
 * Files that are not an index this version can use are refused with an
 * IndexFormatError (or, from disk, a FileError) whose message says why:
 * another format version, another program's msgpack, an empty file, a
 * declared header, body or count far beyond the file, a directory, a
 * missing file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { pack } from "msgpackr";
import { afterAll, expect, it } from "vitest";
import { FileError } from "../../src/files/fs.js";
import { loadIndexFile } from "../../src/files/index-file.js";
import { decodeHeader, decodeIndex, type IndexHeader } from "../../src/index/format.js";
import { scratch } from "../helpers/scratch.js";
import { smallIndex } from "../helpers/small.js";

const bytes = smallIndex();
const headerEnd = 16 + bytes.readUInt32BE(12);
const tmp = scratch();
afterAll(() => tmp.remove());

/** The index with its header replaced by `change(header)`. */
function withHeader(change: (header: IndexHeader) => unknown): Buffer {
  const head = Buffer.from(pack(change(structuredClone(decodeHeader(bytes)))));
  const preamble = Buffer.from(bytes.subarray(0, 16));
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, bytes.subarray(headerEnd)]);
}

const refusal = (data: Uint8Array): string => {
  try {
    decodeIndex(data);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("accepted");
};

it("refuses another format version, saying to compile again", () => {
  for (const version of [1, 3, 4, 5]) {
    const other = Buffer.from(bytes);
    other.writeUInt32BE(version, 8);
    expect(refusal(other)).toBe(
      `index format version ${version}; this modalias reads version 6 (compile the index again)`,
    );
  }
});

it("refuses another program's msgpack and other files without the magic", () => {
  for (const data of [
    Buffer.from(pack({ format: "modalias-index", version: 1 })),
    Buffer.from(pack([1, 2, 3])),
    Buffer.from("alias pci:* x\n"),
    Buffer.from([0xc1]),
  ]) {
    expect(refusal(data)).toBe("not a modalias index (no MODALIAS magic at the start)");
  }
});

it("refuses an empty file", () => {
  expect(refusal(Buffer.alloc(0))).toBe("empty file, not a modalias index");
});

it("refuses a header length far beyond the file", () => {
  const huge = Buffer.from(bytes);
  huge.writeUInt32BE(0xffffffff, 12);
  expect(refusal(huge)).toMatch(/^truncated: the header needs 4294967295 bytes, \d+ present$/);
});

it("refuses a body length far beyond the file", () => {
  const huge = withHeader((h) => ({ ...h, body: { ...h.body, length: 2 ** 40 } }));
  expect(refusal(huge)).toMatch(/^truncated: the body has \d+ of its 1099511627776 bytes$/);
});

it("refuses counts the body cannot hold, before sizing anything by them", () => {
  for (const counts of [
    { entries: 2 ** 40, fieldEntries: 2 ** 40 },
    { modules: 2 ** 31 },
    { entries: 4_000_000_000, fieldEntries: 4_000_000_000 - 3 },
  ]) {
    const huge = withHeader((h) => ({ ...h, counts: { ...h.counts, ...counts } }));
    expect(refusal(huge), JSON.stringify(counts)).toBe("corrupted: the header's counts do not fit the body");
  }
});

it("refuses a header with fields missing or of the wrong type", () => {
  expect(refusal(withHeader(({ counts: _counts, ...h }) => h))).toBe(
    "corrupted: header fields missing or of the wrong type",
  );
  expect(refusal(withHeader((h) => ({ ...h, source: { ...h.source, size: "12" } })))).toBe(
    "corrupted: header fields missing or of the wrong type",
  );
});

it("names the file when the index on disk is a directory, missing or not an index", async () => {
  mkdirSync(tmp.path("dir.index"));
  writeFileSync(tmp.path("text.index"), "alias pci:* x\n");
  await expect(loadIndexFile(tmp.path("dir.index"))).rejects.toThrow(
    new FileError(tmp.path("dir.index"), "is a directory"),
  );
  await expect(loadIndexFile(tmp.path("gone.index"))).rejects.toThrow(
    new FileError(tmp.path("gone.index"), "no such file", "ENOENT"),
  );
  await expect(loadIndexFile(tmp.path("text.index"))).rejects.toThrow(
    new FileError(tmp.path("text.index"), "not a modalias index (no MODALIAS magic at the start)"),
  );
});
