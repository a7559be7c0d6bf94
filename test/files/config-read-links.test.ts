/**
 * Links and unreadable entries in a configuration directory: a link to a
 * directory is skipped and reported; a dangling link still takes its name
 * (hiding later files of that name, as in kmod) and is reported as
 * unreadable; a FIFO is refused as not a regular file, without blocking.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";

const scratch = mkdtempSync(join(tmpdir(), "modalias-config-links-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("handles linked, dangling and special entries as kmod lists them", async () => {
  const first = join(scratch, "first");
  const second = join(scratch, "second");
  mkdirSync(first);
  mkdirSync(second);
  mkdirSync(join(scratch, "elsewhere"));
  symlinkSync(join(scratch, "elsewhere"), join(first, "linked.conf"));
  symlinkSync(join(scratch, "nowhere"), join(first, "dangling.conf"));
  writeFileSync(join(scratch, "target.conf"), "blacklist through-link\n");
  symlinkSync(join(scratch, "target.conf"), join(first, "file-link.conf"));
  execFileSync("mkfifo", [join(first, "pipe.conf")]);
  writeFileSync(join(second, "dangling.conf"), "blacklist hidden\n");
  writeFileSync(join(second, "linked.conf"), "blacklist second-linked\n");

  const config = await readModprobeConfig({ paths: [first, second], procRoot: null });
  expect(config.files).toEqual([
    join(first, "dangling.conf"),
    join(first, "file-link.conf"),
    join(second, "linked.conf"),
    join(first, "pipe.conf"),
  ]);
  expect(config.blacklists.map((b) => b.module)).toEqual(["through_link", "second_linked"]);
  expect(config.problems).toEqual([
    { file: join(first, "linked.conf"), line: null, reason: "Directories inside directories are not supported" },
    { file: join(first, "dangling.conf"), line: null, reason: "no such file" },
    { file: join(first, "pipe.conf"), line: null, reason: "is a FIFO, not a regular file" },
  ]);
});
