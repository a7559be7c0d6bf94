/**
 * `modalias compile`: compile a modules.alias into an index file.
 * Default input: the kernel's modules.alias; default output: beside the
 * input, named INPUT.index. The alias file's mtime is recorded unless
 * --no-mtime is given or SOURCE_DATE_EPOCH is set (see io/reproducible.ts).
 */
import { compileAliasFile } from "../io/alias-file.js";
import { saveIndexFile } from "../io/index-file.js";
import { findKernelFiles, indexPathFor } from "../io/kernel.js";
import { recordsMtime } from "../io/reproducible.js";
import { EXIT_OK } from "./errors.js";
import { reportProblems } from "./problems.js";

export interface CompileCommandOptions {
  output?: string;
  basedir?: string;
  setVersion?: string;
  strict?: boolean;
  mtime?: boolean;
}

export async function runCompile(aliasFile: string | undefined, options: CompileCommandOptions): Promise<number> {
  const input = aliasFile ?? (await findKernelFiles({ basedir: options.basedir, version: options.setVersion })).aliasFile;
  const output = options.output ?? indexPathFor(input);
  const recordMtime = recordsMtime(options.mtime !== false);
  const started = performance.now();
  const compiled = await compileAliasFile(input, { recordMtime });
  reportProblems(input, compiled.problems, options.strict === true);
  const bytes = await saveIndexFile(output, compiled.index);
  const { index } = compiled;
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `${output}: ${index.entries.line.length} aliases of ${index.modules.length} modules from ${compiled.lines} lines, ${bytes} bytes, ${ms} ms\n`,
  );
  return EXIT_OK;
}
