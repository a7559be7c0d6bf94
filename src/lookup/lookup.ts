/**
 * The lookup engine: best match, all matches and explain for a modalias.
 *
 *   best     the most specific matching alias (fewest `*`, then most literal
 *            characters, then earliest line), and whether another module ties
 *            with it on stars and literals (`ambiguous`);
 *   all      every matching module once, in kmod's order (the line of the
 *            module's first alias in the file), each with its best alias: the
 *            modules `modprobe -R` prints, without its duplicates;
 *   explain  every matching alias line, duplicates included, best first.
 *
 * A well-formed pci/vfio_pci/usb key costs a bounded trie walk plus a gram
 * probe of the general structure; nothing scans the entry table.
 */
import type { AliasIndex } from "../index/compile.js";
import { compareRank, sameScore } from "../index/entries.js";
import { Collector, fieldPattern, type Collected, type EntryMatch, type LeafMatch } from "./collect.js";
import { toKey } from "./key.js";

/** One alias line that matched. */
export interface AliasMatch {
  module: string;
  pattern: string;
  line: number;
  stars: number;
  literals: number;
}

export interface BestAnswer {
  /** The most specific match, or null when nothing matches. */
  best: AliasMatch | null;
  /** True when another module's alias ties with the best on stars and literals. */
  ambiguous: boolean;
  /** One such other module, when ambiguous. */
  tiedWith: string | null;
}

export class AliasLookup {
  private readonly collector: Collector;

  constructor(readonly index: AliasIndex) {
    this.collector = new Collector(index);
  }

  /** The best match for a modalias. Throws InvalidKeyError for a key kmod rejects. */
  best(modalias: string | Uint8Array): BestAnswer {
    const found = this.collector.collect(toKey(modalias));
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
    if (best < 0) return { best: null, ambiguous: false, tiedWith: null };
    const pattern = bestLeaf !== null ? this.leafPattern(bestLeaf, best) : (bestEntry as EntryMatch).pattern;
    const tie = this.findTie(found, best);
    return {
      best: this.describe(best, pattern),
      ambiguous: tie >= 0,
      tiedWith: tie >= 0 ? (this.index.modules[entries.module[tie] as number] as string) : null,
    };
  }

  /** Every matching module once, in kmod's order, each with its best alias. */
  all(modalias: string | Uint8Array): AliasMatch[] {
    const byModule = new Map<number, AliasMatch & { id: number }>();
    for (const match of this.explainIds(modalias)) {
      const module = this.index.entries.module[match.id] as number;
      if (!byModule.has(module)) byModule.set(module, match);
    }
    return [...byModule.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, { id: _id, ...match }]) => match);
  }

  /** Every matching alias line, duplicates included, best first. */
  explain(modalias: string | Uint8Array): AliasMatch[] {
    return this.explainIds(modalias).map(({ id: _id, ...match }) => match);
  }

  private explainIds(modalias: string | Uint8Array): (AliasMatch & { id: number })[] {
    const found = this.collector.collect(toKey(modalias));
    const out: (AliasMatch & { id: number })[] = [];
    for (const match of found.leaves) {
      const { start, ids } = match.trie.trie;
      const leaf = match.hit.leaf;
      for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++) {
        const id = ids[at] as number;
        out.push({ id, ...this.describe(id, this.leafPattern(match, id)) });
      }
    }
    for (const match of found.entries) out.push({ id: match.id, ...this.describe(match.id, match.pattern) });
    const { entries } = this.index;
    return out.sort((a, b) => compareRank(entries, a.id, b.id));
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

  private describe(id: number, pattern: string): AliasMatch {
    const { entries, modules } = this.index;
    return {
      module: modules[entries.module[id] as number] as string,
      pattern,
      line: entries.line[id] as number,
      stars: entries.stars[id] as number,
      literals: entries.literals[id] as number,
    };
  }
}

/** The best entry of a reached leaf. */
function leafBest(match: LeafMatch): number {
  const trie = match.trie.trie;
  return trie.ids[trie.start[match.hit.leaf] as number] as number;
}
