/**
 * The aliases of modprobe's configuration (`alias PATTERN MODULE` lines in
 * modprobe.d), first in kmod's lookup chain.
 *
 * kmod tests every configured alias with fnmatch in configuration order and
 * lists the matches in that order; so does this tier. A configuration holds
 * a handful to a few hundred aliases, so a linear pass (patterns compiled
 * once) is as cheap as any index, and exactly kmod's semantics: the
 * patterns have had only kmod's `-` to `_` (outside brackets) applied, and
 * an unmatched bracket is matched as fnmatch reads it, not rejected.
 */
import { analyzePattern } from "../pattern/analyze.js";
import { compilePattern, matchPattern, type CompiledPattern } from "../pattern/fnmatch.js";
import type { ConfigAlias } from "../config/records.js";
import type { Tier, TierAnswer, TierMatch } from "./tier.js";

interface Entry {
  alias: ConfigAlias;
  compiled: CompiledPattern;
  stars: number;
  literals: number;
}

export class ConfigTier implements Tier {
  private readonly entries: Entry[];

  constructor(aliases: readonly ConfigAlias[]) {
    this.entries = aliases.map((alias) => {
      const facts = analyzePattern(alias.pattern);
      return { alias, compiled: compilePattern(alias.pattern), stars: facts.stars, literals: facts.literals };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  best(key: string): TierAnswer | null {
    const [best, ...rest] = this.matches(key);
    if (best === undefined) return null;
    const rival = rest.find((m) => m.module !== best.module && m.stars === best.stars && m.literals === best.literals);
    return { best, tiedWith: rival?.module ?? null };
  }

  /** Matches best first: fewest `*`, most literals, then configuration order. */
  matches(key: string): TierMatch[] {
    const out: TierMatch[] = [];
    this.entries.forEach((entry, id) => {
      if (!matchPattern(entry.compiled, key)) return;
      const { alias, stars, literals } = entry;
      out.push({ id, module: alias.module, pattern: alias.pattern, line: alias.line, file: alias.file, stars, literals });
    });
    return out.sort((a, b) => a.stars - b.stars || b.literals - a.literals || a.id - b.id);
  }

  modprobeOrder(matches: readonly TierMatch[]): TierMatch[] {
    return [...matches].sort((a, b) => a.id - b.id);
  }
}
