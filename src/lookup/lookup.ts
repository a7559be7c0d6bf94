/**
 * The lookup engine: best match, all matches and explain for a modalias,
 * over kmod's chain of alias sources.
 *
 * kmod asks its sources in order and takes the first that has any match
 * (libkmod's kmod_module_new_from_lookup; each answer's origin in brackets):
 * the configuration's aliases (config), a module's own name in modules.dep
 * (module), a `symbol:` key in modules.symbols (symbol), the name of an
 * `install` or `remove` command of the configuration (install), modules.alias
 * (modules.alias), a built-in module's name in modules.builtin
 * (builtin-module), then the built-in drivers' aliases
 * (modules.builtin.modinfo: builtin). The name lists come with an index of a
 * kernel tree, the commands with the configuration. So does this engine:
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
 *
 * The index answers for modules.alias and the built-in aliases (index/search.ts), exact.ts
 * for the names and commands. The
 * configuration's aliases are answered here: kmod tests every configured alias with fnmatch
 * in configuration order and lists the matches in that order. A configuration holds a handful
 * to a few hundred aliases, so a linear pass (patterns compiled once) is as cheap as any index,
 * and exactly kmod's semantics: the patterns have had only kmod's `-` to `_` (outside brackets)
 * applied, and an unmatched bracket is matched as fnmatch reads it, not rejected.
 */

import type { AliasIndex, IndexContents } from "../index/build.js";
import { NAME_FILES } from "../index/names.js";
import { IndexSearch } from "../index/search.js";
import { analyzePattern, type CompiledPattern, compilePattern, matchPattern } from "../kmod/fnmatch.js";
import { InvalidKeyError, toKey } from "../kmod/normalize.js";
import { compareMatches, type SourceAnswer, type SourceMatch, tiesWith } from "../kmod/order.js";
import type { ConfigAlias, ConfigInstall } from "../parse/modprobe-config.js";
import { type AliasSource, CommandSource, NameSource } from "./exact.js";

/** Which source of kmod's chain an answer came from, in chain order. */
export type Origin = "config" | "module" | "symbol" | "install" | "modules.alias" | "builtin-module" | "builtin";

