/**
 * Damaged bytes anywhere in an index never give a wrong answer: a change in
 * the preamble or the body is always refused (magic, version, lengths, the
 * body's CRC-32); a change in the header is refused, or touches only the
 * record of the source file (which then no longer matches the alias file,
 * so the index counts as stale), and the answers stay the same.
 */
import { expect, it } from "vitest";
import { decodeIndex, IndexFormatError } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { answersOf } from "../helpers/compare.js";
import { rng } from "../helpers/keys.js";
import { SMALL_KEYS, smallIndex } from "../helpers/small.js";

const bytes = smallIndex();
const headerEnd = 16 + bytes.readUInt32BE(12);
const original = decodeIndex(bytes);
const lookup = new AliasLookup(original);
const keys = SMALL_KEYS.map(([key]) => key);
const expected = keys.map((key) => answersOf(lookup, key));

/** Decode with byte `at` XORed with `mask`: "refused", or the source record it decoded with. */
function flipped(at: number, mask: number): "refused" | string {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ mask;
  try {
    const index = decodeIndex(copy);
    const damaged = new AliasLookup(index);
    expect(
      keys.map((key) => answersOf(damaged, key)),
      `flip ${mask} at ${at}`,
    ).toEqual(expected);
    return JSON.stringify(index.aliases.source);
  } catch (error) {
    expect(error, `flip ${mask} at ${at}`).toBeInstanceOf(IndexFormatError);
    return "refused";
  }
}

it("refuses every one-bit and one-byte change in the preamble", () => {
  for (let at = 0; at < 16; at++) {
    for (const mask of [0x01, 0x02, 0x10, 0x80, 0xff])
      expect(flipped(at, mask), `flip ${mask} at ${at}`).toBe("refused");
  }
});

it("refuses or keeps the answers for every change in the header; kept ones differ in the source record", () => {
  const source = JSON.stringify(original.aliases.source);
  for (let at = 16; at < headerEnd; at++) {
    for (let bit = 0; bit < 8; bit++) {
      const outcome = flipped(at, 1 << bit);
      if (outcome !== "refused") expect(outcome, `bit ${bit} at ${at}`).not.toBe(source);
    }
  }
});

it("refuses thousands of random changes in the body", () => {
  const random = rng(7);
  for (let n = 0; n < 3000; n++) {
    const at = headerEnd + Math.floor(random() * (bytes.length - headerEnd));
    const mask = 1 + Math.floor(random() * 255);
    expect(flipped(at, mask), `flip ${mask} at ${at}`).toBe("refused");
  }
});
