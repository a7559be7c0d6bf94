/**
 * libkmod's literal route: the matches a key finds by walking libkmod's trie through a
 * `*`, `?` or `[` of the key as a plain byte.
 *
 * libkmod's binary indexes are radix tries over the (normalized) patterns: a node holds the
 * bytes its patterns share, and splits where they diverge or one of them ends; the root's
 * children start at each pattern's first byte. A lookup walks the key's bytes down the trie.
 * Where a node's bytes reach a pattern's first wildcard it runs fnmatch on the rest of that
 * subtree's patterns against the rest of the key (the route the rest of the index models: it
 * equals fnmatch on the whole pattern, see indexedPattern). At the end of a node it does the
 * same for the node's `*`, `?` and `[` children, and then, unless the key has ended, follows
 * the child named by the key's next byte. When that byte is itself `*`, `?` or `[`, it follows
 * the child of that name as a plain byte: patterns that spell the key's text up to there are
 * reached again, and keep being compared byte for byte (so `test[ab]1` is found for the key
 * `test[ab]1` when another pattern splits the trie right before the `[`, and `*` finds the
 * pattern `*` a second time). Only a key holding one of those bytes can take this route, and
 * only at its first one.
 *
 * The trie's shape is rebuilt from the patterns sorted by byte (a node is a run of the sorted
 * array sharing a prefix), on the first such key.
 */
import { compilePattern, firstWildcard, matchPattern, WILDCARD_BYTES } from "../kmod/fnmatch.js";
import { depthFirstOrder } from "../kmod/order.js";
import type { AliasIndex } from "./build.js";
import { leafPaths } from "./field-trie.js";
import { formatFieldPattern } from "./schema.js";

/** A match found on the literal route. */
export interface LiteralMatch {
  id: number;
  /** The pattern as written. */
  pattern: string;
  /** Its place in libkmod's walk on this route (0 first); the route comes after every other visit. */
  step: number;
}

/** Any of libkmod's wildcard bytes (inside a character class none needs escaping). */
const HAS_WILDCARD = new RegExp(`[${WILDCARD_BYTES}]`);

interface Pattern {
  /** The normalized pattern: libkmod's trie holds these. */
  text: string;
  /** As written. */
  written: string;
  id: number;
  line: number;
}

export class LiteralRoute {
  private lazy: Pattern[] | undefined;

  constructor(
    private readonly index: AliasIndex,
    private readonly normalize: (pattern: string) => string,
  ) {}

  /** The literal route's matches of a (normalized) key, in walk order; none for a key without `*`, `?` or `[`. */
  find(key: string): LiteralMatch[] {
    // Most keys hold no wildcard byte: a regular expression tells so faster than a char loop.
    if (!HAS_WILDCARD.test(key)) return [];
    const q = firstWildcard(key);
    const sorted = this.patterns();
    const [outerLow, outerHigh] = range(sorted, key.slice(0, q), 0, sorted.length);
    const [low, high] = range(sorted, key.slice(0, q + 1), outerLow, outerHigh);
    // The walk reaches the end of a node at q (and so the child named by the key's byte) only
    // when the trie splits there: at the root, or where a pattern with the key's first q bytes
    // goes on differently or ends.
    if (low === high || (q > 0 && outerHigh - outerLow === high - low)) return [];
    const out: LiteralMatch[] = [];
    this.node(sorted, low, high, q + 1, key, out);
    return out;
  }

  /** Walk the node of patterns [low, high) that starts at byte `depth` (after a child's byte). */
  private node(sorted: Pattern[], low: number, high: number, depth: number, key: string, out: LiteralMatch[]): void {
    const first = (sorted[low] as Pattern).text;
    const end = depth + commonLength(first, (sorted[high - 1] as Pattern).text, depth);
    for (let at = depth; at < end; at++) {
      const byte = first.charAt(at);
      if (WILDCARD_BYTES.includes(byte)) {
        this.fnmatchAll(sorted, low, high, at, key, out);
        return;
      }
      if (byte !== key.charAt(at)) return;
    }
    for (const wildcard of WILDCARD_BYTES) {
      const [from, to] = childRange(sorted, low, high, end, wildcard);
      if (from < to) this.fnmatchAll(sorted, from, to, end, key, out);
    }
    if (end === key.length) {
      // The node's own patterns (those that end here), newest first as depmod stores them.
      const own = sorted.slice(low, high).filter((p) => p.text.length === end);
      for (const p of own.sort((a, b) => b.line - a.line)) out.push(match(p, out));
      return;
    }
    const [from, to] = childRange(sorted, low, high, end, key.charAt(end));
    if (from < to) this.node(sorted, from, to, end + 1, key, out);
  }

  /** fnmatch every pattern of [low, high) from byte `at` on, in libkmod's depth-first order. */
  private fnmatchAll(sorted: Pattern[], low: number, high: number, at: number, key: string, out: LiteralMatch[]): void {
    const rest = key.slice(at);
    const visited = sorted.slice(low, high).sort((a, b) => depthFirstOrder(a.text, b.text) || b.line - a.line);
    for (const p of visited) if (matchPattern(compilePattern(p.text.slice(at)), rest)) out.push(match(p, out));
  }

  /** Every pattern of the index, sorted by byte, made on first use. */
  private patterns(): Pattern[] {
    if (this.lazy !== undefined) return this.lazy;
    const { index } = this;
    const line = (id: number): number => index.entries.line[id] as number;
    const all: Pattern[] = [];
    for (const trie of index.tries) {
      const { start, ids } = trie.trie;
      leafPaths(trie.trie).forEach((path, leaf) => {
        for (let at = start[leaf] as number; at < (start[leaf + 1] as number); at++) {
          const id = ids[at] as number;
          const text = formatFieldPattern(trie.schema, trie.prefix, path, index.trailingStar[id] === 1);
          all.push({ text, written: text, id, line: line(id) });
        }
      });
    }
    const { general } = index;
    general.patterns.forEach((written, local) => {
      const id = general.ids[local] as number;
      all.push({ text: this.normalize(written), written, id, line: line(id) });
    });
    this.lazy = all.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return this.lazy;
  }
}

function match(p: Pattern, out: readonly LiteralMatch[]): LiteralMatch {
  return { id: p.id, pattern: p.written, step: out.length };
}

/** The patterns of sorted [low, high) that start with `prefix`. */
function range(sorted: readonly Pattern[], prefix: string, low: number, high: number): [number, number] {
  const from = lowerBound(sorted, low, high, (text) => text < prefix);
  const to = lowerBound(sorted, from, high, (text) => text.startsWith(prefix));
  return [from, to];
}

/** Among [low, high) (sharing their first `at` bytes), those whose byte at `at` is `byte`. */
function childRange(sorted: readonly Pattern[], low: number, high: number, at: number, byte: string): [number, number] {
  const from = lowerBound(sorted, low, high, (text) => text.length <= at || text.charAt(at) < byte);
  const to = lowerBound(sorted, from, high, (text) => text.charAt(at) === byte);
  return [from, to];
}

/** The first position in [low, high) where `before` stops holding (it holds on a prefix of the range). */
function lowerBound(sorted: readonly Pattern[], low: number, high: number, before: (text: string) => boolean): number {
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before((sorted[mid] as Pattern).text)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many bytes `a` and `b` share from `from` on. */
function commonLength(a: string, b: string, from: number): number {
  let at = from;
  while (at < a.length && at < b.length && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at - from;
}
