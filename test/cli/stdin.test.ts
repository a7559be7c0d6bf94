/**
 * `modalias match --stdin`: one answer line per input line, in order, in one
 * process; invalid lines keep their place.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";
import { pciKeys } from "../helpers/keys.js";

it("answers 3,000 queries from stdin in order, as the library does", () => {
  const aliasFile = join(mkdtempSync(join(tmpdir(), "modalias-")), "modules.alias");
  writeFileSync(aliasFile, combinedAliases());
  const keys = [...pciKeys(2999, 7), "acpi*:broken]"];
  const run = modalias(["match", "--alias-file", aliasFile, "--stdin", "--json"], { input: `${keys.join("\n")}\n` });
  const lookup = new AliasLookup(compileAliasText(combinedAliases()).index);
  const lines = run.stdout
    .split("\n")
    .slice(0, -1)
    .map((l) => JSON.parse(l) as { modalias: string; module?: string | null; error?: string });
  expect(lines).toHaveLength(keys.length);
  lines.slice(0, -1).forEach((line, i) => {
    expect(line.modalias).toBe(keys[i]);
    expect(line.module).toBe(lookup.best(keys[i]!).best?.module ?? null);
  });
  expect(lines.at(-1)).toEqual({
    modalias: "acpi*:broken]",
    error: 'invalid modalias "acpi*:broken]": unmatched bracket',
  });
  expect(run.status).toBe(2);
});
