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
 * Patterns and keys are strings of char codes 0..255 (one char per byte). A pattern is read
 * as a C string (up to its first NUL); keys must not contain NUL.
 */
import { buildProgram, END, type Program } from "./program.js";
import { DeadStates, FAILED, MATCHED, walk } from "./walk.js";

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
