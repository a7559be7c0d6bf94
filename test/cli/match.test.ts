/**
 * `modalias match` on the real alias file: best module, --all, --json, exit
 * codes, and what a user sees for bad input.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";

const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";
let aliasFile = "";

beforeAll(() => {
  aliasFile = join(mkdtempSync(join(tmpdir(), "modalias-")), "modules.alias");
  writeFileSync(aliasFile, combinedAliases());
});

describe("modalias match", () => {
  it("prints the best module: mlx5_vfio_pci for its vfio_pci modalias", () => {
    const run = modalias(["match", "--alias-file", aliasFile, MLX5]);
    expect(run).toMatchObject({ status: 0, stdout: "mlx5_vfio_pci\n", stderr: "" });
  });

  it("--json --all gives the documented record, listing vfio_pci too", () => {
    const run = modalias(["match", "--alias-file", aliasFile, "--json", "--all", MLX5]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      modalias: MLX5,
      module: "mlx5_vfio_pci",
      pattern: "vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i*",
      line: 27409,
      origin: "modules.alias",
      file: null,
      stars: 5,
      literals: 36,
      ambiguous: false,
      tiedWith: null,
      matches: [
        {
          module: "vfio_pci",
          pattern: "vfio_pci:v*d*sv*sd*bc*sc*i*",
          line: 21770,
          origin: "modules.alias",
          file: null,
        },
        {
          module: "mlx5_vfio_pci",
          pattern: "vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i*",
          line: 27409,
          origin: "modules.alias",
          file: null,
        },
      ],
    });
  });

  it("answers several queries in order, one line each naming its key, '-' for no match; exit 1 for it", () => {
    const run = modalias(["match", "--alias-file", aliasFile, MLX5, "nothing:here", "acpi:PNP0C0A:"]);
    expect(run).toMatchObject({
      status: 1,
      stdout: `${MLX5} mlx5_vfio_pci\nnothing:here -\nacpi:PNP0C0A: battery\n`,
      stderr: "",
    });
    expect(modalias(["match", "--alias-file", aliasFile, "nothing:here"])).toMatchObject({ status: 1, stdout: "-\n" });
  });

  it("--all prints every matching module on the query's line, in kmod's order", () => {
    const run = modalias(["match", "--alias-file", aliasFile, "--all", MLX5]);
    expect(run.stdout).toBe("vfio_pci mlx5_vfio_pci\n");
  });

  it("an invalid modalias is reported, answered with '-', and exits 2", () => {
    const run = modalias(["match", "--alias-file", aliasFile, "usb:v1234]", MLX5]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(`usb:v1234] -\n${MLX5} mlx5_vfio_pci\n`);
    expect(run.stderr).toBe('modalias: invalid modalias "usb:v1234]": unmatched bracket\n');
  });

  it("a missing alias file is named, without a stack trace", () => {
    const run = modalias(["match", "--alias-file", "/nonexistent/modules.alias", MLX5]);
    expect(run).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "modalias: /nonexistent/modules.alias: no such file\n",
    });
  });

  it("no query at all is bad usage", () => {
    expect(modalias(["match", "--alias-file", aliasFile]).status).toBe(2);
  });
});
