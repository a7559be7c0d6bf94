/**
 * The module tree's name lists in an index: modules.dep's module names, modules.symbols'
 * `symbol:` keys and modules.builtin's built-in module names (parse/module-names.ts), which
 * kmod's chain consults besides the aliases. Each is answered by exact key (kmod looks the
 * first and last up by exact name, and no symbol key holds a wildcard), through a Map built
 * the first time a key that can be in the list is looked up; a list read from an index file
 * is decoded then too, so device keys never decode one.
 *
 * One section per list (its layout is in format.ts): [keys, modules, lines] with the keys
 * joined by "\n", the modules joined likewise (nil where each key is its own module) and the
 * lines as (entry, line) pairs where a line is not the previous one plus one.
 */
import { Packr, Unpackr } from "msgpackr";
import { isModuleName } from "../kmod/normalize.js";
import { type NameLine, type ParsedNames, SYMBOL } from "../parse/module-names.js";
import { IndexFormatError, Malformed, need } from "./columns.js";
import { changes, expand } from "./runs.js";
import type { SourceInfo } from "./source.js";

/** The three lists, named by the origin of the answers they give. */
export const NAME_KINDS = ["module", "symbol", "builtin-module"] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** The file depmod writes each list to. */
export const NAME_FILES: Record<NameKind, string> = {
  module: "modules.dep",
  symbol: "modules.symbols",
  "builtin-module": "modules.builtin",
};

/** The lists an index holds; a kernel tree without one of the files has none of that kind. */
export type ModuleNames = Record<NameKind, NameList | null>;

/** What the header records of a list: its file, its entry count and its section's length. */
export interface NameListHeader {
  source: SourceInfo;
  count: number;
  length: number;
}

export class NameList {
  private decoded: NameLine[] | undefined;
  private byKey: Map<string, NameLine[]> | undefined;

  constructor(
    readonly kind: NameKind,
    readonly source: SourceInfo,
    readonly count: number,
    private readonly load: () => NameLine[],
  ) {}

  /** Every entry, in file order. */
  get names(): NameLine[] {
    this.decoded ??= this.load();
    return this.decoded;
  }

  /** The entries whose key is exactly `key`, in file order. */
  find(key: string): readonly NameLine[] {
    if (this.byKey === undefined) {
      this.byKey = new Map();
      for (const name of this.names) {
        const list = this.byKey.get(name.key);
        if (list === undefined) this.byKey.set(name.key, [name]);
        else list.push(name);
      }
    }
    return this.byKey.get(key) ?? [];
  }
}

/** A list compiled from its parsed file. */
export function compileNames(kind: NameKind, parsed: ParsedNames, source: SourceInfo): NameList {
  return new NameList(kind, source, parsed.names.length, () => parsed.names);
}

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const reader = new Unpackr({ useRecords: false, moreTypes: true, mapsAsObjects: false });

/** A list's section, serialized. */
export function packNames(list: NameList): Buffer {
  const { names } = list;
  const ownModules = names.every((name) => name.key === name.module);
  return packer.pack([
    names.map((name) => name.key).join("\n"),
    ownModules ? null : names.map((name) => name.module).join("\n"),
    changes(
      names.map((name) => name.line),
      1,
    ),
  ]);
}

/** A list read back from its section, decoded and checked on first use; `file` names the index in errors. */
export function lazyNames(kind: NameKind, header: NameListHeader, section: Buffer, file: string | null): NameList {
  return new NameList(kind, header.source, header.count, () => {
    try {
      return unpackNames(kind, reader.unpack(section), header.count);
    } catch (error) {
      const where = file === null ? "" : `${file}: `;
      if (error instanceof Malformed) throw new IndexFormatError(`${where}corrupted: ${error.message}`);
      throw new IndexFormatError(`${where}corrupted: a section does not decode (${(error as Error).message})`);
    }
  });
}

function unpackNames(kind: NameKind, value: unknown, count: number): NameLine[] {
  const what = `${NAME_FILES[kind]} list`;
  need(Array.isArray(value) && value.length === 3, what);
  const [keyText, moduleText, lineChanges] = value as unknown[];
  const keys = split(keyText, count, what);
  const modules = moduleText === null ? keys : split(moduleText, count, what);
  const lines = expand(lineChanges, count, 1, what);
  return keys.map((key, i) => {
    const module = modules[i] as string;
    need(isModuleName(module) && (kind === "symbol" ? key.startsWith(SYMBOL) : key === module), what);
    return { key, module, line: lines[i] as number };
  });
}

function split(value: unknown, count: number, what: string): string[] {
  need(typeof value === "string", what);
  const list = value === "" ? [] : value.split("\n");
  need(list.length === count, what);
  return list;
}
