/**
 * The `modalias` program, run on given arguments and streams (ProgramIo),
 * resolving to the exit status. main.ts runs it on the process; tests run it
 * in-process.
 *
 * The commands run once per device or query (by udev rules, the boot units,
 * scripts: match, vfio, bind) are read by their CommandSpec (options.ts) and
 * run directly, without loading commander, when the line is one parseSpec
 * reads exactly as commander would; every other line goes to the commander
 * tree (commands.ts), which also gives the usage line after a usage error.
 */
import { type CommandSpec, type ParsedLine, parseSpec } from "./options.js";
import { type CommandContext, createOutput, type ProgramIo, reportFailure, UsageError } from "./output.js";

/** A command's spec and action: its operands, its options as parsed (the action's own type), its context. */
type Direct = readonly [CommandSpec, (operands: string[], options: never, context: CommandContext) => Promise<void>];

const DIRECT = new Map<string, () => Promise<Direct>>([
  ["match", async () => import("./match.js").then((m) => [m.MATCH, m.runMatch] as const)],
  ["vfio", async () => import("./vfio.js").then((m) => [m.VFIO, m.runVfio] as const)],
  ["bind", async () => import("./bind.js").then((m) => [m.BIND, m.runBind] as const)],
]);

/** Runs `modalias ARGS...` on `io`; resolves to the exit status (0, 1 or 2; see output.ts). */
export async function runModalias(args: readonly string[], io: ProgramIo): Promise<number> {
  const output = createOutput(io);
  const context: CommandContext = { output, stdin: io.stdin };
  const [name = "", ...rest] = args;
  const load = DIRECT.get(name);
  const [spec, run] = load === undefined ? [] : await load();
  const line: ParsedLine | null = spec === undefined ? null : parseSpec(spec, rest);
  if (run === undefined || line === null) {
    await (await import("./commands.js")).runCommands(args, io, context);
    return output.status;
  }
  try {
    await run(line.operands, line.options as never, context);
  } catch (error) {
    output.fail(reportFailure(error, output));
    if (error instanceof UsageError) output.note(await (await import("./commands.js")).usageOf(name, io, context));
  }
  return output.status;
}
