/**
 * `modalias compile` writes an index that `match --index` answers from, and
 * the kernel's own files are found as modprobe finds them (-b, -S), the
 * compiled index used only while it matches modules.alias.
 */
import { appendFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";

const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

function kernelTree(): { base: string; aliasFile: string } {
  const base = mkdtempSync(join(tmpdir(), "modalias-root-"));
  const dir = join(base, "lib/modules/6.12.0-test");
  mkdirSync(dir, { recursive: true });
  const aliasFile = join(dir, "modules.alias");
  writeFileSync(aliasFile, combinedAliases());
  return { base, aliasFile };
}

describe("modalias compile", () => {
  it("writes ALIAS-FILE.index (mode 0644) that match --index answers from", () => {
    const { aliasFile } = kernelTree();
    const run = modalias(["compile", aliasFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/modules\.alias\.index: 27410 aliases of 2830 modules from 27411 lines, \d+ bytes/);
    expect(statSync(`${aliasFile}.index`).mode & 0o777).toBe(0o644);
    expect(modalias(["match", "--index", `${aliasFile}.index`, MLX5]).stdout).toBe("mlx5_vfio_pci\n");
  });

  it("--strict fails on a malformed line, naming FILE:LINE; the default warns once and goes on", () => {
    const { aliasFile } = kernelTree();
    appendFileSync(aliasFile, "alias pci:v*d*\tbroken\n");
    const strict = modalias(["compile", "--strict", aliasFile, "-o", `${aliasFile}.strict`]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain(`${aliasFile}:27412: tab at column 15`);
    const lenient = modalias(["compile", aliasFile]);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain("skipped 1 malformed line");
  });

  it("finds the kernel's modules.alias with -b/-S, uses its index when fresh, and says when it is stale", () => {
    const { base, aliasFile } = kernelTree();
    const where = ["-b", base, "-S", "6.12.0-test"];
    expect(modalias(["match", ...where, MLX5])).toMatchObject({ status: 0, stdout: "mlx5_vfio_pci\n", stderr: "" });
    expect(modalias(["compile", ...where]).status).toBe(0);
    expect(statSync(`${aliasFile}.index`).isFile()).toBe(true);
    expect(modalias(["match", ...where, MLX5])).toMatchObject({ stdout: "mlx5_vfio_pci\n", stderr: "" });
    appendFileSync(aliasFile, "alias vfio_pci:v000015B3d0000101Esv000015B3sd*bc*sc*i* newer_vfio_pci\n");
    const stale = modalias(["match", ...where, MLX5]);
    expect(stale.stdout).toBe("newer_vfio_pci\n");
    expect(stale.stderr).toContain("is stale");
  });

  it("says clearly when the kernel has no modules.alias", () => {
    const run = modalias(["match", "-b", "/nonexistent", "-S", "1.0", MLX5]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "modalias: /nonexistent/lib/modules/1.0/modules.alias or /nonexistent/usr/lib/modules/1.0/modules.alias: " +
        "no modules.alias for kernel 1.0; name the files (--alias-file FILE or --index FILE) or the kernel (-b ROOT, -S VERSION)\n",
    );
  });

  it("refuses a file that is not an index, with a clear message", () => {
    const { aliasFile } = kernelTree();
    const run = modalias(["match", "--index", aliasFile, MLX5]);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toBe(`modalias: ${aliasFile}: not a modalias index (no MODALIAS magic at the start)\n`);
  });
});
