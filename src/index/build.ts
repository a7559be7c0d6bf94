/**
 * Compile parsed alias lines into an {@link AliasIndex}: the entry table,
 * one field trie per schema prefix for field-aligned patterns, and the
 * general structure for everything else. Every valid line lands in exactly
 * one of the two, so every line is served.
 *
 * From file contents to an index in one call: parse, then compile; for
 * modules.alias and for modules.builtin.modinfo.
 * Pure: the caller supplies the bytes and the file's metadata.
 */
import { createHash } from "node:crypto";
import { analyzePattern, indexedPattern } from "../kmod/fnmatch.js";
import {
  type AliasLine,
  type AliasProblem,
  type ParsedAliases,
  parseAliases,
  parseBuiltinModinfo,
} from "../parse/aliases.js";
import { parseModulesBuiltin, parseModulesDep, parseModulesSymbols } from "../parse/module-names.js";
import { type EntryTable, narrow } from "./columns.js";
import { type FlatTrie, TrieBuilder } from "./field-trie.js";
import { buildGeneral, type GeneralIndex, type GeneralPattern } from "./general.js";
import { compileNames, type ModuleNames, type NameKind, type NameList } from "./names.js";
import { ANY_VALUE, parseFieldPattern, SCHEMAS, type Schema, schemaFor } from "./schema.js";
import type { SourceInfo } from "./source.js";

export type { SourceInfo } from "./source.js";

/** One field trie: the field-aligned patterns that start with `prefix`. */
export interface FieldTrie {
  schema: Schema;
  prefix: string;
  trie: FlatTrie;
}

export interface AliasIndex {
  source: SourceInfo;
  /** Module names; a module's id is the rank of its first alias line. */
  modules: string[];
  entries: EntryTable;
  /** Whether each entry's pattern ends in an extra `*` (field entries only). */
  trailingStar: Uint8Array;
  tries: FieldTrie[];
  general: GeneralIndex;
}

/**
 * What an index file holds: the aliases of modules.alias and, when the
 * kernel has any, those of its built-in drivers (modules.builtin.modinfo),
 * each compiled on its own; kmod consults them in that order. An index of a
 * kernel tree also holds the tree's name lists (names.ts).
 */
export interface IndexContents {
  aliases: AliasIndex;
  builtin: AliasIndex | null;
  names?: ModuleNames;
}

export function compileIndex(aliases: readonly AliasLine[], source: SourceInfo): AliasIndex {
  const count = aliases.length;
  const entries: EntryTable = {
    line: new Uint32Array(count),
    module: new Uint32Array(count),
    stars: new Uint32Array(count),
    literals: new Uint32Array(count),
  };
  const trailingStar = new Uint8Array(count);
  const moduleIds = new Map<string, number>();
  const modules: string[] = [];
  const builders = new Map<string, { schema: Schema; builder: TrieBuilder }>();
  const general: GeneralPattern[] = [];

  aliases.forEach((alias, id) => {
    let moduleId = moduleIds.get(alias.module);
    if (moduleId === undefined) {
      moduleId = modules.length;
      moduleIds.set(alias.module, moduleId);
      modules.push(alias.module);
    }
    entries.line[id] = alias.line;
    entries.module[id] = moduleId;

    const found = alias.pattern === alias.normalized ? schemaFor(alias.normalized) : null;
    const fields = found && parseFieldPattern(found.schema, found.prefix, alias.normalized);
    if (found && fields) {
      const stars = fields.values.filter((v) => v === ANY_VALUE).length + (fields.trailingStar ? 1 : 0);
      entries.stars[id] = stars;
      entries.literals[id] = alias.normalized.length - stars;
      trailingStar[id] = fields.trailingStar ? 1 : 0;
      let slot = builders.get(found.prefix);
      if (slot === undefined) {
        slot = { schema: found.schema, builder: new TrieBuilder(found.schema.fields.length) };
        builders.set(found.prefix, slot);
      }
      slot.builder.add(fields.values, id);
      return;
    }
    const facts = analyzePattern(indexedPattern(alias.normalized));
    entries.stars[id] = facts.stars;
    entries.literals[id] = facts.literals;
    general.push({ id, pattern: alias.pattern, facts });
  });

  const tries: FieldTrie[] = [];
  for (const schema of SCHEMAS) {
    for (const prefix of schema.prefixes) {
      const slot = builders.get(prefix);
      if (slot) tries.push({ schema, prefix, trie: slot.builder.finish(entries) });
    }
  }
  entries.stars = narrow(entries.stars);
  entries.literals = narrow(entries.literals);
  const prefixes = tries.map((trie) => trie.prefix);
  return { source, modules, entries, trailingStar, tries, general: buildGeneral(general, prefixes) };
}

export interface CompileOptions {
  /** The source file's modification time to record (ms since epoch), or null for none. */
  mtimeMs?: number | null;
}

export interface Compiled {
  index: AliasIndex;
  /** Lines left out, with the reason; empty for a clean file. */
  problems: AliasProblem[];
  /** Number of lines in the source. */
  lines: number;
}

/**
 * Compile modules.alias contents. A string is taken as UTF-8 text, bytes as
 * they are; either way each byte is one char to the parser, so non-ASCII
 * bytes are reported, not decoded.
 */
export function compileAliasText(contents: string | Uint8Array, options: CompileOptions = {}): Compiled {
  return compileWith(parseAliases, contents, options);
}

/**
 * Compile modules.builtin.modinfo contents (the built-in drivers' aliases);
 * `lines` and each problem's line count its NUL-separated records.
 */
export function compileBuiltinText(contents: string | Uint8Array, options: CompileOptions = {}): Compiled {
  return compileWith(parseBuiltinModinfo, contents, options);
}

function compileWith(
  parse: (text: string) => ParsedAliases,
  contents: string | Uint8Array,
  options: CompileOptions,
): Compiled {
  const bytes = asBuffer(contents);
  const parsed = parse(bytes.toString("latin1"));
  const index = compileIndex(parsed.aliases, sourceOf(bytes, options));
  return { index, problems: parsed.problems, lines: parsed.lines };
}

/** One of the module tree's name lists compiled, with its file's problems and line count. */
export interface CompiledNames {
  list: NameList;
  problems: AliasProblem[];
  lines: number;
}

const NAME_PARSERS = { module: parseModulesDep, symbol: parseModulesSymbols, "builtin-module": parseModulesBuiltin };

/** Compile modules.dep, modules.symbols or modules.builtin contents (`kind` says which). */
export function compileNamesText(
  kind: NameKind,
  contents: string | Uint8Array,
  options: CompileOptions = {},
): CompiledNames {
  const bytes = asBuffer(contents);
  const parsed = NAME_PARSERS[kind](bytes.toString("latin1"));
  return { list: compileNames(kind, parsed, sourceOf(bytes, options)), problems: parsed.problems, lines: parsed.lines };
}

function asBuffer(contents: string | Uint8Array): Buffer {
  return typeof contents === "string"
    ? Buffer.from(contents, "utf8")
    : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
}

function sourceOf(bytes: Buffer, options: CompileOptions): SourceInfo {
  return {
    size: bytes.length,
    mtimeMs: options.mtimeMs ?? null,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
