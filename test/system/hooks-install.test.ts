/**
 * `hooks install --root DIR` puts the kernel hooks (0755), the depmod watch
 * units (0644, enabled by a relative link) and, without driverctl, the boot
 * units (0644) in place, each marked as ours; the boot units use driverctl's
 * layout (/etc/driverctl.d/pci-ADDRESS) and run `modalias bind`.
 */
import { lstatSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeRoot(root));

const MODES: Record<string, number> = {
  "usr/lib/kernel/install.d/55-modalias.install": 0o755,
  "etc/kernel/postinst.d/modalias": 0o755,
  "etc/kernel/postrm.d/modalias": 0o755,
  "usr/lib/systemd/system/modalias-index.path": 0o644,
  "usr/lib/systemd/system/modalias-index.service": 0o644,
  "usr/lib/udev/rules.d/89-modalias.rules": 0o644,
  "usr/lib/systemd/system/modalias-bind@.service": 0o644,
};

const LINK = "etc/systemd/system/paths.target.wants/modalias-index.path";

it("installs the seven files with their modes, each marked as installed by modalias, and the enabling link", () => {
  const run = modalias(["hooks", "install", "--root", root]);

  expect(run).toMatchObject({ status: 0, stderr: "" });
  expect(filesUnder(root)).toEqual([...Object.keys(MODES), LINK, "etc/modalias/hooks-directories"].sort());
  expect(lstatSync(join(root, LINK)).isSymbolicLink()).toBe(true);
  expect(readlinkSync(join(root, LINK))).toBe("../../../../usr/lib/systemd/system/modalias-index.path");
  expect(readFileSync(join(root, LINK), "utf8")).toBe(
    readFileSync(join(root, "usr/lib/systemd/system/modalias-index.path"), "utf8"),
  );
  for (const [file, mode] of Object.entries(MODES)) {
    expect(statSync(join(root, file)).mode & 0o777, file).toBe(mode);
    expect(readFileSync(join(root, file), "utf8"), file).toContain("# Installed by `modalias hooks install`");
    expect(run.stdout).toContain(`installed ${join(root, file)} (mode 0${mode.toString(8)})`);
  }
});

it("writes hooks that compile on add and delete the index on remove", () => {
  modalias(["hooks", "install", "--root", root]);
  const plugin = readFileSync(join(root, "usr/lib/kernel/install.d/55-modalias.install"), "utf8");

  expect(plugin.startsWith("#!/bin/sh\n")).toBe(true);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
  expect(plugin).toContain('modalias compile -b "${MODALIAS_BASEDIR:-/}" -S "$1"');
  expect(plugin).toContain('add) compile_index "$2" ;;');
  expect(plugin).toContain('remove) remove_index "$2" ;;');
  expect(readFileSync(join(root, "etc/kernel/postinst.d/modalias"), "utf8")).toContain(
    'exec </dev/null >&2\n\ncompile_index "$1"',
  );
  expect(readFileSync(join(root, "etc/kernel/postrm.d/modalias"), "utf8")).toContain('remove_index "$1"');
});

it("writes boot units that apply /etc/driverctl.d/pci-ADDRESS with modalias bind", () => {
  modalias(["hooks", "install", "--root", root]);
  const rule = readFileSync(join(root, "usr/lib/udev/rules.d/89-modalias.rules"), "utf8");
  const unit = readFileSync(join(root, "usr/lib/systemd/system/modalias-bind@.service"), "utf8");

  expect(rule).toContain(
    'ACTION=="add", SUBSYSTEM=="pci", TEST=="/etc/driverctl.d/pci-$kernel", TAG+="systemd", ENV{SYSTEMD_WANTS}+="modalias-bind@$kernel.service"',
  );
  expect(unit).toContain("ConditionPathExists=/etc/driverctl.d/pci-%i\n");
  expect(unit).toContain("ExecStart=/usr/bin/env modalias bind --persisted %i\n");
  expect(unit).toContain("Type=oneshot\n");
});

it("writes a path unit that recompiles when depmod rewrites the running kernel's modules.alias", () => {
  modalias(["hooks", "install", "--root", root]);
  const path = readFileSync(join(root, "usr/lib/systemd/system/modalias-index.path"), "utf8");
  const service = readFileSync(join(root, "usr/lib/systemd/system/modalias-index.service"), "utf8");

  expect(path).toContain("PathChanged=/usr/lib/modules/%v/modules.alias\nPathChanged=/lib/modules/%v/modules.alias\n");
  expect(path).toContain("Unit=modalias-index.service\n");
  expect(path).toContain("WantedBy=paths.target\n");
  expect(service).toContain("ExecStart=/usr/bin/env modalias compile\n");
});