/** The configuration's `install` and `remove` commands, which answer their module's name. */
export interface ConfigCommands {
  installs: readonly ConfigInstall[];
  removes: readonly ConfigInstall[];
}

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
  private readonly chain: { origin: Origin; source: AliasSource }[] = [];
  /** modules.alias, which also tells which strings are device keys in a bus's exact format. */
  private readonly aliases: IndexSearch;

  /**
   * An engine over an index (a modules.alias part alone, or an index file's
   * contents with its built-in part and name lists) and the configuration's
   * aliases and commands.
   */
  constructor(
    index: AliasIndex | IndexContents,
    config: readonly ConfigAlias[] = [],
    commands: ConfigCommands = { installs: [], removes: [] },
  ) {
    const contents: IndexContents = "aliases" in index ? index : { aliases: index, builtin: null };
    const names = contents.names;
    const add = (origin: Origin, source: AliasSource | null | undefined): void => {
      if (source) this.chain.push({ origin, source });
    };
    add("config", config.length > 0 ? new ConfigSource(config) : null);
    add("module", names?.module && new NameSource(names.module));
    add("symbol", names?.symbol && new NameSource(names.symbol));
    add(
      "install",
      commands.installs.length + commands.removes.length > 0
        ? new CommandSource(commands.installs, commands.removes)
        : null,
    );
    this.aliases = new IndexSearch(contents.aliases, "module order");
    add("modules.alias", this.aliases);
    add("builtin-module", names?.["builtin-module"] && new NameSource(names["builtin-module"]));
    add("builtin", contents.builtin && new IndexSearch(contents.builtin, "walk order"));
  }

  /** The best match for a modalias. Throws InvalidKeyError for a key kmod rejects. */
  best(modalias: string | Uint8Array): BestAnswer {
    const key = this.keyOf(modalias);
    for (const { origin, source } of this.chain) {
      const answer = source.best(key);
      if (answer !== null) {
        if (key.length > PATH_MAX - 2 - LONGEST_NAME) checkRoom(key, source.matches(key));
        return { best: describe(answer.best, origin), ambiguous: answer.tiedWith !== null, tiedWith: answer.tiedWith };
      }
    }
    return { best: null, ambiguous: false, tiedWith: null };
  }

  /** The answering source's modules once each, in modprobe's order, each with its best alias. */
  all(modalias: string | Uint8Array): AliasMatch[] {
    const key = this.keyOf(modalias);
    for (const { origin, source } of this.chain) {
      const matches = source.matches(key);
      if (matches.length === 0) continue;
      checkRoom(key, matches);
      const unlisted = new Map<string, SourceMatch>();
      for (const match of matches) if (!unlisted.has(match.module)) unlisted.set(match.module, match);
      const out: AliasMatch[] = [];
      for (const { module } of source.modprobeOrder(matches)) {
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
    const key = this.keyOf(modalias);
    return this.chain.flatMap(({ origin, source }) => source.matches(key).map((match) => describe(match, origin)));
  }

  /** kmod's key for a modalias; a device's modalias in its bus's exact format is its own key, and is scanned once. */
  private keyOf(modalias: string | Uint8Array): string {
    return typeof modalias === "string" && this.aliases.exactFormat(modalias) ? modalias : toKey(modalias);
  }
}

/** libkmod's buffer for `module\key`, made for every module an alias lookup finds. */
const PATH_MAX = 4096;

/** The longest module name a file on disk can give (NAME_MAX less `.ko`). */
const LONGEST_NAME = 252;

/**
 * libkmod names each module an alias lookup finds by `module\key` in a PATH_MAX buffer and
 * fails the whole lookup (ENAMETOOLONG) when one does not fit: so does this.
 */
function checkRoom(key: string, matches: readonly SourceMatch[]): void {
  for (const { module } of matches) {
    if (key.length + module.length + 2 > PATH_MAX)
      throw new InvalidKeyError(key, `too long to look up with module ${module} (kmod fails with ENAMETOOLONG)`);
  }
}

/**
 * Where an answer was written: `line N` (of modules.alias), a configuration file and line, a
 * built-in record, or a line of the module tree's modules.dep, modules.symbols or modules.builtin.
 */
export function placeOf(match: Pick<AliasMatch, "origin" | "file" | "line">): string {
  switch (match.origin) {
    case "config":
    case "install":
      return `${match.file ?? "modprobe configuration"} line ${match.line}`;
    case "builtin":
      return `built-in, modules.builtin.modinfo record ${match.line}`;
    case "module":
    case "symbol":
    case "builtin-module":
      return `${NAME_FILES[match.origin]} line ${match.line}`;
    case "modules.alias":
      return `line ${match.line}`;
  }
}

function describe(match: SourceMatch, origin: Origin): AliasMatch {
  const { module, pattern, line, stars, literals, file } = match;
  return { module, pattern, line, stars, literals, origin, file };
}

interface Entry {
  alias: ConfigAlias;
  compiled: CompiledPattern;
  stars: number;
  literals: number;
}

/** The configuration's aliases, first in kmod's chain. */
class ConfigSource implements AliasSource {
  private readonly entries: Entry[];

  constructor(aliases: readonly ConfigAlias[]) {
    this.entries = aliases.map((alias) => {
      const facts = analyzePattern(alias.pattern);
      return { alias, compiled: compilePattern(alias.pattern), stars: facts.stars, literals: facts.literals };
    });
  }

  best(key: string): SourceAnswer | null {
    const matches = this.matches(key);
    const best = matches[0];
    if (best === undefined) return null;
    const rival = matches.find((m) => tiesWith(best, m));
    return { best, tiedWith: rival?.module ?? null };
  }

  /** Matches best first: fewest `*`, most literals, then configuration order. */
  matches(key: string): SourceMatch[] {
    const out: SourceMatch[] = [];
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
    return out.sort(compareMatches);
  }

  modprobeOrder(matches: readonly SourceMatch[]): SourceMatch[] {
    return [...matches].sort((a, b) => a.id - b.id);
  }
}
