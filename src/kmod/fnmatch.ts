/**
 * glibc's `fnmatch(pattern, key, 0)` in the C locale (POSIXLY_CORRECT unset), exactly,
 * including its quirks, in polynomial time.
 *
 * glibc matches the part of the pattern before the first star deterministically. At a star
 * (a run of `*` and `?`) it consumes one byte per `?`, then tries the next part of the
 * pattern at each later subject offset in turn, walking it until the next star, and COMMITS
 * to the first offset whose walk reaches a star (or the end of both pattern and subject): it
 * never comes back to try a later one. Because a bracket may resume at different places for
 * different bytes (see bracket.ts), such walks can reach different stars, so this commitment
 * is observable and is reproduced here rather than a search over all ways to match.
 *
 * Cost: a walk visits each pattern offset at most once, and the walks tried for one star start
 * at distinct subject offsets. When no bracket's resume offset depends on the byte, the walks
 * for one star all stop at the same next star, so a whole match costs O(|pattern| x |key|).
 * Otherwise walks may overlap; then every (pattern offset, key offset) state found to fail is
 * remembered, which keeps the same bound.
 *
 * A pattern of plain bytes and `*` only (most aliases) gives the same answers by a shorter road:
 * its parts between stars found in order with indexOf (matchParts).
 *
 * Patterns and keys are strings of char codes 0..255 (one char per byte). A pattern is read
 * as a C string (up to its first NUL); keys must not contain NUL.
 *
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
 *
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
 *
 * Facts about a normalized pattern that an index can use to skip patterns that cannot match.
 *
 * A pattern is read as glibc's fnmatch reads it (the state machine above). When every bracket in it
 * resumes at the same place whatever byte it consumes (every real alias does), the pattern is
 * a plain left-to-right sequence of tokens, and:
 * - `stars` counts the `*` tokens (a `\*` is a literal; a `*` inside a bracket is a member);
 * - `literals` counts the tokens that match exactly one fixed byte: plain bytes, `\x`, and
 *   brackets that admit a single byte (such as `[a]`, `[[.a.]]`, or an unterminated `[`);
 * - `exact` is, when every token is such a literal, the one key the pattern matches;
 * - `literalRuns` are the maximal runs of consecutive literal tokens, as the bytes they match,
 *   each of which a matching key contains (in this order, without overlap).
 * Counting stops at a token that matches no byte at all (an unknown class, a trailing
 * backslash...): nothing matches such a pattern.
 *
 * Otherwise (a bracket resumes at a place that depends on the byte) `stars` and `literals`
 * count the star and literal tokens over every place some key can reach, `exact` is null and
 * `literalRuns` is empty: such a pattern must always be treated as a candidate.
 */
import { bracketTransitions, NO_MATCH } from "./bracket.js";
import { cString } from "./normalize.js";

/** A pattern ready for {@link matchPattern}. Its state machine is built on first use. */
export interface CompiledPattern {
  /** The pattern text. */
  readonly source: string;
}

class LazyPattern implements CompiledPattern {
  private built: Program | null = null;

  constructor(readonly source: string) {}

  get program(): Program {
    this.built ??= buildProgram(this.source);
    return this.built;
  }
}

/** Prepares a pattern (already normalized, when it comes from kmod) for matching. Cheap. */
export function compilePattern(pattern: string): CompiledPattern {
  return new LazyPattern(pattern);
}

/** Whether `key` (already normalized) matches, exactly as glibc's fnmatch with flags 0. */
export function matchPattern(compiled: CompiledPattern, key: string): boolean {
  const program = compiled instanceof LazyPattern ? compiled.program : buildProgram(compiled.source);
  return run(program, key);
}

/** glibc's `fnmatch(pattern, key, 0) == 0`. */
export function fnmatch(pattern: string, key: string): boolean {
  return run(buildProgram(pattern), key);
}

