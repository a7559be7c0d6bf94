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
import type { AliasIndex, IndexContents } from "../index/compile.js";
import type { ConfigAlias } from "../config/records.js";
import { ConfigTier } from "./config-tier.js";
import { IndexTier } from "./index-tier.js";
import { toKey } from "./key.js";
import type { Tier, TierMatch } from "./tier.js";

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
    if (contents.builtin !== null) this.tiers.push({ origin: "builtin", tier: new IndexTier(contents.builtin, "walk order") });
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
