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
 * A well-formed pci/vfio_pci/usb key costs a bounded trie walk plus a piece
 * probe of the general structure; nothing scans the entry table.
 *
 * Finding every entry of an index that matches a key.
 *
 * Match order:
 *   1. the field trie of the key's prefix, when the key is in the kernel's
 *      exact format for that bus: a walk of at most 2^fields leaves, every
 *      entry of a reached leaf matches; when the key has the prefix but not
 *      the format, the entries of the leaves that may still match (the
 *      literal path the key's fields allow, and every `*` subtree along it)
 *      are tested with fnmatch;
 *   2. the general structure: the exact-key table (skipped for a key with a
 *      trie's prefix when no wildcard-free pattern can match such a key),
 *      then candidates confirmed with fnmatch: for a key with a trie's prefix,
 *      the general patterns whose literal start is compatible with that
 *      prefix when there are few (general.ts, listed when compiling; none for
 *      pci in a real file; usb's hundred-odd bracket-range aliases are too
 *      many); otherwise the patterns filed under the key's pieces and the
 *      always-tested ones.
 * Ranking the matches is the caller's job.
 */
import { analyzePattern, type CompiledPattern, compilePattern, matchPattern } from "../kmod/fnmatch.js";
import { normalizeAlias } from "../kmod/normalize.js";
import { type SourceAnswer, type SourceMatch, trieWalkOrder, type Walked } from "../kmod/order.js";
import type { AliasIndex, FieldTrie } from "./build.js";
import { compareRank, tiesWithEntry } from "./columns.js";
import { candidateLeaves, type LeafHit, leafPaths, walkTrie } from "./field-trie.js";
import { type DirectList, eachCandidate } from "./general.js";
import { formatFieldPattern, parseFieldKey, patternFromKey } from "./schema.js";

/**
 * How depmod ranks this source's aliases (see kmod/order.ts): modules.alias
 * by module order, then walk order; built-in aliases by walk order alone.
 */
export type Ranking = "module order" | "walk order";

export class IndexSearch {
  private readonly collector: Collector;

  constructor(
    readonly index: AliasIndex,
    private readonly ranking: Ranking,
  ) {
    this.collector = new Collector(index);
  }

  /** The best entry for a normalized key, or null when nothing matches. */
  best(key: string): SourceAnswer | null {
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
  matches(key: string): SourceMatch[] {
    const found = this.collector.collect(key);
    const out: SourceMatch[] = [];
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

  modprobeOrder(matches: readonly SourceMatch[]): SourceMatch[] {
    const { module } = this.index.entries;
    const rank = (m: SourceMatch): number => (this.ranking === "module order" ? (module[m.id] as number) : 0);
    return matches
      .map((match) => ({ match, rank: rank(match), walked: walked(match) }))
      .sort((a, b) => a.rank - b.rank || trieWalkOrder(a.walked, b.walked))
      .map(({ match }) => match);
  }

  /** An entry of another module than `best` with the same score, or -1. */
  private findTie(found: Collected, best: number): number {
    const { entries } = this.index;
    const rival = (id: number): boolean => id >= 0 && id !== best && tiesWithEntry(entries, best, id);
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

  private describe(id: number, pattern: string): SourceMatch {
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
function walked(match: SourceMatch): Walked {
  return { normalized: normalize(match.pattern), line: match.line };
}

/** The best entry of a reached leaf. */
function leafBest(match: LeafMatch): number {
  const trie = match.trie.trie;
  return trie.ids[trie.start[match.hit.leaf] as number] as number;
}

/** A trie leaf a well-formed key reached: every entry in it matches. */
export interface LeafMatch {
  trie: FieldTrie;
  /** The key, well-formed for the trie's schema. */
  key: string;
  hit: LeafHit;
}

/** One matching entry found by testing its pattern. */
export interface EntryMatch {
  id: number;
  pattern: string;
}

export interface Collected {
  leaves: LeafMatch[];
  entries: EntryMatch[];
}

/**
 * Per-index state reused across lookups: compiled patterns, exact keys, a
 * seen-set; each made on first need, so that a lookup reads only the parts
 * of a lazily decoded index (format.ts) that its key can touch.
 */
export class Collector {
  private readonly compiled: (CompiledPattern | undefined)[] = [];
  /** Wildcard-free patterns by the key they match. */
  private exact: Map<string, number[]> | undefined;
  private seen: Uint32Array | undefined;
  private stamp = 0;
  /** Per trie, each leaf's pattern compiled without and with a trailing `*`; built on first need. */
  private leafPatterns: Map<FieldTrie, { paths: number[][]; compiled: (LeafPattern | undefined)[] }> | undefined;

  constructor(private readonly index: AliasIndex) {}

  collect(key: string): Collected {
    const out: Collected = { leaves: [], entries: [] };
    let direct: DirectList | null = null;
    for (const trie of this.index.tries) {
      if (!key.startsWith(trie.prefix)) continue;
      direct = this.index.general.direct.find((list) => list.prefix === trie.prefix) ?? null;
      const values = parseFieldKey(trie.schema, trie.prefix, key);
      if (values === null) {
        this.scanTrie(trie, key, out.entries);
        continue;
      }
      const hits: LeafHit[] = [];
      walkTrie(trie.trie, values, hits);
      for (const hit of hits) out.leaves.push({ trie, key, hit });
    }
    this.collectGeneral(key, direct, out.entries);
    return out;
  }

  /** Matching general patterns; `direct`: the candidates for the key's trie prefix, when it has one. */
  private collectGeneral(key: string, direct: DirectList | null, out: EntryMatch[]): void {
    const general = this.index.general;
    if (general.ids.length === 0) return;
    const take = (local: number): void => {
      out.push({ id: general.ids[local] as number, pattern: general.patterns[local] as string });
    };
    if (direct === null || direct.exact) {
      const exact = this.exactKeys().get(key);
      if (exact !== undefined) for (const local of exact) take(local);
    }
    if (direct?.others) {
      for (const local of direct.others) if (matchPattern(this.pattern(local), key)) take(local);
      return;
    }
    const seen = (this.seen ??= new Uint32Array(general.ids.length));
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) seen.fill(0);
    eachCandidate(general, key, (local) => {
      if (seen[local] === this.stamp) return;
      seen[local] = this.stamp;
      if (matchPattern(this.pattern(local), key)) take(local);
    });
  }

  /** The wildcard-free patterns by the one key each matches, built on first need. */
  private exactKeys(): Map<string, number[]> {
    if (this.exact !== undefined) return this.exact;
    const general = this.index.general;
    const exact = new Map<string, number[]>();
    for (const local of general.exact) {
      const key = exactKey(normalize(general.patterns[local] as string));
      const list = exact.get(key);
      if (list === undefined) exact.set(key, [local]);
      else list.push(local);
    }
    this.exact = exact;
    return exact;
  }

  private pattern(local: number): CompiledPattern {
    let compiled = this.compiled[local];
    if (compiled === undefined) {
      const general = this.index.general;
      compiled = compilePattern(normalize(general.patterns[local] as string));
      this.compiled[local] = compiled;
    }
    return compiled;
  }

  /**
   * A key with the trie's prefix but not the bus's exact format: test the
   * entries of the leaves that may match it (candidateLeaves) with fnmatch.
   * Entries of a leaf differ only by a trailing `*`, so each leaf costs two
   * tests; leaf patterns are compiled once, when first needed.
   */
  private scanTrie(trie: FieldTrie, key: string, out: EntryMatch[]): void {
    this.leafPatterns ??= new Map();
    let cache = this.leafPatterns.get(trie);
    if (cache === undefined) {
      cache = { paths: leafPaths(trie.trie), compiled: [] };
      this.leafPatterns.set(trie, cache);
    }
    const { paths, compiled } = cache;
    const { start, ids } = trie.trie;
    candidateLeaves(trie.trie, trie.schema, trie.prefix, key, (leaf) => {
      let entry = compiled[leaf];
      if (entry === undefined) {
        const text = formatFieldPattern(trie.schema, trie.prefix, paths[leaf] as number[], false);
        entry = { text, plain: compilePattern(text), trailing: compilePattern(`${text}*`) };
        compiled[leaf] = entry;
      }
      const matches = [matchPattern(entry.plain, key), matchPattern(entry.trailing, key)];
      for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++) {
        const id = ids[at] as number;
        const trailing = this.index.trailingStar[id] === 1;
        if (matches[trailing ? 1 : 0]) out.push({ id, pattern: trailing ? `${entry.text}*` : entry.text });
      }
    });
  }
}

/** A leaf's pattern text, compiled without and with a trailing `*`. */
interface LeafPattern {
  text: string;
  plain: CompiledPattern;
  trailing: CompiledPattern;
}

/** Pattern text of the entries of a leaf a key reached. */
export function fieldPattern(match: LeafMatch, trailingStar: boolean): string {
  return patternFromKey(match.trie.schema, match.trie.prefix, match.key, match.hit.starMask, trailingStar);
}

/**
 * kmod's form of a pattern from the index. Every pattern was normalized when
 * the index was compiled, so a failure here means the index was altered.
 */
export function normalize(pattern: string): string {
  const normalized = normalizeAlias(pattern);
  if (!normalized.ok)
    throw new Error(`index holds an invalid pattern ${JSON.stringify(pattern)}: ${normalized.reason}`);
  return normalized.value;
}

/** The one key a wildcard-free pattern matches (most are their own key). */
function exactKey(pattern: string): string {
  return /[\\[]/.test(pattern) ? (analyzePattern(pattern).exact as string) : pattern;
}
