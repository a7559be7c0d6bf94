/**
 * From file contents to an index in one call: parse, then compile; for
 * modules.alias and for modules.builtin.modinfo.
 * Pure: the caller supplies the bytes and the file's metadata.
 */
import { createHash } from "node:crypto";
import { parseBuiltinModinfo } from "../alias/builtin.js";
import { parseAliases, type AliasProblem, type ParsedAliases } from "../alias/parse.js";
import { compileIndex, type AliasIndex } from "./compile.js";

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

function compileWith(parse: (text: string) => ParsedAliases, contents: string | Uint8Array, options: CompileOptions): Compiled {
  const bytes = typeof contents === "string" ? Buffer.from(contents, "utf8") : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  const parsed = parse(bytes.toString("latin1"));
  const index = compileIndex(parsed.aliases, {
    size: bytes.length,
    mtimeMs: options.mtimeMs ?? null,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  });
  return { index, problems: parsed.problems, lines: parsed.lines };
}
