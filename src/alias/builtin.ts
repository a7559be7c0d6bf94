/**
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
import { normalizeAlias } from "../pattern/normalize.js";
import type { AliasLine, AliasProblem, ParsedAliases } from "./parse.js";

const ALIAS_KEY = ".alias=";

/** Parse modules.builtin.modinfo contents (one char per byte); `lines` counts the records. */
export function parseBuiltinModinfo(text: string): ParsedAliases {
  const aliases: AliasLine[] = [];
  const problems: AliasProblem[] = [];
  let record = 0;
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
    if (!normalized.ok) {
      problems.push({ line: record, reason: `${normalized.reason} in built-in alias "${found.pattern}" of ${found.module}` });
    } else if (found.pattern === "") {
      problems.push({ line: record, reason: `empty built-in alias of ${found.module}` });
    } else {
      aliases.push({ line: record, pattern: found.pattern, normalized: normalized.value, module: found.module });
    }
  }
  return { aliases, problems, lines: record };
}

/** The module and pattern of an `alias` record, or null for any other record. */
function aliasOf(record: string): { module: string; pattern: string } | null {
  const dot = record.indexOf(".");
  if (dot <= 0 || !record.startsWith(ALIAS_KEY, dot)) return null;
  return { module: record.slice(0, dot).replaceAll("-", "_"), pattern: record.slice(dot + ALIAS_KEY.length) };
}
