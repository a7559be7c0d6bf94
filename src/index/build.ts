/**
 * Compile alias lines into an {@link AliasIndex}: the entry table,
 * one field trie per schema prefix for field-aligned patterns, and the
 * general structure for everything else. Every valid line lands in exactly
 * one of the two, so every line is served.
 *
 * From file contents to an index: modules.alias or modules.builtin.modinfo, whole
 * (compileAliasText, compileBuiltinText) or in pieces as it is read (SourceCompiler).
 * Each line is filed as it is parsed, straight into the entry columns, a trie's builder
 * (trie-builder.ts) or the general patterns, and not kept; the text is decoded a piece at
 * a time. So compiling holds a few bytes per field-aligned line and the text of each
 * general pattern, never the file's parsed lines.
 * Pure: the caller supplies the bytes and the file's metadata.
 */
import { createHash } from "node:crypto";
import { analyzePattern, indexedPattern, type PatternFacts } from "../kmod/fnmatch.js";
import {
  type AliasLine,
  type AliasProblem,
  type AliasSink,
  scanAliases,
  scanBuiltinModinfo,
} from "../parse/aliases.js";
import { parseModulesBuiltin, parseModulesDep, parseModulesSymbols } from "../parse/module-names.js";
import { type EntryTable, GrowingColumn, narrow } from "./columns.js";
import { type FlatTrie, type PackedTrie, unpackTrie } from "./field-trie.js";
import { buildGeneral, type DirectList, type GeneralIndex, type GeneralPattern } from "./general.js";
import { compileNames, type ModuleNames, type NameKind, type NameList } from "./names.js";
import { ANY_VALUE, parseFieldPattern, SCHEMAS, type Schema, schemaFor } from "./schema.js";
import type { SourceInfo } from "./source.js";
import { TrieBuilder } from "./trie-builder.js";

export type { SourceInfo } from "./source.js";

/** One field trie: the field-aligned patterns that start with `prefix`. */
export interface FieldTrie {
  schema: Schema;
  prefix: string;
  /** The trie as an index file stores it. */
  readonly packed: PackedTrie;
  /** The trie with its lookup tables. */
  readonly trie: FlatTrie;
  /** The general patterns a key with the trie's prefix may match. */
  readonly direct: DirectList;
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

/**
 * Compiles alias lines handed to it one at a time, in file order, straight into the entry
 * columns, the tries' builders and the general patterns; a line is not kept once filed.
 */
class IndexCompiler {
  private readonly line = new GrowingColumn();
  private readonly module = new GrowingColumn();
  private readonly stars = new GrowingColumn();
  private readonly literals = new GrowingColumn();
  /** The entries whose pattern ends in an extra `*`. */
  private readonly trailing = new GrowingColumn();
  private readonly moduleIds = new Map<string, number>();
  private readonly modules: string[] = [];
  private readonly builders = new Map<string, TrieBuilder>();
  private readonly general: GeneralPattern[] = [];

  add(alias: AliasLine): void {
    const id = this.line.length;
    let moduleId = this.moduleIds.get(alias.module);
    if (moduleId === undefined) {
      const module = detached(alias.module);
      moduleId = this.modules.length;
      this.moduleIds.set(module, moduleId);
      this.modules.push(module);
    }
    this.line.push(alias.line);
    this.module.push(moduleId);

    const found = alias.pattern === alias.normalized ? schemaFor(alias.normalized) : null;
    const fields = found && parseFieldPattern(found.schema, found.prefix, alias.normalized);
    if (found && fields) {
      const stars = fields.values.filter((v) => v === ANY_VALUE).length + (fields.trailingStar ? 1 : 0);
      this.stars.push(stars);
      this.literals.push(alias.normalized.length - stars);
      if (fields.trailingStar) this.trailing.push(id);
      let builder = this.builders.get(found.prefix);
      if (builder === undefined) {
        builder = new TrieBuilder(found.schema.fields.length);
        this.builders.set(found.prefix, builder);
      }
      builder.add(fields.values, id);
      return;
    }
    const indexed = indexedPattern(alias.normalized);
    const facts = analyzePattern(indexed);
    this.stars.push(facts.stars);
    this.literals.push(facts.literals);
    const pattern = detached(alias.pattern);
    this.general.push(new PendingPattern(id, pattern, indexed === alias.pattern ? pattern : detached(indexed)));
  }

