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
 *      the format, the entries of the leaves that may still match (found for
 *      each placement of the bus's tags in the key, field-trie.ts
 *      alignedLeaves) are tested with fnmatch;
 *   2. the general structure: the exact-key table (skipped for a key with a
 *      trie's prefix when no wildcard-free pattern can match such a key),
 *      then candidates confirmed with fnmatch: for a key with a trie's prefix,
 *      the general patterns whose literal start is compatible with that
 *      prefix when there are few (general.ts, listed when compiling; none for
 *      pci in a real file; usb's hundred-odd bracket-range aliases are too
 *      many); otherwise the patterns filed under the key's pieces and the
 *      always-tested ones;
 *   3. for a key not in a bus's exact format, libkmod's literal route
 *      (literal-route.ts: only a key holding `*`, `?` or `[` finds any).
 * Ranking the matches is the caller's job.
 */
import { analyzePattern, type CompiledPattern, compilePattern, indexedPattern, matchPattern } from "../kmod/fnmatch.js";
import { normalizeAlias } from "../kmod/normalize.js";
import { type SourceAnswer, type SourceMatch, trieWalkOrder, type Walked } from "../kmod/order.js";
import type { AliasIndex, FieldTrie } from "./build.js";
import { compareRank, tiesWithEntry } from "./columns.js";
import { alignedLeaves, candidateLeaves, type FlatTrie, leafPath, TrieWalk } from "./field-trie.js";
import { type DirectList, ExactKeys, eachCandidate, eachTwin } from "./general.js";
import { LiteralRoute } from "./literal-route.js";
import { formatFieldPattern, KeyLayout, patternFromKey } from "./schema.js";

/**
 * How depmod ranks this source's aliases (see kmod/order.ts): modules.alias
 * by module order, then walk order; built-in aliases by walk order alone.
 */
export type Ranking = "module order" | "walk order";

export class IndexSearch {
  private readonly collector: Collector;
  /** Matches of entries by id, the same for every key that finds them (leafMatch, entryMatch). */
  private readonly shared = new Map<number, SourceMatch>();

  constructor(
    readonly index: AliasIndex,
    private readonly ranking: Ranking,
  ) {
    this.collector = new Collector(index);
  }

  /**
   * Whether a string is in the exact format of one of this index's buses: such a string is its
   * own kmod key (ASCII, no `-`, `[`, `]` or NUL), and the lookup of it that follows reuses this test.
   */
  exactFormat(key: string): boolean {
    return this.collector.exactFormat(key);
  }

  /** The best entry for a normalized key, or null when nothing matches. */
  best(key: string): SourceAnswer | null {
    const found = this.collector.collect(key);
    const { entries } = this.index;
    let best = -1;
    let bestLeaf = -1;
    let bestEntry: EntryMatch | null = null;
    for (let i = 0; i < found.leafCount; i++) {
      const id = leafBest(found, i);
      if (best < 0 || compareRank(entries, id, best) < 0) {
        best = id;
        bestLeaf = i;
      }
    }
    for (const match of found.entries) {
      if (best < 0 || compareRank(entries, match.id, best) < 0) {
        best = match.id;
        bestEntry = match;
        bestLeaf = -1;
      }
    }
    if (best < 0) return null;
    const match =
      bestLeaf >= 0 ? this.leafMatch(found, bestLeaf, best) : this.entryMatch(best, (bestEntry as EntryMatch).pattern);
    const tie = this.findTie(found, best);
    return {
      best: match,
      tiedWith: tie >= 0 ? (this.index.modules[entries.module[tie] as number] as string) : null,
    };
  }

  /** Every matching entry of a normalized key, duplicates included, best first. */
  matches(key: string): SourceMatch[] {
    const found = this.collector.collect(key);
    const out: SourceMatch[] = [];
    for (let i = 0; i < found.leafCount; i++) {
      const { start, ids } = (found.slot as TrieSlot).flat;
      const leaf = (found.slot as TrieSlot).walk.leaves[i] as number;
      for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++)
        out.push(this.leafMatch(found, i, ids[at] as number));
    }
    for (const match of found.entries) out.push(this.describe(match.id, match.pattern, match.step));
    const { entries } = this.index;
    return onceEach(out).sort((a, b) => compareRank(entries, a.id, b.id));
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
    for (let i = 0; i < found.leafCount; i++) {
      const first = leafBest(found, i);
      if (this.rival(best, first)) return first;
      const { flat, walk } = found.slot as TrieSlot;
      const tie = flat.tie[walk.leaves[i] as number] as number;
      if (this.rival(best, tie)) return tie;
    }
    for (const match of found.entries) if (this.rival(best, match.id)) return match.id;
    return -1;
  }

  private rival(best: number, id: number): boolean {
    return id >= 0 && id !== best && tiesWithEntry(this.index.entries, best, id);
  }

  /**
   * The match of entry `id` of reached leaf i, the same for every key that reaches it: made once
   * and shared (matches are never changed), so that a lookup allocates none for it.
   */
  private leafMatch(found: Collected, i: number, id: number): SourceMatch {
    let match = this.shared.get(id);
    if (match === undefined) {
      match = this.describe(id, this.leafPattern(found, i, id));
      this.shared.set(id, match);
    }
    return match;
  }

  /** The match of entry `id` found by testing its pattern: likewise made once and shared. */
  private entryMatch(id: number, pattern: string): SourceMatch {
    let match = this.shared.get(id);
    if (match === undefined) {
      match = this.describe(id, pattern);
      this.shared.set(id, match);
    }
    return match;
  }

  /** The pattern of entry `id` of reached leaf i: the leaf's text, remembered (it is the same for every key). */
  private leafPattern(found: Collected, i: number, id: number): string {
    const slot = found.slot as TrieSlot;
    const leaf = slot.walk.leaves[i] as number;
    const trailing = this.index.trailingStar[id] === 1;
    const texts = trailing ? slot.trailingTexts : slot.texts;
    let text = texts[leaf];
    if (text === undefined) {
      const { schema, prefix } = slot.trie;
      text = patternFromKey(schema, prefix, found.key, slot.walk.masks[i] as number, trailing);
      texts[leaf] = text;
    }
    return text;
  }

  private describe(id: number, pattern: string, literalStep?: number): SourceMatch {
    const { entries, modules } = this.index;
    const module = modules[entries.module[id] as number] as string;
    const line = entries.line[id] as number;
    const stars = entries.stars[id] as number;
    const literals = entries.literals[id] as number;
    return literalStep === undefined
      ? { id, module, pattern, line, file: null, stars, literals }
      : { id, module, pattern, line, file: null, stars, literals, literalStep };
  }
}

