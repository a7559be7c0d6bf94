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

/**
 * The inverse of {@link changes}. Filled run by run (a native fill when the step is 0): it runs
 * once per lookup process, mostly before the JIT has compiled it.
 */
export function expand(pairs: unknown, length: number, step: number, what: string): Uint32Array {
  need(pairs instanceof Uint32Array, what);
  const list = pairs;
  need(list.length % 2 === 0, what);
  for (let i = 2; i < list.length; i += 2) need((list[i - 2] as number) < (list[i] as number), what);
  need(list.length === 0 || (list[list.length - 2] as number) < length, what);
  const out = new Uint32Array(length);
  let from = 0;
  let value = 0;
  for (let at = 0; at <= list.length; at += 2) {
    const to = at < list.length ? (list[at] as number) : length;
    // Entries from..to-1 continue the run: value + step each.
    if (step === 0) out.fill(value, from, to);
    else for (let i = from; i < to; i++) out[i] = value += step;
    need(value <= 0xffffffff, what);
    if (at < list.length) {
      value = list[at + 1] as number;
      out[to] = value;
      from = to + 1;
    }
  }
  return out;
}
