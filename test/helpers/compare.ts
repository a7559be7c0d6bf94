/**
 * One assertion shared by the hardening tests: the index's answers for a key
 * (best, ambiguity, all, explain, or the refusal of the key) equal the
 * linear scan's.
 */
import { expect } from "vitest";
import { InvalidKeyError } from "../../src/kmod/normalize.js";
import type { AliasLookup } from "../../src/lookup/lookup.js";
import type { LinearScan } from "./linear.js";

/** The answers to compare, as plain data: an invalid key gives its error message. */
export function answersOf(lookup: AliasLookup, key: string | Uint8Array): unknown {
  try {
    const best = lookup.best(key);
    return {
      best: best.best && { module: best.best.module, line: best.best.line, pattern: best.best.pattern },
      ambiguous: best.ambiguous,
      all: lookup.all(key).map((m) => m.module),
      explain: lookup.explain(key).map((m) => m.line),
    };
  } catch (error) {
    if (error instanceof InvalidKeyError) return { invalid: error.message };
    throw error;
  }
}

/** The linear scan's answers in the same shape. */
export function expectedAnswers(linear: LinearScan, key: string): unknown {
  let lines: ReturnType<LinearScan["matches"]>;
  try {
    lines = linear.matches(key);
  } catch (error) {
    if (error instanceof InvalidKeyError) return { invalid: error.message };
    throw error;
  }
  const top = lines[0];
  return {
    best: top ? { module: top.module, line: top.line, pattern: top.pattern } : null,
    ambiguous:
      top !== undefined &&
      lines.some((l) => l.stars === top.stars && l.literals === top.literals && l.module !== top.module),
    all: linear.modules(lines),
    explain: lines.map((l) => l.line),
  };
}

/** Assert that the index answers `key` as the linear scan does. */
export function expectSameAnswers(lookup: AliasLookup, linear: LinearScan, key: string): void {
  expect(answersOf(lookup, key), JSON.stringify(key)).toEqual(expectedAnswers(linear, key));
}
