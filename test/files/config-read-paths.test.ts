/**
 * Given paths replace the defaults (like `modprobe -C`): directories and
 * single files, used as given; a missing path is skipped; procRoot null
 * leaves the command line out, and a missing cmdline adds nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";

const scratch = mkdtempSync(join(tmpdir(), "modalias-config-paths-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("reads only the given paths, in kmod's order", async () => {
  mkdirSync(join(scratch, "d"));
  writeFileSync(join(scratch, "d/b.conf"), "blacklist from-dir\n");
  writeFileSync(join(scratch, "d/c.conf"), "blacklist hidden\n");
  writeFileSync(join(scratch, "c.conf"), "blacklist from-single\n");
  writeFileSync(join(scratch, "cmdline"), "modprobe.blacklist=x\n");
  const paths = [join(scratch, "c.conf"), join(scratch, "missing"), join(scratch, "d")];
  const withoutCmdline = await readModprobeConfig({ paths, procRoot: null, root: join(scratch, "d") });
  expect(withoutCmdline.files).toEqual([join(scratch, "d/b.conf"), join(scratch, "c.conf")]);
  expect(withoutCmdline.blacklists.map((b) => b.module)).toEqual(["from_dir", "from_single"]);
  const missingCmdline = await readModprobeConfig({ paths, procRoot: join(scratch, "d") });
  expect(missingCmdline.blacklists.map((b) => b.module)).toEqual(["from_dir", "from_single"]);
  const withCmdline = await readModprobeConfig({ paths, procRoot: scratch });
  expect(withCmdline.blacklists.map((b) => b.module)).toEqual(["from_dir", "from_single", "x"]);
});