/** A match as the trie walk sees it: its pattern in kmod's normal form. */
function walked(match: SourceMatch): Walked {
  return { normalized: normalize(match.pattern), line: match.line, literalStep: match.literalStep };
}

/** Each entry once: one reached by both of libkmod's routes is kept as the literal route found it. */
function onceEach(matches: SourceMatch[]): SourceMatch[] {
  if (matches.every((m) => m.literalStep === undefined)) return matches;
  const byId = new Map<number, SourceMatch>();
  for (const m of matches) if (!byId.has(m.id) || m.literalStep !== undefined) byId.set(m.id, m);
  return [...byId.values()];
}

/** The best entry of reached leaf i. */
function leafBest(found: Collected, i: number): number {
  const { flat, walk } = found.slot as TrieSlot;
  return flat.ids[flat.start[walk.leaves[i] as number] as number] as number;
}

/** One matching entry found by testing its pattern (or on libkmod's literal route: `step`). */
export interface EntryMatch {
  readonly id: number;
  readonly pattern: string;
  readonly step?: number;
}

/**
 * What a key reached, valid until the next collect (reused, so that a lookup
 * allocates nothing for it): for a key in a bus's exact format, the leaves
 * of that bus's trie it reached (`slot.walk`), every entry of which
 * matches; and the entries found by testing their patterns.
 */
export interface Collected {
  key: string;
  /** The trie walked, or null. */
  slot: TrieSlot | null;
  leafCount: number;
  entries: EntryMatch[];
}

/**
 * One field trie as the lookups use it: decoded on first use, with each
 * leaf's pattern text (the same for every key that reaches the leaf: its
 * literal fields are the leaf's path values, written as the kernel writes
 * them), and for keys not in the exact format, each leaf's compiled
 * patterns.
 */
