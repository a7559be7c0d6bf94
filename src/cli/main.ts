#!/usr/bin/env node
/**
 * The `modalias` command line: a thin layer over the library. Commands are
 * loaded only when run, so that start-up stays short.
 */
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { addSourceOptions, openSources, type SourceOptions } from "./options.js";
import { CliError, EXIT_USAGE } from "./output.js";

const program = new Command("modalias")
  .description("Find the kernel module for a device's modalias, fast; hand PCI devices to their vfio driver.")
  .version((createRequire(import.meta.url)("../../package.json") as { version: string }).version, "-V, --version")
  .exitOverride()
  .showHelpAfterError();

program
  .command("compile")
  .argument("[alias-file]", "modules.alias to compile (default: the kernel's, with its built-in aliases)")
  .description("compile a modules.alias into an index")
  .option("-o, --output <file>", "index file to write (default: ALIAS-FILE.index, where lookups find it)")
  .option("-k, --kernel <version>", "compile that kernel's files (default: uname -r)")
  .option("-b, --basedir <dir>", "root of the module tree, as modprobe -d")
  .option("-S, --set-version <version>", "same as --kernel")
  .option("--builtin-modinfo <file>", "with an alias file: add the built-in aliases of this modules.builtin.modinfo")
  .option("--strict", "fail on malformed alias lines instead of skipping them")
  .option("--no-mtime", "do not record the alias file's mtime (reproducible builds)")
  .addHelpText(
    "after",
    "\nExamples:\n  modalias compile --kernel $(uname -r)\n  modalias compile /lib/modules/$(uname -r)/modules.alias -o /tmp/aliases.index",
  )
  .action(async (file: string | undefined, options) => {
    const { runCompile } = await import("./compile.js");
    process.exitCode = await runCompile(file, options);
  });

addSourceOptions(
  program
    .command("match")
    .argument("[modalias...]", "modalias strings to look up")
    .description("print the best module for each modalias")
    .option("--all", "print every matching module, in kmod's order")
    .option("--json", "one JSON object per query per line")
    .option("--stdin", "read one modalias per line from standard input"),
)
  .addHelpText(
    "after",
    "\nExamples:\n  modalias match vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00\n  modalias match --all --json -C /etc/modprobe.d pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00\n  cat /sys/bus/pci/devices/*/modalias | modalias match --stdin --json",
  )
  .action(async (modaliases: string[], options) => {
    const { runMatch } = await import("./match.js");
    process.exitCode = await runMatch(modaliases, options);
  });

program
  .command("completion")
  .argument("<shell>", "the shell: bash")
  .description("print a completion script")
  .addHelpText("after", "\nExample:\n  modalias completion bash > /etc/bash_completion.d/modalias")
  .action(async (shell: string) => {
    if (shell !== "bash") throw new CliError(`no completion for ${JSON.stringify(shell)} (only bash)`);
    const { bashCompletion } = await import("./docs.js");
    process.stdout.write(bashCompletion(program));
  });

program
  .command("man")
  .description("print the manual page (roff)")
  .addHelpText("after", "\nExample:\n  modalias man > modalias.1 && man ./modalias.1")
  .action(async () => {
    const { manPage } = await import("./docs.js");
    process.stdout.write(manPage(program, program.version() ?? ""));
  });

const BINDER_COMMANDS = new Set(["vfio", "bind", "unbind", "status"]);
const SYSTEM_COMMANDS = new Set(["hooks", "list-persisted"]);
/** Commands that describe all the others, so need them all registered. */
const WHOLE_PROGRAM = new Set(["help", "completion", "man"]);

// A reader that stops early (`modalias status | head`) closes the pipe: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    process.exit(EXIT_USAGE);
  });
}

try {
  await addBinderCommands();
  await addSystemCommands();
  await program.parseAsync();
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** The first argument that is not an option: the command, if any. */
function firstCommand(): string | undefined {
  return process.argv.slice(2).find((arg) => !arg.startsWith("-"));
}

/** The binder's commands (vfio, bind, unbind, status), loaded only when one of them or help may run. */
async function addBinderCommands(): Promise<void> {
  const first = firstCommand();
  if (first !== undefined && !BINDER_COMMANDS.has(first) && !WHOLE_PROGRAM.has(first)) return;
  const [{ registerBinderCommands }, { vfioChooser }] = await Promise.all([
    import("./bind.js"),
    import("../binder/choose.js"),
  ]);
  registerBinderCommands(program, async (options) => {
    const { lookup, config } = await openSources(options as SourceOptions);
    return vfioChooser(lookup, config);
  });
  for (const command of program.commands) {
    if (command.name() !== "unbind" && BINDER_COMMANDS.has(command.name())) addSourceOptions(command);
  }
}

/** The system commands (hooks, list-persisted), loaded only when one of them or help may run. */
async function addSystemCommands(): Promise<void> {
  const first = firstCommand();
  if (first !== undefined && !SYSTEM_COMMANDS.has(first) && !WHOLE_PROGRAM.has(first)) return;
  const { registerSystemCommands } = await import("./hooks.js");
  registerSystemCommands(program);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (error instanceof CliError) {
    process.stderr.write(`modalias: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`modalias: ${message}\n`);
  return EXIT_USAGE;
}
