/**
 * The reference answer: a plain scan of every alias line with the same
 * matcher, ranked by the documented rule. Shares nothing with the index but
 * the parser and the pattern module.
 */

import { analyzePattern, type CompiledPattern, compilePattern, matchPattern } from "../../src/kmod/fnmatch.js";
import { toKey } from "../../src/kmod/normalize.js";
import { type AliasLine, parseAliases } from "../../src/parse/aliases.js";

interface Line extends AliasLine {
  compiled: CompiledPattern;
  stars: number;
  literals: number;
}

export class LinearScan {
  private readonly lines: Line[];
  private readonly firstLine = new Map<string, number>();

  constructor(text: Buffer) {
    this.lines = parseAliases(text.toString("latin1")).aliases.map((a) => {
      const facts = analyzePattern(a.normalized);
      if (!this.firstLine.has(a.module)) this.firstLine.set(a.module, a.line);
      return { ...a, compiled: compilePattern(a.normalized), stars: facts.stars, literals: facts.literals };
    });
  }

  /** Every matching line, best first. */
  matches(modalias: string): Line[] {
    const key = toKey(modalias);
    return this.lines
      .filter((l) => matchPattern(l.compiled, key))
      .sort((a, b) => a.stars - b.stars || b.literals - a.literals || a.line - b.line);
  }

  /** Modules of `matches` once each, in kmod's order (first alias line of the module). */
  modules(matches: readonly AliasLine[]): string[] {
    const modules = [...new Set(matches.map((l) => l.module))];
    return modules.sort((a, b) => (this.firstLine.get(a) as number) - (this.firstLine.get(b) as number));
  }
}
