/**
 * An index cut short at any offset is refused with an IndexFormatError that
 * says what is wrong (empty, truncated preamble, header or body); no cut
 * decodes, crashes otherwise or hangs.
 */
import { expect, it } from "vitest";
import { decodeIndex, IndexFormatError } from "../../src/index/format.js";
import { smallIndex } from "../helpers/small.js";

const bytes = smallIndex();
const headerEnd = 16 + bytes.readUInt32BE(12);

function refusal(length: number): string {
  try {
    decodeIndex(bytes.subarray(0, length));
  } catch (error) {
    expect(error).toBeInstanceOf(IndexFormatError);
    return (error as Error).message;
  }
  throw new Error(`a cut at ${length} of ${bytes.length} bytes was accepted`);
}

it("refuses the index cut at every offset, naming the part that is short", () => {
  expect(refusal(0)).toBe("empty file, not a modalias index");
  for (let length = 1; length < 16; length++)
    expect(refusal(length), `cut at ${length}`).toMatch(/^truncated: \d+ bytes, shorter than the preamble$/);
  for (let length = 16; length < headerEnd; length++)
    expect(refusal(length), `cut at ${length}`).toMatch(/^truncated: the header needs \d+ bytes, \d+ present$/);
  for (let length = headerEnd; length < bytes.length; length++)
    expect(refusal(length), `cut at ${length}`).toMatch(/^truncated: the body has \d+ of its \d+ bytes$/);
  expect(() => decodeIndex(bytes)).not.toThrow();
});
