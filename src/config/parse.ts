/**
 * Reading one modprobe.d configuration file as kmod 30's `kmod_config_parse`
 * does.
 *
 * The text is the file's bytes, one char per byte (latin1). Each logical line
 * (see logical-lines.ts) is read as a C string, so it ends at its first NUL.
 * An empty line, or one whose very first character is `#`, is skipped; a `#`
 * after leading blanks is not a comment but a command kmod does not know. The
 * first word is the command:
 *
 * - `alias PATTERN MODULE`, `blacklist MODULE` and `install MODULE COMMAND`
 *   are recorded, names normalized by {@link underscores};
 * - `options`, `remove` and `softdep` (a module and at least one more
 *   character) are accepted and not recorded;
 * - `include` and `config` are deprecated and ignored;
 * - anything else, a missing word, or a name with unmatched brackets makes a
 *   bad line, which kmod ignores and logs. Words after the ones a command
 *   takes are ignored.
 *
 * Parsing never stops: every problem is reported and the next line read.
 */
import { logicalLines } from "./logical-lines.js";
import type { ConfigFile, ConfigProblem } from "./records.js";
import { Tokens } from "./tokens.js";
import { underscores } from "./underscores.js";

/** The commands that take a module and the rest of the line, which kmod keeps but this reader does not need. */
const UNRECORDED = new Set(["options", "remove", "softdep"]);
const DEPRECATED = new Set(["include", "config"]);

export function parseModprobeConfig(text: string, file: string): ConfigFile {
  const parsed: ConfigFile = { file, aliases: [], blacklists: [], installs: [], problems: [] };
  for (const logical of logicalLines(text)) {
    const nul = logical.text.indexOf("\0");
    const content = nul < 0 ? logical.text : logical.text.slice(0, nul);
    if (content === "" || content.startsWith("#")) continue;
    const tokens = new Tokens(content);
    const command = tokens.next();
    if (command === null) continue;
    const line = logical.line;
    const problem = (reason: string): ConfigProblem => ({ file, line, reason });
    const bad = (): ConfigProblem => problem(`ignoring bad line starting with '${command}'`);

    if (command === "alias") {
      const pattern = normalized(tokens.next());
      const module = normalized(tokens.next());
      if (pattern === null || module === null) parsed.problems.push(bad());
      else parsed.aliases.push({ file, line, pattern, module });
    } else if (command === "blacklist") {
      const module = normalized(tokens.next());
      if (module === null) parsed.problems.push(bad());
      else parsed.blacklists.push({ origin: "file", file, line, module });
    } else if (command === "install") {
      const module = normalized(tokens.next());
      const installCommand = tokens.rest();
      if (module === null || installCommand === null) parsed.problems.push(bad());
      else parsed.installs.push({ file, line, module, command: installCommand });
    } else if (UNRECORDED.has(command)) {
      const module = normalized(tokens.next());
      if (module === null || tokens.rest() === null) parsed.problems.push(bad());
    } else if (DEPRECATED.has(command)) {
      parsed.problems.push(problem(`command ${command} is deprecated and not parsed anymore`));
    } else {
      parsed.problems.push(bad());
    }
  }
  return parsed;
}

function normalized(word: string | null): string | null {
  return word === null ? null : underscores(word);
}
