/**
 * `modalias compile`: compile a modules.alias (and the kernel's built-in
 * aliases) into an index file.
 * Default input: the kernel's modules.alias and modules.builtin.modinfo
 * (-k/--kernel or -S VERSION, -b BASEDIR); default output: beside the alias
 * file, named ALIAS-FILE.index, where lookups find it. The files' mtimes are
 * recorded unless --no-mtime is given or SOURCE_DATE_EPOCH is set (see
 * recordsMtime in files/fs.ts).
 */
import type { Command } from "commander";
import { compileSources, findKernelFiles, type IndexSources, indexPathFor } from "../files/alias-files.js";
import { recordsMtime } from "../files/fs.js";
import { saveIndexFile } from "../files/index-file.js";
import { NAME_KINDS } from "../index/names.js";
import { type CommandContext, type Output, UsageError } from "./output.js";
import { reportProblems } from "./problems.js";
import { kernelVersion, withRemedy } from "./sources.js";

interface CompileOptions {
  output?: string;
  basedir?: string;
  kernel?: string;
  setVersion?: string;
  builtinModinfo?: string;
  strict?: boolean;
  mtime?: boolean;
}

const EXAMPLE = `
Examples:
  modalias compile --kernel $(uname -r)
  modalias compile /lib/modules/$(uname -r)/modules.alias -o /tmp/aliases.index`;

export function defineCompile(command: Command, { output }: CommandContext): void {
  command
    .argument(
      "[alias-file]",
      "modules.alias to compile (default: the kernel's, with its built-in aliases and name lists)",
    )
    .description("compile a modules.alias into an index")
    .option("-o, --output <file>", "index file to write (default: ALIAS-FILE.index, where lookups find it)")
    .option("-k, --kernel <version>", "compile that kernel's files (default: uname -r)")
    .option("-b, --basedir <dir>", "root of the module tree, as modprobe -d")
    .option("-S, --set-version <version>", "same as --kernel")
    .option("--builtin-modinfo <file>", "with an alias file: add the built-in aliases of this modules.builtin.modinfo")
    .option("--strict", "fail on malformed alias lines instead of skipping them")
    .option("--no-mtime", "do not record the alias file's mtime (reproducible builds)")
    .addHelpText("after", EXAMPLE)
    .action((aliasFile: string | undefined, options: CompileOptions) => runCompile(aliasFile, options, output));
}

async function runCompile(aliasFile: string | undefined, options: CompileOptions, out: Output): Promise<void> {
  const sources = await sourcesOf(aliasFile, options);
  const output = options.output ?? indexPathFor(sources.aliasFile);
  const recordMtime = recordsMtime(options.mtime !== false);
  const started = performance.now();
  const compiled = await compileSources(sources, { recordMtime });
  for (const { path, compiled: part } of compiled.reports) {
    reportProblems(out, path, part.problems, options.strict === true);
  }
  // The kernel's index stays inside the module tree's root (-b), as every write stays inside its root.
  const root = aliasFile === undefined && options.output === undefined ? (options.basedir ?? "/") : undefined;
  const bytes = await saveIndexFile(output, compiled.contents, root);
  const { aliases, builtin } = compiled.contents;
  const lines = compiled.reports[0]?.compiled.lines ?? 0;
  const ms = Math.round(performance.now() - started);
  const builtinPart =
    builtin === null ? "" : `, ${builtin.entries.line.length} built-in aliases of ${builtin.modules.length} modules`;
  const names = compiled.contents.names;
  const namesPart = NAME_KINDS.map((kind) => {
    const list = names?.[kind];
    return list ? `, ${list.count} ${NAME_COUNTED[kind]}` : "";
  }).join("");
  out.line(
    `${output}: ${aliases.entries.line.length} aliases of ${aliases.modules.length} modules from ${lines} lines${builtinPart}${namesPart}, ${bytes} bytes, ${ms} ms`,
  );
}

const NAME_COUNTED = { module: "module names", symbol: "symbols", "builtin-module": "built-in module names" };

async function sourcesOf(aliasFile: string | undefined, options: CompileOptions): Promise<IndexSources> {
  const version = kernelVersion(options);
  if (aliasFile !== undefined) {
    if (version !== undefined || options.basedir !== undefined) {
      throw new UsageError("give an alias file or a kernel (--kernel/-S, -b), not both");
    }
    return { aliasFile, builtinFile: options.builtinModinfo ?? null };
  }
  if (options.builtinModinfo !== undefined) {
    throw new UsageError(
      "--builtin-modinfo goes with an alias file (the kernel's own is found beside its modules.alias)",
    );
  }
  return findKernelFiles({ basedir: options.basedir, version }).catch((error: unknown) => {
    throw withRemedy(error, "name the alias file (modalias compile FILE) or the kernel (-b ROOT, -k VERSION)");
  });
}
