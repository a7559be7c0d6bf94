/**
 * The two orders of kmod's answers: which match is best, and the order in which libkmod lists
 * the modules an alias lookup found.
 *
 * Best match (README "Match rules" 3): fewer `*` first (the kernel's rule for `vfio_pci:`
 * aliases), then more literal characters, then the earlier line (or configuration position).
 * Two matches of different modules equal on stars and literals make an answer ambiguous.
 *
 * Listing order: libkmod collects the values of its binary index in a list kept sorted by
 * priority, inserting each value before those of equal priority, so values of equal priority
 * come out in the reverse of the order its trie walk visited them. depmod gives each alias of
 * modules.alias its module's rank in the module order as priority (so modules come out in that
 * order) and every built-in alias priority 0 (so the walk order alone decides).
 *
 * The walk follows the key's literal path from the root. At each depth d (after d literal
 * characters) it visits the subtrees of patterns whose first wildcard is at d: the `*` subtree,
 * then `?`, then `[`, each depth-first (children by ascending byte, a node's own values after
 * its children); at the key's end it visits the exact patterns. Values of one node are stored
 * newest first. Reversing all that gives {@link trieWalkOrder}.
 */

import { firstWildcard, WILDCARD_BYTES } from "./fnmatch.js";

/** Negative when a pattern with `starsA` stars and `literalsA` literals is more specific than the other. */
export function compareSpecificity(starsA: number, literalsA: number, starsB: number, literalsB: number): number {
  return starsA - starsB || literalsB - literalsA;
}

/** One matching alias of a source in kmod's chain, as every source reports it (sources may share one between lookups). */
export interface SourceMatch {
  /** Its entry number in its source (the position that breaks ties). */
  readonly id: number;
  readonly module: string;
  /** The pattern as written (configuration aliases: after kmod's `-` to `_`). */
  readonly pattern: string;
  /** 1-based line in its file (record number for built-in aliases). */
  readonly line: number;
  /** The configuration file of a configuration alias, else null. */
  readonly file: string | null;
  readonly stars: number;
  readonly literals: number;
  /** Its place in libkmod's walk when the key reached it through a `*`, `?` or `[` of its own (index/literal-route.ts). */
  readonly literalStep?: number;
}

/** A source's best match for a key, and another module that ties with it, if any. */
export interface SourceAnswer {
  best: SourceMatch;
  tiedWith: string | null;
}

/** Negative when match a ranks before match b: more specific, then earlier in its source. */
export function compareMatches(a: SourceMatch, b: SourceMatch): number {
  return compareSpecificity(a.stars, a.literals, b.stars, b.literals) || a.id - b.id;
}

/** Whether `other` ties with `best`: another module, equally specific (the answer is then ambiguous). */
export function tiesWith(
  best: Pick<SourceMatch, "module" | "stars" | "literals">,
  other: Pick<SourceMatch, "module" | "stars" | "literals">,
): boolean {
  return other.module !== best.module && other.stars === best.stars && other.literals === best.literals;
}

/** A matched alias: its normalized pattern, its line (or record) number, and its step on the literal route if it has one. */
export interface Walked {
  normalized: string;
  line: number;
  literalStep?: number;
}

/** Negative when libkmod lists `a` before `b` (both equal-priority matches of one key). */
export function trieWalkOrder(a: Walked, b: Walked): number {
  // The literal route is walked after every other visit, so it is listed first.
  if (a.literalStep !== undefined || b.literalStep !== undefined) return (b.literalStep ?? -1) - (a.literalStep ?? -1);
  const da = firstWildcard(a.normalized);
  const db = firstWildcard(b.normalized);
  if (da !== db) return db - da;
  const ka = wildcardRank(a.normalized, da);
  const kb = wildcardRank(b.normalized, db);
  if (ka !== kb) return kb - ka;
  const byTail = depthFirstOrder(b.normalized.slice(db + 1), a.normalized.slice(da + 1));
  return byTail !== 0 ? byTail : a.line - b.line;
}

/** 0, 1, 2 for a `*`, `?`, `[` subtree at that offset; 3 for an exact pattern (visited last). */
function wildcardRank(pattern: string, at: number): number {
  return at === pattern.length ? 3 : WILDCARD_BYTES.indexOf(pattern.charAt(at));
}

/** libkmod's depth-first order over patterns: children by ascending byte, a node's own patterns after its children. */
export function depthFirstOrder(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = a.charCodeAt(i) - b.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}
