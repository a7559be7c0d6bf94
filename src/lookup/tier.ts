/**
 * What every alias source answers with, whatever it is built on: matching
 * entries described the same way, and the best one with its rival, if any.
 */

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
