/**
 * A key holding a NUL byte is rejected with a clear error (kmod's C strings
 * cannot carry one): from the library, and from `match --stdin`, which
 * still answers the other lines and exits 2.
 */
import { writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { InvalidKeyError } from "../../src/kmod/normalize.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());

it("rejects a NUL in a key with InvalidKeyError", () => {
  const lookup = new AliasLookup(compileAliasText(SMALL_ALIASES).index);
  expect(() => lookup.best("acpi:PNP0C0A:\0x")).toThrow(new InvalidKeyError("acpi:PNP0C0A:\0x", "contains a NUL byte"));
  expect(() => lookup.all(Buffer.from("\0"))).toThrow(InvalidKeyError);
  expect(() => lookup.explain("\0acpi:PNP0C0A:")).toThrow(InvalidKeyError);
});

it("reports the NUL line on stderr and answers the others from --stdin", () => {
  const file = tmp.path("modules.alias");
  writeFileSync(file, SMALL_ALIASES);
  const run = modalias(["match", "--stdin", "--alias-file", file], {
    input: Buffer.from("acpi:PNP0C0A:\nacpi:PNP\0C0A:\nof:NserialTCfsl,imx6q-uart\n", "latin1"),
  });
  expect(run.stdout).toBe('acpi:PNP0C0A: battery\n"acpi:PNP\\u0000C0A:" -\nof:NserialTCfsl,imx6q-uart imx_uart\n');
  expect(run.stderr).toBe('modalias: invalid modalias "acpi:PNP\\u0000C0A:": contains a NUL byte\n');
  expect(run.status).toBe(2);
});
