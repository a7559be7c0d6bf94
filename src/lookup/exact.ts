/**
 * The sources of kmod's chain that answer a key by exact name, not by pattern: the module tree's
 * name lists (modules.dep, modules.symbols, modules.builtin; index/names.ts) and the
 * configuration's `install` and `remove` commands. Each match is the key itself as the
 * "pattern" (no `*`, every character literal), so it ranks like an exact alias.
 *
 * A device key never pays for them beyond one character test: module names hold no `:` (kmod
 * returns early on one before asking modules.dep, and modules.builtin has no such name either),
 * and only `symbol:` keys are in modules.symbols.
 */

import type { NameList } from "../index/names.js";
import type { SourceAnswer, SourceMatch } from "../kmod/order.js";
import type { ConfigInstall } from "../parse/modprobe-config.js";
import { SYMBOL } from "../parse/module-names.js";

/** One source of kmod's chain (lookup.ts). */
export interface AliasSource {
  best(key: string): SourceAnswer | null;
  /** Every match, duplicates included, best first. */
  matches(key: string): readonly SourceMatch[];
  /** A key's matches in the order modprobe lists them (a sorted copy). */
  modprobeOrder(matches: readonly SourceMatch[]): SourceMatch[];
}

/** No match (shared: callers never change a source's answer). */
const NONE: readonly SourceMatch[] = [];

/** A source whose matches for a key are all equally specific and listed in file order. */
abstract class ExactSource implements AliasSource {
  abstract matches(key: string): readonly SourceMatch[];

  best(key: string): SourceAnswer | null {
    const matches = this.matches(key);
    const best = matches[0];
    if (best === undefined) return null;
    return { best, tiedWith: matches.find((m) => m.module !== best.module)?.module ?? null };
  }

  modprobeOrder(matches: readonly SourceMatch[]): SourceMatch[] {
    return [...matches];
  }
}

/** A name list of the module tree: module names, `symbol:` keys or built-in module names. */
export class NameSource extends ExactSource {
  constructor(private readonly list: NameList) {
    super();
  }

  matches(key: string): readonly SourceMatch[] {
    if (this.list.kind === "symbol" ? !key.startsWith(SYMBOL) : key.includes(":")) return NONE;
    return this.list.find(key).map((name, id) => exactMatch(id, key, name.module, name.line, null));
  }
}

/**
 * The configuration's commands: kmod answers a key that is exactly the module name of an
 * `install` line with the first such line, else of a `remove` line with the first such.
 */
export class CommandSource extends ExactSource {
  private readonly first = new Map<string, ConfigInstall>();

  constructor(installs: readonly ConfigInstall[], removes: readonly ConfigInstall[]) {
    super();
    for (const command of [...installs, ...removes]) {
      if (!this.first.has(command.module)) this.first.set(command.module, command);
    }
  }

  matches(key: string): SourceMatch[] {
    const command = this.first.get(key);
    return command === undefined ? [] : [exactMatch(0, key, command.module, command.line, command.file)];
  }
}

function exactMatch(id: number, key: string, module: string, line: number, file: string | null): SourceMatch {
  return { id, module, pattern: key, line, file, stars: 0, literals: key.length };
}
