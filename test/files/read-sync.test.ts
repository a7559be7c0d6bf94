/**
 * The synchronous bounded read (readBoundedSync), which the command line
 * reads its index with: the whole file, however it compares with the size
 * its status gave; the head check sees the first megabyte
 * before the rest is read; the limit holds for a file that grows while it
 * is read; and loadIndexFileSync answers and refuses as loadIndexFile does.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { FileError, readBoundedSync } from "../../src/files/fs.js";
import { loadIndexFile, loadIndexFileSync } from "../../src/files/index-file.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_KEYS, smallIndex } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const MIB = 1 << 20;

it("reads files of every size whole, the same bytes as readFileSync", () => {
  for (const size of [0, 1, 4095, 4096, 4097, 3 * MIB + 5]) {
    const file = tmp.path(`f${size}`);
    writeFileSync(file, Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) & 255)));
    expect(readBoundedSync(file, 256 * MIB).equals(readFileSync(file)), `${size} bytes`).toBe(true);
  }
});

it("reads the bytes a file gains while it is read, up to the limit", () => {
  const file = tmp.path("growing");
  writeFileSync(file, "0123456789");
  const grow = (): void => appendFileSync(file, Buffer.alloc(10_000, 0x61));
  const read = readBoundedSync(file, 256 * MIB, { checkHead: grow });
  expect(read.length).toBe(10_010);
  expect(read.equals(readFileSync(file))).toBe(true);
  writeFileSync(file, "0123456789");
  expect(() => readBoundedSync(file, 4096, { checkHead: grow })).toThrow(
    new FileError(file, "larger than 4096 bytes, the limit for this file"),
  );
});

it("hands the head check the first megabyte only, and stops with its error naming the file", () => {
  const file = tmp.path("large");
  writeFileSync(file, Buffer.alloc(3 * MIB, 0x62));
  const seen: number[] = [];
  const refuse = (head: Buffer): void => {
    seen.push(head.length);
    throw new Error("not an index");
  };
  expect(() => readBoundedSync(file, 256 * MIB, { checkHead: refuse })).toThrow(new FileError(file, "not an index"));
  expect(seen).toEqual([MIB]);
  const empty = tmp.path("empty");
  writeFileSync(empty, "");
  expect(() => readBoundedSync(empty, 256 * MIB, { checkHead: refuse })).toThrow(new FileError(empty, "not an index"));
  expect(seen).toEqual([MIB, 0]);
});

it("loads an index as loadIndexFile does, and refuses the same files with the same words", async () => {
  const index = tmp.path("small.index");
  writeFileSync(index, smallIndex());
  const sync = new AliasLookup(loadIndexFileSync(index));
  const async = new AliasLookup(await loadIndexFile(index));
  for (const [key, module] of SMALL_KEYS) {
    expect(sync.best(key).best?.module ?? null, key).toBe(module);
    expect(async.best(key).best?.module ?? null, key).toBe(module);
  }
  mkdirSync(tmp.path("dir.index"));
  writeFileSync(tmp.path("text.index"), "alias pci:* x\n");
  writeFileSync(tmp.path("cut.index"), smallIndex().subarray(0, -1));
  for (const name of ["dir.index", "gone.index", "text.index", "cut.index"]) {
    const file = tmp.path(name);
    const refusal = await loadIndexFile(file).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal, name).toBeInstanceOf(FileError);
    expect(() => loadIndexFileSync(file), name).toThrow(refusal as FileError);
  }
});
