/**
 * The lookup engine: best match, all matches and explain for a modalias,
 * over kmod's chain of alias sources.
 *
 * kmod asks its sources in order and takes the first that has any match:
 * the configuration's aliases (modprobe.d), then modules.alias, then the
 * built-in drivers' aliases (modules.builtin.modinfo). So does this engine:
 *
 *   best     the answering source's most specific alias (fewest `*`, then
 *            most literal characters, then earliest line), and whether
 *            another module's alias there ties with it (`ambiguous`);
 *   all      the answering source's modules, once each, in the order
 *            `modprobe -R` prints them (without its repeats), each with its
 *            best alias;
 *   explain  every matching alias of every source, in chain order, each
 *            source's best first; `origin` tells which source, and only the
 *            first origin listed answers.
 */

/**
 * What every alias source answers with, whatever it is built on: matching
 * entries described the same way, and the best one with its rival, if any.
 */
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
import type { AliasIndex, IndexContents } from "../index/build.js";
import { IndexTier } from "../index/search.js";
import { analyzePattern, type CompiledPattern, compilePattern, matchPattern } from "../kmod/fnmatch.js";
import { toKey } from "../kmod/normalize.js";
import type { ConfigAlias } from "../parse/modprobe-config.js";

/** Which source of kmod's chain an alias came from. */
export type Origin = "config" | "modules.alias" | "builtin";

/** One alias that matched. */
export interface AliasMatch {
  module: string;
  /** The pattern as written (config aliases: after kmod's `-` to `_`). */
  pattern: string;
  /** 1-based line in its file (for built-in aliases: record number in modules.builtin.modinfo). */
  line: number;
  stars: number;
  literals: number;
  origin: Origin;
  /** The configuration file of a config alias; null for the other sources. */
  file: string | null;
}

export interface BestAnswer {
  /** The most specific match of the answering source, or null when nothing matches. */
  best: AliasMatch | null;
  /** True when another module's alias ties with the best on stars and literals. */
  ambiguous: boolean;
  /** One such other module, when ambiguous. */
  tiedWith: string | null;
}

export class AliasLookup {
  private readonly tiers: { origin: Origin; tier: Tier }[] = [];

  /**
   * An engine over an index (a modules.alias part alone, or an index file's
   * contents with its built-in part) and, first in the chain, the
   * configuration's aliases.
   */
  constructor(index: AliasIndex | IndexContents, config: readonly ConfigAlias[] = []) {
    const contents: IndexContents = "aliases" in index ? index : { aliases: index, builtin: null };
    if (config.length > 0) this.tiers.push({ origin: "config", tier: new ConfigTier(config) });
    this.tiers.push({ origin: "modules.alias", tier: new IndexTier(contents.aliases, "module order") });
    if (contents.builtin !== null)
      this.tiers.push({ origin: "builtin", tier: new IndexTier(contents.builtin, "walk order") });
  }

  /** The best match for a modalias. Throws InvalidKeyError for a key kmod rejects. */
  best(modalias: string | Uint8Array): BestAnswer {
    const key = toKey(modalias);
    for (const { origin, tier } of this.tiers) {
      const answer = tier.best(key);
      if (answer !== null) {
        return { best: describe(answer.best, origin), ambiguous: answer.tiedWith !== null, tiedWith: answer.tiedWith };
      }
    }
    return { best: null, ambiguous: false, tiedWith: null };
  }

  /** The answering source's modules once each, in modprobe's order, each with its best alias. */
  all(modalias: string | Uint8Array): AliasMatch[] {
    const key = toKey(modalias);
    for (const { origin, tier } of this.tiers) {
      const matches = tier.matches(key);
      if (matches.length === 0) continue;
      const unlisted = new Map<string, TierMatch>();
      for (const match of matches) if (!unlisted.has(match.module)) unlisted.set(match.module, match);
      const out: AliasMatch[] = [];
      for (const { module } of tier.modprobeOrder(matches)) {
        const best = unlisted.get(module);
        if (best === undefined) continue;
        unlisted.delete(module);
        out.push(describe(best, origin));
      }
      return out;
    }
    return [];
  }

  /** Every matching alias of every source, duplicates included, in chain order, each source's best first. */
  explain(modalias: string | Uint8Array): AliasMatch[] {
    const key = toKey(modalias);
    return this.tiers.flatMap(({ origin, tier }) => tier.matches(key).map((match) => describe(match, origin)));
  }
}

/** Where an alias was written: `line N` (of modules.alias), a configuration file and line, or a built-in record. */
export function placeOf(match: Pick<AliasMatch, "origin" | "file" | "line">): string {
  if (match.origin === "config") return `${match.file ?? "modprobe configuration"} line ${match.line}`;
  if (match.origin === "builtin") return `built-in, modules.builtin.modinfo record ${match.line}`;
  return `line ${match.line}`;
}

function describe(match: TierMatch, origin: Origin): AliasMatch {
  const { module, pattern, line, stars, literals, file } = match;
  return { module, pattern, line, stars, literals, origin, file };
}

/** One matching alias of a source; `id` is its entry number there. */
export interface TierMatch {
  id: number;
  module: string;
  /** The pattern as written (config aliases: after kmod's `-` to `_`). */
  pattern: string;
  /** 1-based line in its file (record number for built-in aliases). */
  line: number;
  /** The file it came from when a source spans several files (config), else null. */
  file: string | null;
  stars: number;
  literals: number;
}

/** A source's best match for a key and another module that ties with it, if any. */
export interface TierAnswer {
  best: TierMatch;
  tiedWith: string | null;
}

/** One alias source in kmod's lookup chain. */
export interface Tier {
  best(key: string): TierAnswer | null;
  /** Every match, duplicates included, best first. */
  matches(key: string): TierMatch[];
  /** A key's matches in the order modprobe lists them (a sorted copy). */
  modprobeOrder(matches: readonly TierMatch[]): TierMatch[];
}

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
      out.push({
        id,
        module: alias.module,
        pattern: alias.pattern,
        line: alias.line,
        file: alias.file,
        stars,
        literals,
      });
    });
    return out.sort((a, b) => a.stars - b.stars || b.literals - a.literals || a.id - b.id);
  }

  modprobeOrder(matches: readonly TierMatch[]): TierMatch[] {
    return [...matches].sort((a, b) => a.id - b.id);
  }
}
