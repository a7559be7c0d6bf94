/**
 * `modalias man` renders with man(1) without warnings and says everything `--help` says:
 * every command and subcommand, arguments, defaults, each command's notes and examples with
 * their indentation, and the FILES, ENVIRONMENT, EXIT STATUS and SEE ALSO sections.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());

const roff = modalias(["man"], { env: { SOURCE_DATE_EPOCH: "1767225600" } });
const file = join(tmp.dir, "modalias.1");
writeFileSync(file, roff.stdout);
const hasMan = spawnSync("man", ["--version"]).status === 0;
if (!hasMan) console.warn("skipping the rendering checks: man (man-db) is not installed");

/** The page as man renders it, 200 columns wide so that lines are not wrapped. */
function rendered(): { text: string; warnings: string } {
  const run = spawnSync("man", ["--warnings", "-l", file], {
    encoding: "utf8",
    env: { ...process.env, MANWIDTH: "200", LC_ALL: "C.UTF-8" },
  });
  return { text: run.stdout, warnings: run.stderr };
}

it("is dated by SOURCE_DATE_EPOCH and has every section", () => {
  expect(roff.status).toBe(0);
  expect(roff.stdout).toMatch(/^\.TH MODALIAS 1 "2026-01-01" "modalias \d+\.\d+\.\d+"/);
  for (const section of [
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "COMMANDS",
    "FILES",
    "ENVIRONMENT",
    "EXIT STATUS",
    "SEE ALSO",
  ]) {
    expect(roff.stdout).toContain(`.SH ${section}`);
  }
});

it.runIf(hasMan)("renders without warnings", () => {
  const { text, warnings } = rendered();
  expect(warnings).toBe("");
  expect(text).toContain("MODALIAS(1)");
});

it.runIf(hasMan)("documents hooks install and uninstall, arguments and defaults", () => {
  const { text } = rendered();
  expect(text).toContain("modalias hooks install [options]");
  expect(text).toContain("modalias hooks uninstall [options]");
  expect(text).toMatch(/hooks install\n\s+put the hooks in place/);
  expect(text).toContain("PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  expect(text).toContain('where sysfs is mounted (default: "/sys")');
  expect(text).toContain("SOURCE_DATE_EPOCH");
  expect(text).toContain("MODALIAS_BASEDIR");
  expect(text).toContain("modprobe(8), depmod(8)");
});

it.runIf(hasMan)("keeps each command's notes and examples as written, indentation included", () => {
  const { text } = rendered();
  expect(text).toContain("Steps: read modalias, choose the vfio driver");
  const lines = text.split("\n");
  const at = lines.findIndex(
    (l) => l.trim() === "0000:01:00.0: would bind to vfio-pci (module vfio_pci), now no driver",
  );
  const indent = (line: string | undefined): number => (line ?? "").length - (line ?? "").trimStart().length;
  expect(lines[at - 1]?.trim()).toBe("$ modalias bind --dry-run 0000:01:00.0");
  expect(lines[at + 1]?.trim()).toBe("modprobe -b vfio_pci");
  expect(indent(lines[at + 1])).toBe(indent(lines[at]) + 2);
  expect(text).toContain("modalias compile /lib/modules/$(uname -r)/modules.alias -o /tmp/aliases.index");
});
