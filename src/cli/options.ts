/**
 * Commands whose arguments and options are written down once, as data
 * (CommandSpec), and read two ways: `defineSpec` hands them to commander,
 * which gives help, completion, the man page and every usage error, and
 * `parseSpec` reads plain command lines without loading commander, so that
 * the commands run once per device (match, vfio, bind) start faster.
 *
 * parseSpec takes only what it reads exactly as commander would: the
 * command's own options as `--name`, `--name=value` or `-x`, each option's
 * value as the next argument, operands anywhere. Anything else (`--`, a
 * cluster such as `-qC`, an unknown option, a value that starts with `-`,
 * a value its parser refuses, a missing argument, help or version
 * anywhere) makes it return null, and commander reads the line instead,
 * with its own errors. This module loads no part of commander.
 */
import type { Command } from "commander";

/** One option, in commander's terms: `flags` such as `-C, --config <path>` or `--no-config`. */
export interface OptionSpec {
  flags: string;
  description: string;
  /** The value before any is given. */
  default?: unknown;
  /** How help shows the default, when not the default itself. */
  defaultDescription?: string;
  /** Commander's argument parser: the value given and the value so far (a method: each parser names its own type). */
  parse?(value: string, previous: unknown): unknown;
}

/** A command's arguments and options, in the order help lists them. */
export interface CommandSpec {
  name: string;
  description: string;
  /** `[name...]` or `<name...>` and its description. */
  arguments: readonly (readonly [string, string])[];
  options: readonly OptionSpec[];
  /** Text after the options in --help. */
  helpAfter: string;
}

/** A command line read by parseSpec: the operands (one variadic argument) and the options by attribute name. */
export interface ParsedLine {
  operands: string[];
  options: Record<string, unknown>;
}

/**
 * A value an option's parser refuses; commander reports it as its own
 * InvalidArgumentError (by this code): the option, the value, then the message.
 */
export class OptionValueError extends Error {
  readonly code = "commander.invalidArgument";
  readonly exitCode = 1;
}

/** Adds `spec`'s description, arguments, options and help text to `command`. */
export function defineSpec(command: Command, spec: CommandSpec): Command {
  command.description(spec.description);
  for (const [name, description] of spec.arguments) command.argument(name, description);
  return addOptions(command, spec.options).addHelpText("after", spec.helpAfter);
}

/** Adds `options` to `command`, in order. */
export function addOptions(command: Command, options: readonly OptionSpec[]): Command {
  for (const o of options) {
    const option = command.createOption(o.flags, o.description);
    if (o.default !== undefined) option.default(o.default, o.defaultDescription);
    if (o.parse !== undefined) option.argParser(o.parse);
    command.addOption(option);
  }
  return command;
}

/** An option's flags read: its short and long names, whether it takes a value, and its attribute. */
interface Flags {
  short: string | null;
  long: string;
  takesValue: boolean;
  negate: boolean;
  attribute: string;
}

function readFlags(flags: string): Flags {
  const words = flags.split(/[ ,|]+/);
  const short = words.find((w) => /^-[^-]$/.test(w)) ?? null;
  const long = words.find((w) => w.startsWith("--")) as string;
  const negate = long.startsWith("--no-");
  const name = long.slice(negate ? 5 : 2);
  return {
    short,
    long,
    takesValue: words.some((w) => w.startsWith("<")),
    negate,
    attribute: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
  };
}

/**
 * `args` (after the command's name) read by `spec` as commander reads them, or
 * null when commander must read them (see the top of this file).
 */
export function parseSpec(spec: CommandSpec, args: readonly string[]): ParsedLine | null {
  const read = spec.options.map((o) => [o, readFlags(o.flags)] as const);
  const options: Record<string, unknown> = {};
  for (const [o, f] of read) {
    if (f.negate && !read.some(([, p]) => !p.negate && p.attribute === f.attribute)) options[f.attribute] = true;
    else if (!f.negate && o.default !== undefined) options[f.attribute] = o.default;
  }
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.length < 2 || !arg.startsWith("-")) {
      operands.push(arg);
      continue;
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const found = read.find(([, f]) => f.long === name || f.short === name);
    if (found === undefined) return null;
    const [option, flags] = found;
    if (!flags.takesValue) {
      if (equals >= 0) return null;
      options[flags.attribute] = !flags.negate;
      continue;
    }
    const value = equals >= 0 ? arg.slice(equals + 1) : args[++i];
    if (value === undefined || value.startsWith("-")) return null;
    if (option.parse === undefined) {
      options[flags.attribute] = value;
      continue;
    }
    try {
      options[flags.attribute] = option.parse(value, options[flags.attribute]);
    } catch {
      return null;
    }
  }
  const [argument] = spec.arguments;
  if (argument?.[0].startsWith("<") && operands.length === 0) return null;
  return { operands, options };
}
