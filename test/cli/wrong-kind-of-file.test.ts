/**
 * A file of the wrong kind is refused, naming it and saying what it is: an
 * empty file or a binary compiled as a modules.alias (no 0-alias index), an
 * index given as --alias-file, a modules.alias given as --builtin-modinfo.
 */
import { existsSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const ALIASES = `${DATA}vfio-variants.modules.alias`;
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

it("refuses to compile an empty file or a binary, writing no index", () => {
  const empty = tmp.path("empty.alias");
  writeFileSync(empty, "");
  const out = tmp.path("out.index");
  expect(modalias(["compile", empty, "-o", out])).toEqual({
    status: 2,
    stdout: "",
    stderr: `modalias: ${empty}: holds no alias: not a modules.alias\n`,
  });
  const binary = modalias(["compile", process.execPath, "-o", out]);
  expect(binary).toMatchObject({ status: 2, stdout: "" });
  expect(binary.stderr).toMatch(
    new RegExp(`^modalias: ${process.execPath}: holds no alias \\(\\d+ malformed lines\\): not a modules.alias\\n$`),
  );
  expect(existsSync(out)).toBe(false);
});

it("says an index given as --alias-file is an index", () => {
  const index = tmp.path("variants.index");
  expect(modalias(["compile", ALIASES, "-o", index]).status).toBe(0);
  expect(modalias(["match", "--alias-file", index, MLX5])).toEqual({
    status: 2,
    stdout: "",
    stderr: `modalias: ${index}: is a compiled index, not a modules.alias (give it with --index)\n`,
  });
});

it("refuses a --builtin-modinfo that is not a modules.builtin.modinfo", () => {
  const run = modalias(["match", "--alias-file", ALIASES, "--builtin-modinfo", ALIASES, MLX5]);
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: `modalias: ${ALIASES}: not a modules.builtin.modinfo (it has no NUL-separated records)\n`,
  });
});
