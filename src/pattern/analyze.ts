/**
 * Facts about a normalized pattern that an index can use to skip patterns that cannot match.
 *
 * A pattern is read as glibc's fnmatch reads it (see program.ts). When every bracket in it
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
import { buildProgram, END, NEVER, type Program, STAR } from "./program.js";

const STAR_CHAR = 0x2a;

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
  let run = "";
  for (let p = 0; ; ) {
    const k = kind[p] ?? NEVER;
    if (k >= 0) {
      literals++;
      run += String.fromCharCode(k);
      p = next[p] ?? 0;
      continue;
    }
    if (k === END && onlyLiterals) return { stars, literals, exact: run, literalRuns: run === "" ? [] : [run] };
    if (run !== "") literalRuns.push(run);
    run = "";
    onlyLiterals = false;
    if (k === END || k === NEVER) return { stars, literals, exact: null, literalRuns };
    const to = next[p] ?? 0;
    if (k === STAR) stars += to - p - (minimum[p] ?? 0);
    p = to;
  }
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
