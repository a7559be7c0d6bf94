/**
 * The kernel command line's blacklist equals what the system's modprobe
 * (kmod) reads from the same text put over /proc/cmdline, on the table's
 * cases and on generated command lines of parameter fragments, quotes and
 * blanks (fixed seed).
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { parseKernelCmdline } from "../../src/parse/modprobe-config.js";
import { kmodCmdlineConfigs, MODPROBE, NO_MODPROBE } from "../helpers/modprobe.js";

const parameter = fc.constantFrom(" modprobe.blacklist=", '"modprobe.blacklist=', " modprobe.", " mod.blacklist=", " ");
const fragment = fc.constantFrom(
  "modprobe",
  ".",
  "blacklist",
  "=",
  ",",
  '"',
  " ",
  "\t",
  "\n",
  "\r",
  "a",
  "b-c",
  "x_y",
  "\0",
);
const generated = fc.sample(
  fc.array(fc.oneof(parameter, fragment, fragment), { maxLength: 24 }).map((parts) => parts.join("")),
  { seed: 20221128, numRuns: 400 },
);
const fixed = [
  "quiet modprobe.blacklist=x-y,,z.w ro\n",
  'modprobe.blacklist=d"e f"g,h "modprobe.blacklist=a,b" c modprobe."blacklist=c"',
  'x="a modprobe.blacklist=b" modprobe.blacklist=c "a b" modprobe.blacklist=q',
  'modprobe.blacklist="a b',
  `${"x".repeat(4060)} modprobe.blacklist=abcdefghijklmnopq`,
  `${"x".repeat(4075)} modprobe.blacklist=abcdefghijklmnopq`,
];
const cmdlines = [...fixed, ...generated];
const theirs = MODPROBE === null ? NO_MODPROBE : kmodCmdlineConfigs(MODPROBE, cmdlines);
if (typeof theirs === "string") console.warn(`skipping the kernel command line comparison with kmod: ${theirs}`);

it.skipIf(typeof theirs === "string")(
  `agrees with kmod on ${cmdlines.length} command lines${typeof theirs === "string" ? ` (skipped: ${theirs})` : ""}`,
  () => {
    if (typeof theirs === "string") return;
    let names = 0;
    cmdlines.forEach((cmdline, n) => {
      const ours = parseKernelCmdline(cmdline);
      names += ours.length;
      // kmod prints its blacklist first, one `blacklist NAME` line per name, then options.
      const printed = ours.map((name) => `blacklist ${name}\n`).join("");
      const out = theirs[n] ?? "";
      expect(out.slice(0, printed.length), JSON.stringify(cmdline)).toBe(printed);
      expect(out.slice(printed.length).startsWith("blacklist "), JSON.stringify(cmdline)).toBe(false);
    });
    expect(names).toBeGreaterThan(100);
  },
);
