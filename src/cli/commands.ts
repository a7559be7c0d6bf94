/**
 * The `modalias` command tree in commander: every command line that
 * program.ts does not run directly (help, completion, the man page, usage
 * errors, every other command) is read and run here.
 *
 * Each command is defined, options and action, in its own module, loaded
 * only when needed so that start-up stays short: just the named command's
 * module (`modalias match` never loads the binder), or every module when the
 * whole program is described (no command, help, completion, man) or the
 * command is unknown (so that commander can suggest the nearest one).
 */
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { type CommandContext, EXIT_USAGE, type Output, type ProgramIo, reportFailure, UsageError } from "./output.js";

/** Defines a command's arguments, options, help and action on `command`. */
type Define = (command: Command, context: CommandContext) => void;

/** Every command, in the order help lists them, with its module's definition. */
const COMMANDS: readonly (readonly [string, () => Promise<Define>])[] = [
  ["compile", async () => (await import("./compile.js")).defineCompile],
  ["match", async () => (await import("./match.js")).defineMatch],
  ["completion", async () => (await import("./completion.js")).defineCompletion],
  ["man", async () => (await import("./docs.js")).defineMan],
  ["vfio", async () => (await import("./vfio.js")).defineVfio],
  ["bind", async () => (await import("./bind.js")).defineBind],
  ["unbind", async () => (await import("./unbind.js")).defineUnbind],
  ["status", async () => (await import("./status.js")).defineStatus],
  ["devices", async () => (await import("./devices.js")).defineDevices],
  ["hooks", async () => (await import("./hooks.js")).defineHooks],
  ["list-persisted", async () => (await import("./list-persisted.js")).defineListPersisted],
];

/** Commands that describe all the others, so need them all defined. */
const WHOLE_PROGRAM = new Set(["help", "completion", "man"]);

const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/** Runs `modalias ARGS...` in `context`; the exit status is the output's. */
export async function runCommands(args: readonly string[], io: ProgramIo, context: CommandContext): Promise<void> {
  const { output } = context;
  /** The command whose action runs, for the usage line of a UsageError. */
  let running: Command | null = null;
  try {
    const program = await defineProgram(args, io, context);
    program.hook("preAction", (_program, command) => {
      running = command;
    });
    await program.parseAsync(helpAsOption(args), { from: "user" });
  } catch (error) {
    output.fail(reportError(error, output));
    if (error instanceof UsageError && running !== null) output.note(usageLines(running));
  }
}

/** The usage lines of the command `name`, for a UsageError raised where commander did not read the line. */
export async function usageOf(name: string, io: ProgramIo, context: CommandContext): Promise<string> {
  const program = await defineProgram([name], io, context);
  return usageLines(program.commands[0] as Command);
}

/** The program with the commands `args` need (commandsFor) defined. */
async function defineProgram(args: readonly string[], io: ProgramIo, context: CommandContext): Promise<Command> {
  const program = new Command("modalias")
    .description("Find the kernel module for a device's modalias, fast; hand PCI devices to their vfio driver.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout(text),
      writeErr: io.stderr,
      // Usage errors in the program's one style: `modalias: ...`, then the usage line (usageAfterErrors).
      outputError: (text, write) => write(text.replace(/^error: /, "modalias: ")),
    });
  const loaded = await Promise.all(commandsFor(args).map(async ([name, load]) => [name, await load()] as const));
  for (const [name, define] of loaded) define(program.command(name), context);
  usageAfterErrors(program);
  return program;
}

/** After a usage error, each command (subcommands too) prints its usage line and where to read more, not its whole help. */
function usageAfterErrors(command: Command): void {
  command.showHelpAfterError(usageLines(command));
  for (const sub of command.commands) usageAfterErrors(sub);
}

/** `Usage: modalias COMMAND ...` and where to read more. */
function usageLines(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  const name = names.join(" ");
  return `Usage: ${name} ${command.usage()}\nSee '${name} --help'.`;
}

/** `help COMMAND [SUBCOMMAND...]` as `COMMAND [SUBCOMMAND...] --help`: commander's help command takes one name only. */
function helpAsOption(args: readonly string[]): readonly string[] {
  return args[0] === "help" && args.length > 1 ? [...args.slice(1), "--help"] : args;
}

/** The commands to define for `args`: the one it names, or all of them. */
function commandsFor(args: readonly string[]): (typeof COMMANDS)[number][] {
  const first = args.find((arg) => !arg.startsWith("-"));
  const named = COMMANDS.filter(([name]) => name === first && !WHOLE_PROGRAM.has(name));
  return named.length > 0 ? named : [...COMMANDS];
}

/** Reports an error that stopped the command (commander has reported its own) and gives its exit status. */
function reportError(error: unknown, output: Output): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  return reportFailure(error, output);
}
