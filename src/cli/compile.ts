/**
 * `modalias compile`: compile a modules.alias (and the kernel's built-in
 * aliases) into an index file.
 * Default input: the kernel's modules.alias and modules.builtin.modinfo
 * (-k/--kernel or -S VERSION, -b BASEDIR); default output: beside the alias
 * file, named ALIAS-FILE.index, where lookups find it. The files' mtimes are
 * recorded unless --no-mtime is given or SOURCE_DATE_EPOCH is set (see
 * io/reproducible.ts).
 */
import { compileSources, findKernelFiles, type IndexSources, indexPathFor } from "../files/alias-files.js";
import { recordsMtime } from "../files/fs.js";
import { saveIndexFile } from "../files/index-file.js";
import { CliError, EXIT_OK, reportProblems } from "./output.js";

export interface CompileCommandOptions {
  output?: string;
  basedir?: string;
  kernel?: string;
  setVersion?: string;
  builtinModinfo?: string;
  strict?: boolean;
  mtime?: boolean;
}

export async function runCompile(aliasFile: string | undefined, options: CompileCommandOptions): Promise<number> {
  const sources = await sourcesOf(aliasFile, options);
  const output = options.output ?? indexPathFor(sources.aliasFile);
  const recordMtime = recordsMtime(options.mtime !== false);
  const started = performance.now();
  const compiled = await compileSources(sources, { recordMtime });
  for (const { path, compiled: part } of compiled.reports) reportProblems(path, part.problems, options.strict === true);
  const bytes = await saveIndexFile(output, compiled.contents);
  const { aliases, builtin } = compiled.contents;
  const lines = compiled.reports[0]?.compiled.lines ?? 0;
  const ms = Math.round(performance.now() - started);
  const builtinPart =
    builtin === null ? "" : `, ${builtin.entries.line.length} built-in aliases of ${builtin.modules.length} modules`;
  process.stdout.write(
    `${output}: ${aliases.entries.line.length} aliases of ${aliases.modules.length} modules from ${lines} lines${builtinPart}, ${bytes} bytes, ${ms} ms\n`,
  );
  return EXIT_OK;
}

async function sourcesOf(aliasFile: string | undefined, options: CompileCommandOptions): Promise<IndexSources> {
  if (options.kernel !== undefined && options.setVersion !== undefined && options.kernel !== options.setVersion) {
    throw new CliError("--kernel and --set-version name different kernels");
  }
  if (aliasFile !== undefined) {
    if (options.kernel !== undefined || options.setVersion !== undefined || options.basedir !== undefined) {
      throw new CliError("give an alias file or a kernel (--kernel/-S, -b), not both");
    }
    return { aliasFile, builtinFile: options.builtinModinfo ?? null };
  }
  if (options.builtinModinfo !== undefined) {
    throw new CliError(
      "--builtin-modinfo goes with an alias file (the kernel's own is found beside its modules.alias)",
    );
  }
  return findKernelFiles({ basedir: options.basedir, version: options.kernel ?? options.setVersion });
}
