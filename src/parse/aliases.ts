/**
 * Parser for the text `modules.alias` that depmod writes.
 *
 * The format: comment lines starting with `#`, and alias lines of exactly
 * `alias PATTERN MODULE`, fields separated by one space, lines ending in `\n`.
 * The parser is strict about that shape, keeps every line number, and never
 * guesses: a line it cannot read exactly is reported as a {@link AliasProblem}
 * (with its 1-based line number and a reason) and left out, as depmod leaves
 * a bad alias out of its index. Empty lines are skipped silently.
 *
 * Input is the file's bytes as a string of one char per byte (latin1), so a
 * non-ASCII byte or invalid UTF-8 is reported rather than decoded into
 * something else. Module names are normalized as kmod does (`-` to `_`).
 *
 * Parser for `modules.builtin.modinfo`: the modinfo of the drivers built into
 * the kernel image, which depmod reads to write `modules.builtin.alias.bin`.
 *
 * The format: NUL-terminated records `MODULE.KEY=VALUE` (a value may hold
 * newlines). The records whose key is `alias` are the built-in drivers'
 * aliases; everything else (descriptions, parameters, licences) is skipped.
 * Each alias goes through kmod's normalization as depmod does: an alias with
 * an unmatched bracket is reported and left out ("Unmatched bracket"), the
 * rest become {@link AliasLine}s whose `line` is the record's 1-based number
 * in the file. Module names get `-` turned into `_`, as everywhere in kmod.
 *
 * Input is the file's bytes as a string of one char per byte (latin1).
 */
import { isModuleName, normalizeAlias, underscoreDashes } from "../kmod/normalize.js";

/** One valid alias line. */
export interface AliasLine {
  /** 1-based line number in the source. */
  line: number;
  /** The pattern exactly as written. */
  pattern: string;
  /** The pattern after kmod's normalization (what matching uses). */
  normalized: string;
  /** The module name, `-` turned into `_`. */
  module: string;
}

/** A line that is not a valid alias line, and why. */
export interface AliasProblem {
  line: number;
  reason: string;
}

export interface ParsedAliases {
  aliases: AliasLine[];
  problems: AliasProblem[];
  /** Number of lines in the source. */
  lines: number;
}

/** Where a parser hands each valid alias and each bad line, in file order. */
export interface AliasSink {
  alias(alias: AliasLine): void;
  problem(problem: AliasProblem): void;
}

/** Parse modules.alias text (one char per byte). */
export function parseAliases(text: string): ParsedAliases {
  const { sink, aliases, problems } = collector();
  return { aliases, problems, lines: scanAliases(text, sink) };
}

/**
 * Parse modules.alias text (one char per byte) into `sink`; returns the number of the last
 * line. The text may be one piece of a file cut after a newline: `lineNo` is then the number
 * of the lines before it (a compile reads a large file piece by piece, index/build.ts).
 */
export function scanAliases(text: string, sink: AliasSink, lineNo = 0): number {
  let start = 0;
  const end = text.length;
  while (start < end) {
    let stop = text.indexOf("\n", start);
    if (stop < 0) stop = end;
    lineNo++;
    const raw = text.slice(start, stop);
    start = stop + 1;
    if (raw.length === 0 || raw.charCodeAt(0) === 0x23 /* # */) continue;
    const result = parseLine(raw);
    if (typeof result === "string") sink.problem({ line: lineNo, reason: result });
    else sink.alias({ line: lineNo, ...result });
  }
  return lineNo;
}

function collector(): { sink: AliasSink; aliases: AliasLine[]; problems: AliasProblem[] } {
  const aliases: AliasLine[] = [];
  const problems: AliasProblem[] = [];
  const sink: AliasSink = {
    alias: (alias) => void aliases.push(alias),
    problem: (problem) => void problems.push(problem),
  };
  return { sink, aliases, problems };
}

/** Parse one non-empty, non-comment line: the alias, or the reason it is bad. */
function parseLine(raw: string): Omit<AliasLine, "line"> | string {
  const bad = badCharacter(raw);
  if (bad !== null) return bad;
  const fields = raw.split(" ");
  if (fields[0] !== "alias") return `not an alias line (expected "alias PATTERN MODULE")`;
  if (fields.length !== 3 || fields.includes("")) {
    if (fields.length === 3 && fields[1] === "") return "empty pattern";
    if (fields.includes("")) return "extra spaces (fields must be separated by one space)";
    return `expected "alias PATTERN MODULE", found ${fields.length} fields`;
  }
  const pattern = fields[1] as string;
  const module = fields[2] as string;
  if (!isModuleName(module)) return `invalid module name "${module}"`;
  const normalized = normalizeAlias(pattern);
  if (!normalized.ok) return `${normalized.reason} in pattern "${pattern}"`;
  return { pattern, normalized: normalized.value, module: underscoreDashes(module) };
}

/** The first character that has no place in an alias line, described; or null. */
function badCharacter(raw: string): string | null {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    if (c === 0x20) continue;
    const column = i + 1;
    if (c === 0x0d && i === raw.length - 1) return "CRLF line ending";
    if (c === 0) return `NUL byte at column ${column}`;
    if (c === 0x09) return `tab at column ${column} (fields must be separated by one space)`;
    if (c > 0x7e && c !== 0x7f) return `non-ASCII byte 0x${hex2(c)} at column ${column}`;
    return `control character 0x${hex2(c)} at column ${column}`;
  }
  return null;
}

function hex2(c: number): string {
  return c.toString(16).toUpperCase().padStart(2, "0");
}

const ALIAS_KEY = ".alias=";

/** Parse modules.builtin.modinfo contents (one char per byte); `lines` counts the records. */
export function parseBuiltinModinfo(text: string): ParsedAliases {
  const { sink, aliases, problems } = collector();
  return { aliases, problems, lines: scanBuiltinModinfo(text, sink) };
}

/**
 * Parse modules.builtin.modinfo contents (one char per byte) into `sink`; returns the number
 * of the last record. As for {@link scanAliases}, the text may be a piece cut after a NUL,
 * `record` the number of the records before it.
 */
export function scanBuiltinModinfo(text: string, sink: AliasSink, record = 0): number {
  let start = 0;
  while (start < text.length) {
    let stop = text.indexOf("\0", start);
    if (stop < 0) stop = text.length;
    const raw = text.slice(start, stop);
    start = stop + 1;
    if (raw.length === 0) continue;
    record++;
    const found = aliasOf(raw);
    if (found === null) continue;
    const normalized = normalizeAlias(found.pattern);
    if (!isModuleName(found.module)) {
      sink.problem({ line: record, reason: `invalid module name ${JSON.stringify(found.module)}` });
    } else if (!normalized.ok) {
      sink.problem({
        line: record,
        reason: `${normalized.reason} in built-in alias "${found.pattern}" of ${found.module}`,
      });
    } else if (found.pattern === "") {
      sink.problem({ line: record, reason: `empty built-in alias of ${found.module}` });
    } else {
      sink.alias({ line: record, pattern: found.pattern, normalized: normalized.value, module: found.module });
    }
  }
  return record;
}

/** The module and pattern of an `alias` record, or null for any other record. */
function aliasOf(record: string): { module: string; pattern: string } | null {
  const dot = record.indexOf(".");
  if (dot <= 0 || !record.startsWith(ALIAS_KEY, dot)) return null;
  return { module: underscoreDashes(record.slice(0, dot)), pattern: record.slice(dot + ALIAS_KEY.length) };
}