function run(program: Program, key: string): boolean {
  if (program.parts !== null) return matchParts(program.parts, key);
  const { kind, next, minimum } = program;
  const length = key.length;
  const width = length + 1;
  const dead = program.variable ? new DeadStates(kind.length, width) : null;
  let reached = walk(program, key, 0, 0, dead);
  for (;;) {
    if (reached === MATCHED) return true;
    if (reached === FAILED) return false;
    // At a star: glibc consumes a byte per `?` of its run, then commits to the first key
    // offset from which the rest of the pattern walks to the next star (or to the end).
    const star = Math.floor(reached / width);
    const from = (reached % width) + (minimum[star] ?? 0);
    if (from > length) return false;
    const resume = next[star] ?? 0;
    const first = kind[resume] ?? END;
    if (first === END) return true;
    reached = FAILED;
    for (let at = from; at < length && reached === FAILED; at++) {
      if (first < 0 || key.charCodeAt(at) === first) reached = walk(program, key, resume, at, dead);
    }
  }
}

/** State kinds; a state whose kind is >= 0 matches that one byte. */
export const END = -1;
export const STAR = -2;
export const ANY_BYTE = -3;
export const SET = -4;
export const TABLE = -5;
export const NEVER = -6;

export interface Program {
  /** Per offset: the byte it matches (>= 0) or its kind. */
  readonly kind: Int32Array;
  /** Per offset: where matching resumes (byte, ANY_BYTE, SET), or the first offset after a star's run (STAR). */
  readonly next: Int32Array;
  /** Per STAR offset: the number of `?` in its run. */
  readonly minimum: Int32Array;
  /** Per SET offset: a 256-bit set of the bytes it matches. */
  readonly sets: ReadonlyArray<Uint32Array | undefined>;
  /** Per TABLE offset: for each byte, where matching resumes, or -1. */
  readonly tables: ReadonlyArray<Int32Array | undefined>;
  /** Whether some reachable bracket resumes at an offset that depends on the byte. */
  readonly variable: boolean;
  /** For a pattern of plain bytes and `*` only (most aliases), the texts between its stars; else null. */
  readonly parts: readonly string[] | null;
}

