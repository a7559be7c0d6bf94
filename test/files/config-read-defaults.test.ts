/**
 * Without paths, the default directories under the root are read in kmod's
 * order (/etc first, /lib last) with the first file of a name winning, and
 * the command line comes from procRoot/cmdline (kmod 30 reads `*.alias` files too).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";

const root = mkdtempSync(join(tmpdir(), "modalias-config-root-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
}

it("reads the default directories under the root, and the command line", async () => {
  put("etc/modprobe.d/x.conf", "blacklist etc-x\n");
  put("run/modprobe.d/x.conf", "blacklist run-x\n");
  put("run/modprobe.d/r.conf", "blacklist run-r\n");
  put("usr/local/lib/modprobe.d/a.conf", "blacklist local-a\n");
  put("usr/lib/modprobe.d/a.conf", "blacklist usr-a\n");
  put("usr/lib/modprobe.d/u.conf", "blacklist usr-u\n");
  put("lib/modprobe.d/z.alias", "alias lib-z m\n");
  put("proc/cmdline", "ro modprobe.blacklist=cmd-line\n");
  const config = await readModprobeConfig({ root, procRoot: join(root, "proc"), kmodVersion: async () => 30 });
  expect(config.files).toEqual([
    join(root, "usr/local/lib/modprobe.d/a.conf"),
    join(root, "run/modprobe.d/r.conf"),
    join(root, "usr/lib/modprobe.d/u.conf"),
    join(root, "etc/modprobe.d/x.conf"),
    join(root, "lib/modprobe.d/z.alias"),
  ]);
  expect(config.blacklists.map((b) => b.module)).toEqual(["local_a", "run_r", "usr_u", "etc_x", "cmd-line"]);
  expect(config.aliases.map((a) => a.pattern)).toEqual(["lib_z"]);
  expect(config.problems).toEqual([]);
});
