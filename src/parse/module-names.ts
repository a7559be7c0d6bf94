/**
 * Parsers for the module tree's name lists that depmod writes beside modules.alias, and that
 * kmod's lookup chain consults besides the aliases (README "Match rules"):
 *
 *   modules.dep       `PATH: DEPENDENCY...`, one line per module: the module's own name
 *                     answers a key equal to it;
 *   modules.symbols   `alias symbol:NAME MODULE` lines (modules.alias's format): the module
 *                     exporting a symbol answers `symbol:NAME`;
 *   modules.builtin   `PATH`, one line per module built into the kernel image: its name
 *                     answers after every alias.
 *
 * A module's name is its file's name up to the first `.`, `-` turned into `_` (kmod's
 * `modname_normalize`). Lines are kept with their 1-based number; a line that names no module
 * is reported as an {@link AliasProblem} and left out, as for modules.alias. Input is the
 * file's bytes as one char per byte (latin1).
 */
import { isModuleName, underscoreDashes } from "../kmod/normalize.js";
import { type AliasProblem, parseAliases } from "./aliases.js";

/** One key of a name list and the module it names. */
export interface NameLine {
  /** 1-based line number in the source. */
  line: number;
  /** The key it answers: a module name, or `symbol:NAME`. */
  key: string;
  module: string;
}

export interface ParsedNames {
  names: NameLine[];
  problems: AliasProblem[];
  /** Number of lines in the source. */
  lines: number;
}

/** Parse modules.dep: each line's module, named by the path before its `:`. */
export function parseModulesDep(text: string): ParsedNames {
  return parsePaths(text, (raw) => {
    const colon = raw.indexOf(":");
    return colon < 0 ? null : raw.slice(0, colon);
  });
}

/** Parse modules.builtin: one module path per line. */
export function parseModulesBuiltin(text: string): ParsedNames {
  return parsePaths(text, (raw) => raw);
}

/** Parse modules.symbols: `alias symbol:NAME MODULE` lines. */
export function parseModulesSymbols(text: string): ParsedNames {
  const parsed = parseAliases(text);
  const names: NameLine[] = [];
  const problems = [...parsed.problems];
  for (const alias of parsed.aliases) {
    if (alias.pattern.startsWith(SYMBOL) && alias.pattern === alias.normalized && !/[*?[\\]/.test(alias.pattern)) {
      names.push({ line: alias.line, key: alias.pattern, module: alias.module });
    } else problems.push({ line: alias.line, reason: `not a symbol key "${alias.pattern}"` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { names, problems, lines: parsed.lines };
}

/** The prefix of the keys modules.symbols answers. */
export const SYMBOL = "symbol:";

/** A module's name from its file's path, as kmod's `modname_normalize`; null when that is no module name. */
export function moduleNameOfPath(path: string): string | null {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.indexOf(".");
  const name = dot < 0 ? base : base.slice(0, dot);
  return isModuleName(name) ? underscoreDashes(name) : null;
}

function parsePaths(text: string, pathOf: (raw: string) => string | null): ParsedNames {
  const names: NameLine[] = [];
  const problems: AliasProblem[] = [];
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let stop = text.indexOf("\n", start);
    if (stop < 0) stop = text.length;
    lineNo++;
    const raw = text.slice(start, stop);
    start = stop + 1;
    if (raw.length === 0) continue;
    const path = pathOf(raw);
    const module = path === null ? null : moduleNameOfPath(path);
    if (module === null) problems.push({ line: lineNo, reason: `no module path in "${raw.slice(0, 80)}"` });
    else names.push({ line: lineNo, key: module, module });
  }
  return { names, problems, lines: lineNo };
}