class TrieSlot {
  readonly texts: (string | undefined)[] = [];
  readonly trailingTexts: (string | undefined)[] = [];
  /** Where the fields of a key in the bus's exact format sit. */
  readonly layout: KeyLayout;
  /** The last walk of this trie. */
  readonly walk: TrieWalk;
  private lazyFlat: FlatTrie | undefined;
  /** Compiled leaf patterns, by leaf, for keys with the prefix but not the format. */
  readonly compiled: (LeafPattern | undefined)[] = [];

  constructor(readonly trie: FieldTrie) {
    this.layout = new KeyLayout(trie.schema, trie.prefix);
    this.walk = new TrieWalk(trie.schema.fields.length);
  }

  get flat(): FlatTrie {
    this.lazyFlat ??= this.trie.trie;
    return this.lazyFlat;
  }
}

/**
 * Per-index state reused across lookups: the trie slots, compiled patterns,
 * exact keys, a seen-set; each made on first need, so that a lookup reads
 * only the parts of a lazily decoded index (format.ts) that its key can touch.
 */
export class Collector {
  private readonly compiled: (CompiledPattern | undefined)[] = [];
  /** Wildcard-free patterns by the key they match. */
  private exact: ExactKeys | undefined;
  private seen: Uint32Array | undefined;
  private stamp = 0;
  private lazySlots: TrieSlot[] | undefined;
  private readonly literal: LiteralRoute;
  private readonly found: Collected = { key: "", slot: null, leafCount: 0, entries: [] };
  /** The last key classified: the trie whose prefix it has, and whether it fits that bus's format. */
  private classified: string | null = null;
  private prefixed: TrieSlot | null = null;
  private fitted = false;

  constructor(private readonly index: AliasIndex) {
    this.literal = new LiteralRoute(index, normalize);
  }

  private slots(): TrieSlot[] {
    this.lazySlots ??= this.index.tries.map((trie) => new TrieSlot(trie));
    return this.lazySlots;
  }

  /**
   * Whether a key is in the exact format of one of the index's buses (then it is ASCII and holds
   * no `-`, `[`, `]` or NUL: it is its own kmod key). Remembered for a collect of the same key,
   * so that a key is scanned once.
   */
  exactFormat(key: string): boolean {
    this.classify(key);
    return this.fitted;
  }

