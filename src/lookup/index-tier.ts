/**
 * One compiled alias source (modules.alias, or the built-in drivers'
 * aliases) answering for a key: its best entry, with ambiguity, and every
 * matching entry best first.
 *
 *   best     the most specific matching alias (fewest `*`, then most literal
 *            characters, then earliest line), and another module's entry that
 *            ties with it on stars and literals, if any;
 *   matches  every matching alias line, duplicates included, best first.
 *
 * A well-formed pci/vfio_pci/usb key costs a bounded trie walk plus a gram
 * probe of the general structure; nothing scans the entry table.
 */
import type { AliasIndex } from "../index/compile.js";
import { compareRank, sameScore } from "../index/entries.js";
import { Collector, fieldPattern, normalize, type Collected, type EntryMatch, type LeafMatch } from "./collect.js";
import { trieWalkOrder, type Walked } from "./kmod-order.js";
import type { Tier, TierAnswer, TierMatch } from "./tier.js";

/**
 * How depmod ranks this source's aliases (see kmod-order.ts): modules.alias
 * by module order, then walk order; built-in aliases by walk order alone.
 */
export type Ranking = "module order" | "walk order";

export class IndexTier implements Tier {
  private readonly collector: Collector;

  constructor(
    readonly index: AliasIndex,
    private readonly ranking: Ranking,
  ) {
    this.collector = new Collector(index);
  }

  /** The best entry for a normalized key, or null when nothing matches. */
  best(key: string): TierAnswer | null {
    const found = this.collector.collect(key);
    const { entries } = this.index;
    let best = -1;
    let bestLeaf: LeafMatch | null = null;
    let bestEntry: EntryMatch | null = null;
    for (const match of found.leaves) {
      const id = leafBest(match);
      if (best < 0 || compareRank(entries, id, best) < 0) {
        best = id;
        bestLeaf = match;
      }
    }
    for (const match of found.entries) {
      if (best < 0 || compareRank(entries, match.id, best) < 0) {
        best = match.id;
        bestEntry = match;
        bestLeaf = null;
      }
    }
    if (best < 0) return null;
    const pattern = bestLeaf !== null ? this.leafPattern(bestLeaf, best) : (bestEntry as EntryMatch).pattern;
    const tie = this.findTie(found, best);
    return {
      best: this.describe(best, pattern),
      tiedWith: tie >= 0 ? (this.index.modules[entries.module[tie] as number] as string) : null,
    };
  }

  /** Every matching entry of a normalized key, duplicates included, best first. */
  matches(key: string): TierMatch[] {
    const found = this.collector.collect(key);
    const out: TierMatch[] = [];
    for (const match of found.leaves) {
      const { start, ids } = match.trie.trie;
      const leaf = match.hit.leaf;
      for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++) {
        const id = ids[at] as number;
        out.push(this.describe(id, this.leafPattern(match, id)));
      }
    }
    for (const match of found.entries) out.push(this.describe(match.id, match.pattern));
    const { entries } = this.index;
    return out.sort((a, b) => compareRank(entries, a.id, b.id));
  }

  modprobeOrder(matches: readonly TierMatch[]): TierMatch[] {
    const { module } = this.index.entries;
    const rank = (m: TierMatch): number => (this.ranking === "module order" ? (module[m.id] as number) : 0);
    return matches
      .map((match) => ({ match, rank: rank(match), walked: walked(match) }))
      .sort((a, b) => a.rank - b.rank || trieWalkOrder(a.walked, b.walked))
      .map(({ match }) => match);
  }

  /** An entry of another module than `best` with the same score, or -1. */
  private findTie(found: Collected, best: number): number {
    const { entries } = this.index;
    const rival = (id: number): boolean =>
      id >= 0 && id !== best && sameScore(entries, id, best) && entries.module[id] !== entries.module[best];
    for (const match of found.leaves) {
      const first = leafBest(match);
      if (rival(first)) return first;
      const tie = match.trie.trie.tie[match.hit.leaf] as number;
      if (rival(tie)) return tie;
    }
    for (const match of found.entries) if (rival(match.id)) return match.id;
    return -1;
  }

  private leafPattern(match: LeafMatch, id: number): string {
    return fieldPattern(match, this.index.trailingStar[id] === 1);
  }

  private describe(id: number, pattern: string): TierMatch {
    const { entries, modules } = this.index;
    return {
      id,
      module: modules[entries.module[id] as number] as string,
      pattern,
      line: entries.line[id] as number,
      file: null,
      stars: entries.stars[id] as number,
      literals: entries.literals[id] as number,
    };
  }
}

/** A match as the trie walk sees it: its pattern in kmod's normal form. */
function walked(match: TierMatch): Walked {
  return { normalized: normalize(match.pattern), line: match.line };
}

/** The best entry of a reached leaf. */
function leafBest(match: LeafMatch): number {
  const trie = match.trie.trie;
  return trie.ids[trie.start[match.hit.leaf] as number] as number;
}
