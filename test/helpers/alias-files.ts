/**
 * fast-check generators of whole alias files and of keys to ask them:
 * field-aligned pci/vfio_pci/usb lines drawn from small value pools (so
 * that lines collide, tie and duplicate; lines are repeated, some with another module), bracketed usb lines, free-form
 * patterns over the whole fnmatch syntax behind real bus prefixes, `-` in
 * patterns and module names, and a few lines the parser refuses. Keys are
 * well-formed field keys (mostly from the same pools), malformed keys with a bus prefix, and keys sampled
 * from (and near) the file's own patterns.
 */
import fc from "fast-check";
import { mutateKey, patternArb, sampleKey } from "./arbitraries.js";

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, "0");

const PCI_FIELDS = [
  ["v", 8],
  ["d", 8],
  ["sv", 8],
  ["sd", 8],
  ["bc", 2],
  ["sc", 2],
  ["i", 2],
] as const;
const USB_FIELDS = [
  ["v", 4],
  ["p", 4],
  ["d", 4],
  ["dc", 2],
  ["dsc", 2],
  ["dp", 2],
  ["ic", 2],
  ["isc", 2],
  ["ip", 2],
  ["in", 2],
] as const;
/** Few values per field, so that patterns and keys meet often. */
const POOL = [0x0, 0x15b3, 0x8086];

const MODULES = ["alpha", "beta_drv", "beta-drv", "gamma", "vfio_pci", "vfio-pci", "mlx5_vfio_pci", "z"];
const FREE_PREFIXES = [
  "pci:",
  "usb:",
  "vfio_pci:",
  "vfio-pci:",
  "acpi*:",
  "of:N*T*C",
  "dmi*:svn",
  "cpu:type:x86,ven",
  "hid:b",
  "platform:",
  "",
];
const BAD_LINES = [
  "alias onlypattern",
  "alias  two-spaces mod",
  "alias a[ mod",
  "alias x] mod",
  "# a comment",
  "",
  "options foo bar",
  "alias p\tq mod",
];

const value = (width: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant("*") },
    { weight: 1, arbitrary: fc.constantFrom(...POOL).map((v) => hex(v % 16 ** width, width)) },
  );

const fieldPattern = (
  prefix: fc.Arbitrary<string>,
  fields: readonly (readonly [string, number])[],
): fc.Arbitrary<string> =>
  fc.tuple(prefix, fc.tuple(...fields.map(([, width]) => value(width))), fc.boolean()).map(([p, values, trailing]) => {
    const body = fields.map(([tag], i) => tag + values[i]).join("");
    return p + body + (trailing && !body.endsWith("*") ? "*" : "");
  });

const pciPattern = fieldPattern(fc.constantFrom("pci:", "vfio_pci:", "vfio-pci:"), PCI_FIELDS);
const usbPattern = fieldPattern(fc.constant("usb:"), USB_FIELDS);
/** usb lines as file2alias writes them for bcdDevice ranges: `d0[0-2]*`, not field-aligned. */
const usbRangePattern = fc
  .tuple(fc.constantFrom(...POOL), fc.constantFrom("[0-2]", "[3-9]", "[0-9A-F]", "[!0]"))
  .map(([v, range]) => `usb:v${hex(v, 4)}p*d0${range}*dc*dsc*dp*ic*isc*ip*in*`);
const freePattern = fc.tuple(fc.constantFrom(...FREE_PREFIXES), patternArb).map(([prefix, rest]) => prefix + rest);

const patternLine = fc
  .tuple(fc.oneof(pciPattern, pciPattern, usbPattern, usbRangePattern, freePattern), fc.constantFrom(...MODULES))
  .map(([pattern, module]) => `alias ${pattern} ${module}`);

/** An alias file: lines, some repeated, some bad, as the bytes a file would hold. */
export const aliasFileArb: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.array(
      fc.oneof({ weight: 12, arbitrary: patternLine }, { weight: 1, arbitrary: fc.constantFrom(...BAD_LINES) }),
      { minLength: 1, maxLength: 30 },
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(fc.constantFrom(...MODULES))), { maxLength: 8 }),
  )
  .map(([lines, repeats]) => {
    const out = [...lines];
    for (const [from, to, module] of repeats) {
      const line = out[from % out.length] as string;
      const copy = module === null || !line.startsWith("alias ") ? line : line.replace(/ [^ ]*$/, ` ${module}`);
      out.splice(to % (out.length + 1), 0, copy);
    }
    return Buffer.from(`# Aliases extracted from modules themselves.\n${out.join("\n")}\n`, "latin1");
  });

const fieldKey = (prefix: string, fields: readonly (readonly [string, number])[]): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.nat(0xffff) }), {
      minLength: fields.length,
      maxLength: fields.length,
    })
    .map(
      (values) =>
        prefix + fields.map(([tag, width], i) => tag + hex((values[i] as number) % 16 ** width, width)).join(""),
    );

/** Well-formed pci, vfio_pci and usb keys, as sysfs prints them. */
const wellFormedKey = fc.oneof(
  fieldKey("pci:", PCI_FIELDS),
  fieldKey("vfio_pci:", PCI_FIELDS),
  fieldKey("usb:", USB_FIELDS),
);

/** Keys with a bus prefix that are not well-formed: changed, cut, lower-cased, extended. */
const malformedKey = fc
  .tuple(
    wellFormedKey,
    fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    fc.nat(3),
    fc.constantFrom("", "*", "x", "-", "00", "?", "[0]"),
  )
  .map(([key, mutation, how, extra]) => {
    if (how === 0) return mutateKey(key, mutation);
    if (how === 1) return key.slice(0, (mutation[0] as number) % key.length);
    if (how === 2) return key.toLowerCase().replace(/^(vfio_pci|pci|usb):/i, (p) => p.toLowerCase());
    return key + extra;
  });

/** Keys for a given file: field keys, malformed keys, and keys sampled from (near) its patterns. */
export function keysArb(file: Buffer): fc.Arbitrary<string[]> {
  const patterns = file
    .toString("latin1")
    .split("\n")
    .flatMap((line) => (line.startsWith("alias ") ? [line.split(" ")[1] ?? ""] : []))
    .concat("pci:*");
  const sampled = fc
    .tuple(
      fc.constantFrom(...patterns),
      fc.array(fc.nat(), { minLength: 8, maxLength: 16 }),
      fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([pattern, choices, mutation, near]) => {
      const key = sampleKey(pattern, choices);
      return near ? mutateKey(key, mutation) : key;
    });
  return fc.array(fc.oneof(wellFormedKey, malformedKey, sampled, sampled), { minLength: 4, maxLength: 8 });
}

/** How many random files a property runs on: MODALIAS_PROPERTY_RUNS, else `fallback`. */
export function propertyRuns(fallback: number): number {
  const runs = Number(process.env.MODALIAS_PROPERTY_RUNS);
  return Number.isSafeInteger(runs) && runs > 0 ? runs : fallback;
}
