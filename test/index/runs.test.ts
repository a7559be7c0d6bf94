/**
 * Run-length columns (index/runs.ts): what `changes` writes, `expand` gives back exactly, for
 * columns that go up by the step, repeat, jump and restart; pairs out of order, past the
 * column's end or of another type are refused.
 */
import { expect, it } from "vitest";
import { Malformed } from "../../src/index/columns.js";
import { changes, expand } from "../../src/index/runs.js";
import { rng } from "../helpers/keys.js";

/** A column of `length` values that mostly continue by `step`, sometimes jump. */
function column(length: number, step: number, random: () => number): number[] {
  const out: number[] = [];
  let value = 0;
  for (let i = 0; i < length; i++) {
    value = random() < 0.1 ? Math.floor(random() * 1000) : value + step;
    out.push(value);
  }
  return out;
}

it("gives back every column it stored, for steps 0 and 1", () => {
  const random = rng(7);
  for (const step of [0, 1]) {
    for (const length of [0, 1, 2, 5, 100, 3000]) {
      const values = column(length, step, random);
      expect(Array.from(expand(changes(values, step), length, step, "column")), `step ${step}, ${length}`).toEqual(
        values,
      );
    }
  }
  expect(Array.from(expand(changes([0, 0, 7, 7, 0], 0), 5, 0, "column"))).toEqual([0, 0, 7, 7, 0]);
  expect(Array.from(expand(changes([1, 2, 3, 10, 11, 1], 1), 6, 1, "column"))).toEqual([1, 2, 3, 10, 11, 1]);
});

it("refuses pairs out of order, past the end, odd in number, overflowing or not a Uint32Array", () => {
  const refuse = (pairs: unknown, length: number, step: number): void => {
    expect(() => expand(pairs, length, step, "line column"), JSON.stringify(pairs)).toThrow(Malformed);
  };
  refuse(Uint32Array.from([3, 1, 2, 5]), 10, 1);
  refuse(Uint32Array.from([2, 1, 2, 5]), 10, 1);
  refuse(Uint32Array.from([10, 1]), 10, 0);
  refuse(Uint32Array.from([1, 2, 3]), 10, 0);
  refuse(Uint32Array.from([0, 0xffffffff]), 3, 1);
  refuse(Uint32Array.from([0, 0xffffffff, 2, 5]), 4, 1);
  refuse([0, 1], 2, 0);
  expect(Array.from(expand(Uint32Array.from([0, 0xffffffff]), 1, 1, "line column"))).toEqual([0xffffffff]);
});
