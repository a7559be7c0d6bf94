/**
 * Columns stored as runs: a column that mostly goes up by a fixed step (line numbers, module
 * ids) is written as the (index, value) pairs where it does not (format.ts).
 */
import { need } from "./columns.js";

/** (index, value) pairs where `column` differs from the previous value plus `step`; previous starts at 0. */
export function changes(column: ArrayLike<number>, step: number): Uint32Array {
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    if (value !== prev + step) out.push(i, value);
    prev = value;
  }
  return Uint32Array.from(out);
}

/** The inverse of {@link changes}. */
export function expand(pairs: unknown, length: number, step: number, what: string): Uint32Array {
  need(pairs instanceof Uint32Array, what);
  const list = pairs;
  need(list.length % 2 === 0, what);
  const out = new Uint32Array(length);
  let prev = 0;
  let at = 0;
  let ordered = true;
  for (let i = 0; i < length; i++) {
    if (at < list.length && list[at] === i) {
      prev = list[at + 1] as number;
      at += 2;
    } else prev += step;
    out[i] = prev;
  }
  for (let i = 2; i < list.length; i += 2) ordered &&= (list[i - 2] as number) < (list[i] as number);
  need(at === list.length && ordered && prev <= 0xffffffff, what);
  return out;
}