  finish(source: SourceInfo): AliasIndex {
    const count = this.line.length;
    const entries: EntryTable = {
      line: this.line.done(),
      module: this.module.done(),
      stars: this.stars.done(),
      literals: this.literals.done(),
    };
    const trailingStar = new Uint8Array(count);
    for (const id of this.trailing.done()) trailingStar[id] = 1;
    const made = SCHEMAS.flatMap((schema) =>
      schema.prefixes.filter((prefix) => this.builders.has(prefix)).map((prefix) => ({ schema, prefix })),
    );
    const { general, direct } = buildGeneral(
      this.general,
      made.map((trie) => trie.prefix),
    );
    const tries = made.map(({ schema, prefix }, i): FieldTrie => {
      const packed = (this.builders.get(prefix) as TrieBuilder).finish(entries);
      return new BuiltTrie(schema, prefix, packed, direct[i] as DirectList, count);
    });
    this.builders.clear();
    entries.stars = narrow(entries.stars);
    entries.literals = narrow(entries.literals);
    return { source, modules: this.modules, entries, trailingStar, tries, general };
  }
}

/**
 * A copy of `text` that does not refer to the string it was cut from: a line's pattern or
 * module is a slice of the piece of file it was read in, and keeping the slice would keep the
 * whole piece.
 */
function detached(text: string): string {
  return Buffer.from(text, "latin1").toString("latin1");
}

/**
 * A general pattern waiting to be filed. Its facts are worked out again when filing reads
 * them (once, and again for the few a field trie's prefix may meet) rather than kept for every
 * pattern from the line that gave it: kept, they would cost several times the pattern.
 */
class PendingPattern implements GeneralPattern {
  constructor(
    readonly id: number,
    readonly pattern: string,
    /** The pattern as analyzePattern reads it. */
    private readonly indexed: string,
  ) {}

  get facts(): PatternFacts {
    return analyzePattern(this.indexed);
  }
}

/** A trie just compiled: its lookup tables are built on first use (writing an index file needs none). */
class BuiltTrie implements FieldTrie {
  private flat: FlatTrie | undefined;

  constructor(
    readonly schema: Schema,
    readonly prefix: string,
    readonly packed: PackedTrie,
    readonly direct: DirectList,
    private readonly entryCount: number,
  ) {}

  get trie(): FlatTrie {
    this.flat ??= unpackTrie(this.packed, this.schema.fields.length, this.entryCount);
    return this.flat;
  }
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
  return compileWhole(new SourceCompiler("alias"), contents, options);
}

/**
 * Compile modules.builtin.modinfo contents (the built-in drivers' aliases);
 * `lines` and each problem's line count its NUL-separated records.
 */
export function compileBuiltinText(contents: string | Uint8Array, options: CompileOptions = {}): Compiled {
  return compileWhole(new SourceCompiler("builtin"), contents, options);
}

function compileWhole(compiler: SourceCompiler, contents: string | Uint8Array, options: CompileOptions): Compiled {
  compiler.write(asBuffer(contents));
  return compiler.end(options);
}

const SCANS = {
  alias: { scan: scanAliases, separator: 0x0a /* \n */ },
  builtin: { scan: scanBuiltinModinfo, separator: 0 /* NUL */ },
};

/** Bytes of the source decoded to text at a time. */
const PIECE_BYTES = 1 << 16;

/**
 * An alias source (modules.alias, or modules.builtin.modinfo) compiled from its bytes given
 * in order, in pieces of any size (a file as it is read, files/alias-files.ts): each line is
 * filed as it is read, and neither the bytes nor the text are ever whole in memory.
 */
export class SourceCompiler {
  private readonly scan: (text: string, sink: AliasSink, lineNo: number) => number;
  private readonly separator: number;
  private readonly compiler = new IndexCompiler();
  private readonly problems: AliasProblem[] = [];
  private readonly sink: AliasSink = {
    alias: (alias) => this.compiler.add(alias),
    problem: (problem) => void this.problems.push(problem),
  };
  private readonly hash = createHash("sha256");
  private size = 0;
  private lines = 0;
  /** The bytes after the last line's (or record's) end so far. */
  private rest: Buffer = Buffer.alloc(0);

  constructor(kind: keyof typeof SCANS) {
    ({ scan: this.scan, separator: this.separator } = SCANS[kind]);
  }

  write(piece: Uint8Array): void {
    this.hash.update(piece);
    this.size += piece.length;
    const bytes = this.rest.length === 0 ? asBuffer(piece) : Buffer.concat([this.rest, piece]);
    const end = bytes.lastIndexOf(this.separator) + 1;
    this.scanText(bytes.subarray(0, end));
    this.rest = Buffer.from(bytes.subarray(end));
  }

  end(options: CompileOptions = {}): Compiled {
    this.scanText(this.rest);
    const source = { size: this.size, mtimeMs: options.mtimeMs ?? null, sha256: this.hash.digest("hex") };
    return { index: this.compiler.finish(source), problems: this.problems, lines: this.lines };
  }

  /** Parse whole lines (records), a few at a time. */
  private scanText(bytes: Buffer): void {
    for (let start = 0; start < bytes.length; ) {
      const end = pieceEnd(bytes, start, this.separator);
      this.lines = this.scan(bytes.toString("latin1", start, end), this.sink, this.lines);
      start = end;
    }
  }
}

/**
 * Where the piece of `bytes` from `start` ends: after the last `separator` (a line's or a
 * record's end) in the next PIECE_BYTES, or after the first one beyond them, or at the end.
 */
function pieceEnd(bytes: Buffer, start: number, separator: number): number {
  if (bytes.length - start <= PIECE_BYTES) return bytes.length;
  const last = bytes.lastIndexOf(separator, start + PIECE_BYTES - 1);
  if (last >= start) return last + 1;
  const next = bytes.indexOf(separator, start + PIECE_BYTES);
  return next < 0 ? bytes.length : next + 1;
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
