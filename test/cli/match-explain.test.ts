/**
 * `match --explain` lists every matching alias of every source with its
 * place, stars and literals, marks the best and says why it won; ties are
 * one warning for the whole run, and JSON names the tied module.
 */
import { writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const combined = tmp.path("modules.alias");
writeFileSync(combined, combinedAliases());
const RADEON = "pci:v00001002d00006798sv00001002sd00000001bc03sc00i00";
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

it("lists every alias the library's explain gives, the best marked, and why it won", () => {
  const run = modalias(["match", "--alias-file", combined, "--explain", RADEON]);
  const expected = new AliasLookup(compileAliasText(combinedAliases()).index).explain(RADEON);
  const lines = run.stdout.trimEnd().split("\n");
  expect(lines[0]).toBe(`${RADEON}: amdgpu: fewest stars (4; next radeon with 5)`);
  expect(lines.slice(1).map((l) => l.split(/ +/).slice(0, 5))).toEqual(
    expected.map((m, i) => [i === 0 ? "*" : "", m.module, m.pattern, "modules.alias", "line"]),
  );
  expect(lines[1]).toMatch(
    /^\* amdgpu +pci:v00001002d\*sv\*sd\*bc03sc00i00\* +modules\.alias line \d+ +4 stars, 29 literals$/,
  );
  expect(run.status).toBe(0);
});

it("says which source answered and which kmod did not ask, in JSON too", () => {
  const config = tmp.path("local.conf");
  writeFileSync(config, `alias ${MLX5} local_driver\n`);
  const run = modalias(["match", "--alias-file", combined, "-C", config, "--explain", "--json", MLX5]);
  const record = JSON.parse(run.stdout) as {
    module: string;
    reason: string;
    aliases: { origin: string; best: boolean }[];
  };
  expect(record.module).toBe("local_driver");
  expect(record.reason).toBe(
    "the only module whose aliases match in config (kmod asks config first and stops there; modules.alias not asked)",
  );
  expect(record.aliases.map((a) => [a.origin, a.best])).toEqual([
    ["config", true],
    ["modules.alias", false],
    ["modules.alias", false],
  ]);
});

it("sums up ties in one warning, names the tied module in JSON, and says nothing with -q", () => {
  const tied = tmp.path("tied.alias");
  writeFileSync(tied, "alias pci:v00001002d* radeon\nalias pci:v00001002d* amdgpu\n");
  const keys = `${RADEON}\n${RADEON.replace("6798", "6799")}\n${RADEON.replace("6798", "679A")}\n`;
  const run = modalias(["match", "--alias-file", tied, "--stdin"], { input: keys });
  expect(run.stdout.split("\n").filter((l) => l.endsWith(" radeon"))).toHaveLength(3);
  expect(run.stderr).toBe(
    `modalias: warning: ambiguous: ${RADEON}: radeon and amdgpu tie at 1 stars, 14 literals; chose line 1, the earlier; and 2 more queries tie (--json names the modules)\n`,
  );
  expect(modalias(["match", "--alias-file", tied, "--stdin", "-q"], { input: keys }).stderr).toBe("");
  const json = modalias(["match", "--alias-file", tied, "--json", RADEON]);
  expect(JSON.parse(json.stdout)).toMatchObject({ module: "radeon", ambiguous: true, tiedWith: "amdgpu" });
  expect(json.stderr).toBe("");
  const explained = modalias(["match", "--alias-file", tied, "--explain", RADEON]);
  expect(explained.stdout.split("\n")[0]).toBe(
    `${RADEON}: radeon: ambiguous: radeon and amdgpu tie at 1 stars, 14 literals; chose line 1, the earlier`,
  );
});
