/**
 * A reader that stops early (`| head -1`) ends the command quietly: no
 * stack trace, exit status of the work done so far.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { MAIN } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";

it("stops quietly when stdout is closed early", () => {
  const dir = mkdtempSync(join(tmpdir(), "modalias-pipe-"));
  const queries = join(dir, "queries");
  writeFileSync(queries, "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00\n".repeat(200_000));
  const script = `"${process.execPath}" "${MAIN}" match --alias-file "${DATA}vfio-variants.modules.alias" --stdin < "${queries}" 2> "${dir}/err" | head -1; echo "\${PIPESTATUS[0]}" > "${dir}/status"`;
  const run = spawnSync("bash", ["-c", script], { encoding: "utf8" });
  expect(run.stdout).toBe("vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00 mlx5_vfio_pci\n");
  expect(readFileSync(join(dir, "err"), "utf8")).toBe("");
  expect(readFileSync(join(dir, "status"), "utf8")).toBe("0\n");
});
