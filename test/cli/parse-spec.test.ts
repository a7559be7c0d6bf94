/**
 * The command lines program.ts runs without commander (match, vfio, bind):
 * whatever parseSpec reads, commander reads the same way (same operands,
 * same options and values, defaults included), and every line commander
 * refuses parseSpec leaves to commander, so that errors are commander's.
 */
import { Command } from "commander";
import fc from "fast-check";
import { expect, it } from "vitest";
import { BIND } from "../../src/cli/bind.js";
import { MATCH } from "../../src/cli/match.js";
import { type CommandSpec, defineSpec, type ParsedLine, parseSpec } from "../../src/cli/options.js";
import { VFIO } from "../../src/cli/vfio.js";

/** What commander makes of `modalias NAME ARGS...`, or null when it refuses the line or prints help or version. */
function commanderReads(spec: CommandSpec, args: readonly string[]): ParsedLine | null {
  let read: ParsedLine | null = null;
  const program = new Command("modalias")
    .version("0", "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  defineSpec(program.command(spec.name), spec).action((operands: string[], options: Record<string, unknown>) => {
    read = { operands, options: { ...options } };
  });
  try {
    program.parse([spec.name, ...args], { from: "user" });
  } catch {
    return null;
  }
  return read;
}

/** Words of a command line for `spec`: its options in every form commander takes, values, operands, and lines it refuses. */
function words(spec: CommandSpec): fc.Arbitrary<string[]> {
  const flags = spec.options.flatMap((o) => o.flags.split(/[ ,]+/).filter((w) => w.startsWith("-")));
  const values = ["0000:3b:00.1", "3b:00.1", "x", "", "/tmp/idx", "2.5", "0", "-1", "--json", "-V", "a=b"];
  const word = fc.oneof(
    fc.constantFrom(...flags),
    fc.constantFrom(...flags).chain((f) => fc.constantFrom(...values).map((v) => `${f}=${v}`)),
    fc.constantFrom(...values),
    fc.constantFrom("--", "-h", "--help", "-V", "--version", "--bogus", "-qC", "-Cx", "-", "help", "pci:v*"),
  );
  return fc.array(word, { maxLength: 8 });
}

it.each([MATCH, VFIO, BIND])("$name: parseSpec reads a line as commander does, or leaves it to commander", (spec) => {
  let direct = 0;
  fc.assert(
    fc.property(words(spec), (args) => {
      const fast = parseSpec(spec, args);
      if (fast === null) return;
      direct++;
      expect(fast).toEqual(commanderReads(spec, args));
    }),
    { numRuns: 3000, seed: 12 },
  );
  // The property is not vacuous: many lines are read directly.
  expect(direct).toBeGreaterThan(150);
});

it.each([
  [MATCH, ["--index", "f", "--device", "a", "--device", "b", "-C", "x", "--config=y", "--no-config", "k"]],
  [MATCH, ["k1", "--json", "--sysfs-root", "", "k2", "-q"]],
  [VFIO, ["--proc-root=/p", "01:00.0", "--index", "i"]],
  [BIND, ["--dry-run", "--no-companions", "--modprobe-timeout", "2.5", "--root", "/r", "01:00.0"]],
])("%#: a plain line is read directly, as commander reads it", (spec, args) => {
  const fast = parseSpec(spec, args);
  expect(fast).not.toBeNull();
  expect(fast).toEqual(commanderReads(spec, args));
});

it.each([
  [BIND, ["--modprobe-timeout", "0", "01:00.0"]],
  [BIND, []],
  [MATCH, ["--index"]],
  [MATCH, ["--json=1", "k"]],
  [MATCH, ["k", "--", "-x"]],
  [MATCH, ["k", "--version"]],
])("%#: a line commander refuses or answers itself is left to it", (spec, args) => {
  expect(parseSpec(spec, args)).toBeNull();
});