/** A pattern made of plain bytes and `*` only: no `?`, bracket, backslash or NUL. */
const STARS_ONLY = /^[^?[\\\0]*$/;

/**
 * glibc's walk of a pattern of plain bytes and `*` only: the first part must start the key and
 * the last end it; at each star glibc commits to the first offset where the next part follows
 * (its walk to the next star cannot fail after that part, nothing but bytes being in it), which
 * is the part's first occurrence; the last part is tried at every offset until one ends the key,
 * so it matches when the key ends with it after the parts before.
 */
function matchParts(parts: readonly string[], key: string): boolean {
  const first = parts[0] as string;
  if (parts.length === 1) return key === first;
  if (!key.startsWith(first)) return false;
  let at = first.length;
  const last = parts.length - 1;
  for (let i = 1; i < last; i++) {
    const part = parts[i] as string;
    const found = key.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  const end = parts[last] as string;
  return key.length - end.length >= at && key.endsWith(end);
}

const STAR_CHAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const BACKSLASH = 0x5c;

/** Builds the state machine of a pattern (read as a C string: it ends at the first NUL). */
export function buildProgram(source: string): Program {
  const pattern = cString(source);
  const size = pattern.length;
  const parts = STARS_ONLY.test(pattern) ? pattern.split(/\*+/) : null;
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
      step(p, ANY_BYTE, p + 1);
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
  return { kind, next, minimum, sets, tables, variable, parts };
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

/** The walk failed. */
export const FAILED = -1;
/** Pattern and key ended together. */
export const MATCHED = -2;

/** States known to fail, as bits p * (|key| + 1) + n, and the path of the current walk. */
export class DeadStates {
  private readonly bits: Uint32Array;
  private readonly path: Int32Array;

  constructor(
    states: number,
    private readonly width: number,
  ) {
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
  for (; ; n++) {
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
    } else if (k === ANY_BYTE) {
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

export interface PatternFacts {
  /** Count of `*` tokens outside brackets. */
  stars: number;
  /** Count of tokens that match exactly one fixed byte. */
  literals: number;
  /** The only key the pattern matches, when it has no wildcard at all; else null. */
  exact: string | null;
  /** Maximal runs of consecutive literal tokens; every matching key contains each of them. */
  literalRuns: string[];
}

/**
 * A pattern of libkmod's binary indexes (modules.alias.bin, modules.builtin.alias.bin) as fnmatch
 * must read it to answer as libkmod does. libkmod walks the index as a trie, comparing the
 * pattern's text before its first `*`, `?` or `[` with the key byte for byte, and runs fnmatch
 * only from there on; so a `\` before the first wildcard is a plain byte there, not an escape.
 * Doubling each such `\` gives one pattern that fnmatch reads the same way (and whose facts,
 * stars and literals, are then counted as libkmod matches). Configuration aliases are plain
 * fnmatch in kmod and do not go through this.
 */
export function indexedPattern(normalized: string): string {
  const stop = firstWildcard(normalized);
  const head = normalized.slice(0, stop);
  if (!head.includes("\\")) return normalized;
  return head.replaceAll("\\", "\\\\") + normalized.slice(stop);
}

/** The bytes at which libkmod's trie walk stops comparing byte for byte: `*`, `?` and `[`. */
export const WILDCARD_BYTES = "*?[";

/** Offset of the first of {@link WILDCARD_BYTES} in `text` (its length when it has none). */
export function firstWildcard(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2a || c === 0x3f || c === 0x5b) return i;
  }
  return text.length;
}

/** The facts of a (normalized) pattern. */
export function analyzePattern(pattern: string): PatternFacts {
  const program = buildProgram(pattern);
  return program.variable ? reachableFacts(pattern, program) : sequenceFacts(program);
}

function sequenceFacts(program: Program): PatternFacts {
  const { kind, next, minimum } = program;
  const literalRuns: string[] = [];
  let stars = 0;
  let literals = 0;
  let onlyLiterals = true;
  const run: number[] = [];
  for (let p = 0; ; ) {
    const k = kind[p] ?? NEVER;
    if (k >= 0) {
      literals++;
      run.push(k);
      p = next[p] ?? 0;
      continue;
    }
    if (k === END && onlyLiterals) {
      const text = textOf(run);
      return { stars, literals, exact: text, literalRuns: text === "" ? [] : [text] };
    }
    if (run.length > 0) literalRuns.push(textOf(run));
    run.length = 0;
    onlyLiterals = false;
    if (k === END || k === NEVER) return { stars, literals, exact: null, literalRuns };
    const to = next[p] ?? 0;
    if (k === STAR) stars += to - p - (minimum[p] ?? 0);
    p = to;
  }
}

/**
 * The string of char codes `codes`, made in one piece: a string grown a char at a time is
 * a chain of pieces that costs several times its length while it is kept (compiling keeps
 * the facts of every general pattern).
 */
function textOf(codes: readonly number[]): string {
  let text = "";
  for (let at = 0; at < codes.length; at += 4096) text += String.fromCharCode(...codes.slice(at, at + 4096));
  return text;
}

function reachableFacts(pattern: string, program: Program): PatternFacts {
  const { kind, next } = program;
  const isStar = new Uint8Array(kind.length);
  let literals = 0;
  kind.forEach((k, p) => {
    if (k >= 0) literals++;
    if (k !== STAR) return;
    for (let q = p; q < (next[p] ?? p); q++) if (pattern.charCodeAt(q) === STAR_CHAR) isStar[q] = 1;
  });
  const stars = isStar.reduce((sum, flag) => sum + flag, 0);
  return { stars, literals, exact: null, literalRuns: [] };
}
