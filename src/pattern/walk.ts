/**
 * One deterministic walk of glibc's fnmatch: from a state (pattern offset p, key offset n),
 * consume one key byte per state until the walk reaches a star, the end of the pattern, or a
 * state that rejects the byte. Between two stars glibc's matcher is exactly such a walk.
 *
 * Outcomes, packed in one number: {@link FAILED} (a state rejected the byte or the key ran
 * out, or the pattern ended before the key), {@link MATCHED} (pattern and key ended
 * together), or, on reaching a star at offset t with the key at offset m, t * (|key| + 1) + m.
 *
 * A walk visits each pattern offset at most once, since every consuming state moves forward.
 * When walks can overlap (some bracket resumes at an offset that depends on the byte), a
 * {@link DeadStates} table remembers every state a walk went through before failing: a later
 * walk that reaches one of them fails at once, so no state is walked twice.
 */
import { ANY, END, type Program, SET, STAR, TABLE } from "./program.js";

/** The walk failed. */
export const FAILED = -1;
/** Pattern and key ended together. */
export const MATCHED = -2;

/** States known to fail, as bits p * (|key| + 1) + n, and the path of the current walk. */
export class DeadStates {
  private readonly bits: Uint32Array;
  private readonly path: Int32Array;

  constructor(states: number, private readonly width: number) {
    this.bits = new Uint32Array((states * width + 31) >>> 5);
    this.path = new Int32Array(states);
  }

  /** Whether (p, n) is known to fail. */
  has(p: number, n: number): boolean {
    const bit = p * this.width + n;
    return (((this.bits[bit >>> 5] ?? 0) >>> (bit & 31)) & 1) === 1;
  }

  /** Notes that the walk started at key offset `start` is at (p, n). */
  visit(start: number, p: number, n: number): void {
    this.path[n - start] = p;
  }

  /** Marks the states the walk started at `start` visited before key offset `end` as failing. */
  fail(start: number, end: number): number {
    for (let n = start; n < end; n++) {
      const bit = (this.path[n - start] ?? 0) * this.width + n;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    return FAILED;
  }
}

/** Walks from (p, n); see the file comment for the outcome. */
export function walk(program: Program, key: string, p: number, n: number, dead: DeadStates | null): number {
  const { kind, next, sets, tables } = program;
  const length = key.length;
  const start = n;
  for (;; n++) {
    if (dead !== null) {
      if (dead.has(p, n)) return dead.fail(start, n);
      dead.visit(start, p, n);
    }
    const k = kind[p] ?? END;
    if (k >= 0) {
      if (n === length || key.charCodeAt(n) !== k) break;
      p = next[p] ?? 0;
    } else if (k === STAR) {
      return p * (length + 1) + n;
    } else if (k === END) {
      if (n === length) return MATCHED;
      break;
    } else if (n === length) {
      break;
    } else if (k === ANY) {
      p = next[p] ?? 0;
    } else if (k === SET) {
      const b = key.charCodeAt(n);
      if ((((sets[p] as Uint32Array)[b >>> 5] ?? 0) & (1 << (b & 31))) === 0) break;
      p = next[p] ?? 0;
    } else if (k === TABLE) {
      p = (tables[p] as Int32Array)[key.charCodeAt(n)] ?? FAILED;
      if (p < 0) break;
    } else {
      break;
    }
  }
  return dead === null ? FAILED : dead.fail(start, n + 1);
}