  /**
   * The trie whose prefix the key has, and whether the key fits its exact format. A collect
   * reuses the last key's when given the same string (the same object: one pointer comparison;
   * {@link exactFormat} does not compare, as two keys of one length are compared char by char).
   */
  private classify(key: string): void {
    this.classified = key;
    this.prefixed = null;
    this.fitted = false;
    const slots = this.slots();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as TrieSlot;
      if (!key.startsWith(slot.trie.prefix)) continue;
      this.prefixed = slot;
      this.fitted = slot.layout.fits(key);
      // No key has two tries' prefixes (none is a prefix of another).
      return;
    }
  }

  collect(key: string): Collected {
    const found = this.found;
    found.key = key;
    found.slot = null;
    found.leafCount = 0;
    // Setting an array's length is a runtime call even when nothing changes.
    if (found.entries.length > 0) found.entries.length = 0;
    if (key !== this.classified) this.classify(key);
    const slot = this.prefixed;
    if (slot !== null) {
      if (this.fitted) {
        found.slot = slot;
        found.leafCount = slot.walk.run(slot.flat, slot.layout, key);
      } else this.scanTrie(slot, key, found.entries);
    }
    this.collectGeneral(key, slot === null ? null : slot.trie.direct, found.entries);
    // A key in a bus's exact format holds no wildcard byte: only other keys may take the literal route.
    if (found.slot === null) for (const match of this.literal.find(key)) found.entries.push(match);
    return found;
  }

  /** Matching general patterns; `direct`: the candidates for the key's trie prefix, when it has one. */
  private collectGeneral(key: string, direct: DirectList | null, out: EntryMatch[]): void {
    // Checked before the general structure is read: most tries' keys never need it decoded.
    if (direct !== null && !direct.exact && direct.others !== null && direct.others.length === 0) return;
    const general = this.index.general;
    if (general.ids.length === 0) return;
    this.generalKey = key;
    this.generalOut = out;
    if (direct === null || direct.exact) this.exactKeys().each(key, this.take);
    if (direct?.others) {
      for (const local of direct.others) if (matchPattern(this.pattern(local), key)) this.take(local);
      return;
    }
    const seen = (this.seen ??= new Uint32Array(general.ids.length));
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) seen.fill(0);
    eachCandidate(general, key, this.test);
  }

  // The visitors of collectGeneral, made once (a lookup allocates no closure): they read the
  // key and the output of the collect in progress from these fields.
  private generalKey = "";
  private generalOut: EntryMatch[] = [];
  /** Each general pattern's match, by local id, made once and shared. */
  private readonly generalMatches: (EntryMatch | undefined)[] = [];

  /** Take a matching first and its twins. */
  private readonly take = (first: number): void => eachTwin(this.index.general, first, this.push);

  private readonly push = (local: number): void => {
    let match = this.generalMatches[local];
    if (match === undefined) {
      const general = this.index.general;
      match = { id: general.ids[local] as number, pattern: general.patterns[local] as string };
      this.generalMatches[local] = match;
    }
    this.generalOut.push(match);
  };

  /** Test a candidate first, once per key (eachCandidate may visit it more than once). */
  private readonly test = (local: number): void => {
    const seen = this.seen as Uint32Array;
    if (seen[local] === this.stamp) return;
    seen[local] = this.stamp;
    if (matchPattern(this.pattern(local), this.generalKey)) this.take(local);
  };

  /** The wildcard-free patterns by the one key each matches, built on first need. */
  private exactKeys(): ExactKeys {
    if (this.exact !== undefined) return this.exact;
    const general = this.index.general;
    const keys = Array.from(general.exact, (local) =>
      exactKey(indexedPattern(normalize(general.patterns[local] as string))),
    );
    this.exact = new ExactKeys(keys, general.exact);
    return this.exact;
  }

  private pattern(local: number): CompiledPattern {
    let compiled = this.compiled[local];
    if (compiled === undefined) {
      const general = this.index.general;
      compiled = compilePattern(indexedPattern(normalize(general.patterns[local] as string)));
      this.compiled[local] = compiled;
    }
    return compiled;
  }

  /**
   * A key with the trie's prefix but not the bus's exact format: test the
   * entries of the leaves that may match it (alignedLeaves, or
   * candidateLeaves when the key allows too many placements of the tags) with fnmatch.
   * Entries of a leaf differ only by a trailing `*`, so each leaf costs at most two
   * tests; leaf patterns are compiled once, when first needed.
   */
  private scanTrie(slot: TrieSlot, key: string, out: EntryMatch[]): void {
    const { compiled } = slot;
    const { schema, prefix } = slot.trie;
    const { start, ids } = slot.flat;
    const test = (leaf: number): void => {
      let entry = compiled[leaf];
      if (entry === undefined) {
        const text = formatFieldPattern(schema, prefix, leafPath(slot.flat, leaf), false);
        entry = { text, plain: compilePattern(text), trailing: compilePattern(`${text}*`) };
        compiled[leaf] = entry;
      }
      const { text, plain, trailing } = entry;
      // Each variant is tested only if the leaf has an entry of that form, and once.
      let plainMatches: boolean | undefined;
      let trailingMatches: boolean | undefined;
      for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++) {
        const id = ids[at] as number;
        if (this.index.trailingStar[id] === 1) {
          trailingMatches ??= matchPattern(trailing, key);
          if (trailingMatches) out.push({ id, pattern: `${text}*` });
        } else {
          plainMatches ??= matchPattern(plain, key);
          if (plainMatches) out.push({ id, pattern: text });
        }
      }
    };
    if (!alignedLeaves(slot.flat, schema, prefix, key, test)) candidateLeaves(slot.flat, schema, prefix, key, test);
  }
}

/** A leaf's pattern text, compiled without and with a trailing `*`. */
interface LeafPattern {
  text: string;
  plain: CompiledPattern;
  trailing: CompiledPattern;
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
