/**
 * A pattern turned into the state machine that glibc's fnmatch (flags 0, C locale) walks.
 *
 * glibc interprets the pattern from an offset using only the text from that offset on, so
 * each pattern offset is one state. Every state but two consumes exactly one subject byte
 * and moves forward to a later offset (or fails): a plain byte and `\x` match one byte, `?`
 * any byte, a bracket expression a set of bytes, where the offset it resumes at may depend on
 * the byte (see bracket.ts). A trailing `\` never matches. The two others are the end of the
 * pattern and a star: a run of `*` and `?` characters, which matches any text at least as
 * long as its number of `?`.
 *
 * Only states reachable from offset 0 are worked out; the rest stay {@link NEVER}.
 */
import { bracketTransitions, NO_MATCH } from "./bracket.js";

/** State kinds; a state whose kind is >= 0 matches that one byte. */
export const END = -1;
export const STAR = -2;
export const ANY = -3;
export const SET = -4;
export const TABLE = -5;
export const NEVER = -6;

export interface Program {
  /** Per offset: the byte it matches (>= 0) or its kind. */
  readonly kind: Int32Array;
  /** Per offset: where matching resumes (byte, ANY, SET), or the first offset after a star's run (STAR). */
  readonly next: Int32Array;
  /** Per STAR offset: the number of `?` in its run. */
  readonly minimum: Int32Array;
  /** Per SET offset: a 256-bit set of the bytes it matches. */
  readonly sets: ReadonlyArray<Uint32Array | undefined>;
  /** Per TABLE offset: for each byte, where matching resumes, or -1. */
  readonly tables: ReadonlyArray<Int32Array | undefined>;
  /** Whether some reachable bracket resumes at an offset that depends on the byte. */
  readonly variable: boolean;
}

const STAR_CHAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const BACKSLASH = 0x5c;

/** Builds the state machine of a pattern (read as a C string: it ends at the first NUL). */
export function buildProgram(source: string): Program {
  const nul = source.indexOf("\0");
  const pattern = nul < 0 ? source : source.slice(0, nul);
  const size = pattern.length;
  const kind = new Int32Array(size + 1).fill(NEVER);
  const next = new Int32Array(size + 1);
  const minimum = new Int32Array(size + 1);
  const sets: (Uint32Array | undefined)[] = [];
  const tables: (Int32Array | undefined)[] = [];
  const reachable = new Uint8Array(size + 1);
  reachable[0] = 1;
  let variable = false;
  const step = (p: number, k: number, to: number): void => {
    kind[p] = k;
    next[p] = to;
    reachable[to] = 1;
  };

  for (let p = 0; p <= size; p++) {
    if (reachable[p] === 0) continue;
    if (p === size) {
      kind[p] = END;
      continue;
    }
    const c = pattern.charCodeAt(p);
    if (c === STAR_CHAR) {
      let to = p + 1;
      for (let d = pattern.charCodeAt(to); d === STAR_CHAR || d === QUESTION; d = pattern.charCodeAt(++to)) {
        if (d === QUESTION) minimum[p] = (minimum[p] ?? 0) + 1;
      }
      step(p, STAR, to);
    } else if (c === QUESTION) {
      step(p, ANY, p + 1);
    } else if (c === BACKSLASH) {
      if (p + 1 < size) step(p, pattern.charCodeAt(p + 1), p + 2);
    } else if (c !== OPEN) {
      step(p, c, p + 1);
    } else {
      const bracket = readBracket(bracketTransitions(pattern, p));
      if (bracket.kind === "table") {
        kind[p] = TABLE;
        tables[p] = bracket.table;
        variable = true;
        for (const to of bracket.targets) reachable[to] = 1;
      } else if (bracket.kind === "set") {
        sets[p] = bracket.set;
        step(p, SET, bracket.to);
      } else if (bracket.kind === "byte") {
        step(p, bracket.byte, bracket.to);
      }
    }
  }
  return { kind, next, minimum, sets, tables, variable };
}

/** How a bracket's outcome table is stored. */
type Bracket =
  | { kind: "never" }
  | { kind: "byte"; byte: number; to: number }
  | { kind: "set"; set: Uint32Array; to: number }
  | { kind: "table"; table: Int32Array; targets: number[] };

function readBracket(table: Int32Array): Bracket {
  const targets = [...new Set(table)].filter((to) => to !== NO_MATCH);
  const [to] = targets;
  if (to === undefined) return { kind: "never" };
  if (targets.length > 1) return { kind: "table", table, targets };
  const set = new Uint32Array(8);
  let count = 0;
  let byte = 0;
  table.forEach((target, b) => {
    if (target === NO_MATCH) return;
    set[b >>> 5] = (set[b >>> 5] ?? 0) | (1 << (b & 31));
    count++;
    byte = b;
  });
  return count === 1 ? { kind: "byte", byte, to } : { kind: "set", set, to };
}
