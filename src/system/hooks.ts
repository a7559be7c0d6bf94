/**
 * Installing and uninstalling the hooks under a root directory.
 *
 * Install checks every target first and refuses, naming the file, if one is
 * someone else's; then writes each file atomically with its mode (and each
 * link), leaving alone (`unchanged`) those of ours that already are as they
 * would be written. Uninstall removes the files and links that are ours (the
 * marker line), and only those, then the directories install created
 * (hook-directories.ts) once they are empty.
 * With `dryRun` both only report what they would do.
 *
 * The files `modalias hooks install` puts in place, with their modes: the
 * kernel hooks (0755) and the units that rebuild the index after depmod
 * (0644, and the link that enables them) always; the boot units (0644)
 * unless driverctl is installed, whose own rule and unit then apply the
 * persisted choices.
 *
 * Whose a file in the way is: absent, ours, or someone else's. A file is ours
 * when it carries the marker; a link is ours when it points where ours
 * points. Ours may be overwritten and removed; others never are.
 *
 * The line that marks a file as put in place by `modalias hooks install`.
 * Uninstall removes only files that carry it, and install overwrites only
 * those, so a file of the same name that someone else owns is never touched.
 *
 * The hook scripts that keep the compiled index in step with the installed
 * kernels, as shell text:
 *
 * - a kernel-install plugin (systemd's kernel-install runs
 *   `/usr/lib/kernel/install.d/*.install` in lexical order with
 *   `add KERNEL_VERSION ENTRY_DIR KERNEL_IMAGE [INITRD...]` or
 *   `remove KERNEL_VERSION ENTRY_DIR`); ours is numbered 55, after
 *   50-depmod.install has written modules.alias;
 * - Debian kernel hooks (the kernel package's postinst and postrm run
 *   `/etc/kernel/postinst.d/*` and `/etc/kernel/postrm.d/*` with run-parts,
 *   after depmod, with `VERSION [IMAGE]`; they may run under debconf, so all
 *   output goes to stderr).
 *
 * On add: `modalias compile -b BASEDIR -S VERSION`; on remove: delete
 * modules.alias.index under lib/modules and usr/lib/modules. BASEDIR is
 * `$MODALIAS_BASEDIR`, default `/`. `modalias` is the installing program
 * (programUnder) or, when that is not under the root, found on PATH. A failure
 * is reported on stderr and never fails the kernel's installation (exit 0;
 * never 77, which would stop kernel-install): a missing or stale index only
 * makes lookups fall back to modules.alias.
 *
 * The units that rebuild the running kernel's index whenever depmod rewrites
 * its modules.alias outside a kernel installation (a DKMS build, a manual
 * `depmod -a`), as text: a path unit watching the file (under
 * /usr/lib/modules and /lib/modules; `%v` is the running kernel's release),
 * the oneshot service it starts (`modalias compile`, `modalias` from
 * systemd's PATH), and the link that enables the path unit, as
 * `systemctl enable` would, relative so that it resolves under any root.
 *
 * The boot-time units that apply persisted vfio choices where driverctl is not
 * installed, as text: a udev rule and a systemd template unit doing for
 * modalias what driverctl's rule and `driverctl@.service` do for driverctl.
 *
 * When a PCI device appears and `/etc/driverctl.d/pci-<address>` exists, the
 * rule asks systemd for `modalias-bind@<address>.service`, which runs
 * `modalias bind --persisted <address>`: the device must still be what was
 * persisted (its recorded modalias), the vfio driver is chosen again from the
 * booted kernel's aliases (a device whose alias no longer matches a vfio
 * driver is refused), and it is taken from the host driver that has usually
 * claimed it by then, but never with a mounted disk or a routed interface.
 * Refusals go to stderr, so to the journal. `modalias` is found on systemd's
 * PATH.
 */
import { lstat, readlink } from "node:fs/promises";
import { isAbsolute, relative } from "node:path";
import {
  errnoOf,
  FileError,
  fileError,
  readBounded,
  removeFile,
  resolveInside,
  TEXT_LIMIT,
  writeFileAtomic,
  writeLinkAtomic,
} from "../files/fs.js";
import { missingDirectories, recordDirectories, removeDirectories } from "./hook-directories.js";
import { driverctlUnit, OVERRIDE_DIR, rooted } from "./persisted.js";

/** One file installed, removed or left, with its path under the root. */
export interface HookChange {
  action: "installed" | "would-install" | "unchanged" | "removed" | "would-remove" | "left-foreign";
  file: string;
  entry: HookFile;
}

/** What install did, and driverctl's unit when it was found (and the boot units left out). */
export interface InstallResult {
  changes: HookChange[];
  driverctl: string | null;
}

/** Installs the hooks under `root` (see the file comment). */
export async function installHooks(root: string, dryRun: boolean, program: Program): Promise<InstallResult> {
  const driverctl = await driverctlUnit(root);
  const files = [...kernelHookFiles(program), ...(driverctl === null ? bootUnitFiles(program) : [])];
  const owners = new Map<HookFile, Ownership>();
  for (const f of files) {
    const path = rooted(root, f.path);
    const owner = await ownership(root, path, f);
    if (owner === "foreign") throw new FileError(path, "exists and was not installed by modalias; move it away first");
    owners.set(f, owner);
  }
  const created = await missingDirectories(
    root,
    files.map((f) => f.path),
  );
  const changes: HookChange[] = [];
  for (const f of files) {
    const file = rooted(root, f.path);
    if (owners.get(f) === "ours" && (await isCurrent(root, file, f))) {
      changes.push(change("unchanged", file, f));
      continue;
    }
    if (!dryRun) {
      await atFile(
        file,
        f.kind === "file"
          ? writeFileAtomic(file, f.content, f.mode, { root })
          : writeLinkAtomic(file, f.target, { root }),
      );
    }
    changes.push(change(dryRun ? "would-install" : "installed", file, f));
  }
  if (!dryRun) await recordDirectories(root, MARKER, created);
  return { changes, driverctl };
}

/** What uninstall did: the files, and the directories install had created that it removed (now empty). */
export interface UninstallResult {
  changes: HookChange[];
  directories: string[];
}

/** Removes the hooks install put under `root` (see the file comment). */
export async function uninstallHooks(root: string, dryRun: boolean): Promise<UninstallResult> {
  const changes: HookChange[] = [];
  for (const f of allHookFiles()) {
    const file = rooted(root, f.path);
    const owner = await ownership(root, file, f);
    if (owner === "absent") continue;
    if (owner === "foreign") {
      changes.push(change("left-foreign", file, f));
      continue;
    }
    if (!dryRun) await atFile(file, removeFile(file, { root }));
    changes.push(change(dryRun ? "would-remove" : "removed", file, f));
  }
  return { changes, directories: await removeDirectories(root, MARKER, dryRun) };
}

/** Whether our file at `path` is already `entry` (a link of ours always is): text and mode. */
async function isCurrent(root: string, path: string, entry: HookFile): Promise<boolean> {
  if (entry.kind === "link") return true;
  return atFile(
    path,
    (async () => {
      const { bytes, stats } = await readBounded(await resolveInside(root, path), TEXT_LIMIT);
      return (stats.mode & 0o7777) === entry.mode && bytes.toString("utf8") === entry.content;
    })(),
  );
}

/** `op`'s result, or a FileError naming `file` when it fails. */
async function atFile<T>(file: string, op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (error) {
    throw fileError(file, error);
  }
}

function change(action: HookChange["action"], file: string, f: HookFile): HookChange {
  return { action, file, entry: f };
}

/** One file (or symbolic link) to install, named by its path on the target system. */
export type HookFile =
  | { kind: "file"; path: string; mode: number; content: string }
  | { kind: "link"; path: string; target: string };

/**
 * The command the hooks and units run: the absolute paths of node and of
 * modalias's script, shell-quoted, or null for `modalias` found on PATH.
 */
export type Program = string | null;

/**
 * The running modalias as the target system under `root` sees it: node and
 * the script by their absolute paths when both live under the root (always
 * so for `/`; an nvm install is then found although it is not on systemd's
 * PATH); else null (PATH).
 */
export function programUnder(root: string, node: string, script: string): Program {
  const paths = [node, script].map((path) => {
    const inside = relative(root, path);
    return inside.startsWith("..") || isAbsolute(inside) ? null : `/${inside}`;
  });
  if (paths.some((p) => p === null || p.includes("'"))) return null;
  return paths.map((p) => `'${p}'`).join(" ");
}

/** How a unit's ExecStart runs modalias. */
function execStart(program: Program): string {
  return program ?? "/usr/bin/env modalias";
}

/** The hook scripts and units that rebuild the index when a kernel is installed or removed, or depmod runs. */
export function kernelHookFiles(program: Program): HookFile[] {
  return [
    { kind: "file", path: KERNEL_INSTALL_PLUGIN, mode: 0o755, content: kernelInstallPlugin(program) },
    { kind: "file", path: DEBIAN_POSTINST_HOOK, mode: 0o755, content: debianPostinstHook(program) },
    { kind: "file", path: DEBIAN_POSTRM_HOOK, mode: 0o755, content: debianPostrmHook(program) },
    { kind: "file", path: INDEX_SERVICE, mode: 0o644, content: indexService(program) },
    { kind: "file", path: INDEX_PATH_UNIT, mode: 0o644, content: indexPathUnit() },
    { kind: "link", path: INDEX_PATH_LINK, target: INDEX_PATH_LINK_TARGET },
  ];
}

/** The udev rule and unit that apply persisted choices at boot. */
export function bootUnitFiles(program: Program): HookFile[] {
  return [
    { kind: "file", path: UDEV_RULE, mode: 0o644, content: udevRule() },
    { kind: "file", path: BIND_UNIT, mode: 0o644, content: bindUnit(program) },
  ];
}

/** Every file install may put in place (what uninstall looks for: paths and links, whatever the program). */
export function allHookFiles(): HookFile[] {
  return [...kernelHookFiles(null), ...bootUnitFiles(null)];
}

/** The owner of the file at `path`. */
export type Ownership = "absent" | "ours" | "foreign";

/**
 * Looks at `path` under `root` (where `entry` goes), found inside the root as
 * writes are (files/fs.ts), to tell; a FileError naming the file when it
 * cannot be read or leads out of the root.
 */
export async function ownership(root: string, path: string, entry: HookFile): Promise<Ownership> {
  try {
    const real = await resolveInside(root, path);
    const info = await lstat(real);
    if (entry.kind === "link")
      return info.isSymbolicLink() && (await readlink(real)) === entry.target ? "ours" : "foreign";
    return info.isFile() && hasMarker((await readBounded(real, TEXT_LIMIT)).bytes.toString("utf8"))
      ? "ours"
      : "foreign";
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return "absent";
    throw fileError(path, error);
  }
}

/** The marker, as a comment line for shell scripts, udev rules and unit files alike. */
export const MARKER = "# Installed by `modalias hooks install`; `modalias hooks uninstall` removes it.";

/** True when `text` is one of our files. */
export function hasMarker(text: string): boolean {
  return text.split("\n", 3).includes(MARKER);
}

/** The kernel-install plugin, on the target system. */
export const KERNEL_INSTALL_PLUGIN = "/usr/lib/kernel/install.d/55-modalias.install";
/** The Debian hook run after a kernel package is installed. */
export const DEBIAN_POSTINST_HOOK = "/etc/kernel/postinst.d/modalias";
/** The Debian hook run after a kernel package is removed. */
export const DEBIAN_POSTRM_HOOK = "/etc/kernel/postrm.d/modalias";

/**
 * Shell functions shared by the hooks: `compile_index VERSION` and `remove_index VERSION`;
 * with a program, `modalias` is a function that runs it.
 */
const functions = (
  program: Program,
): string => `${program === null ? "" : `modalias() { ${program} "$@"; }\n\n`}valid_version() {
  case "$1" in
  "" | . | .. | */*) echo "modalias: ignoring kernel version '$1'" >&2; return 1 ;;
  esac
}

compile_index() {
  valid_version "$1" || return 0
  if ! command -v modalias >/dev/null 2>&1; then
    echo "modalias: not on PATH; the alias index of kernel $1 was not built" >&2
    return 0
  fi
  modalias compile -b "\${MODALIAS_BASEDIR:-/}" -S "$1" ||
    echo "modalias: building the alias index of kernel $1 failed; lookups use modules.alias" >&2
}

remove_index() {
  valid_version "$1" || return 0
  base="\${MODALIAS_BASEDIR:-/}"
  rm -f -- "$base/lib/modules/$1/modules.alias.index" "$base/usr/lib/modules/$1/modules.alias.index"
}`;

function script(program: Program, purpose: string, body: string): string {
  return `#!/bin/sh
${MARKER}
${purpose
  .split("\n")
  .map((line) => `# ${line}`.trimEnd())
  .join("\n")}
# MODALIAS_BASEDIR, when set, is the root of the module tree (modalias -b).

${functions(program)}

${body}
exit 0
`;
}

/** The kernel-install plugin's text. */
export function kernelInstallPlugin(program: Program): string {
  return script(
    program,
    "kernel-install plugin: builds modalias's index of modules.alias when a kernel\nis added (after depmod), deletes it when the kernel is removed.",
    `[ "\${KERNEL_INSTALL_VERBOSE:-0}" -gt 0 ] 2>/dev/null || exec >/dev/null

case "$1" in
add) compile_index "$2" ;;
remove) remove_index "$2" ;;
esac`,
  );
}

/** The Debian postinst.d hook's text. */
export function debianPostinstHook(program: Program): string {
  return script(
    program,
    "Debian kernel hook: builds modalias's index of modules.alias for the kernel\njust installed (its package has run depmod).",
    `exec </dev/null >&2

compile_index "$1"`,
  );
}

/** The Debian postrm.d hook's text. */
export function debianPostrmHook(program: Program): string {
  return script(
    program,
    "Debian kernel hook: deletes modalias's index of modules.alias for the kernel\njust removed.",
    `exec </dev/null >&2

remove_index "$1"`,
  );
}

/** The path unit, on the target system. */
export const INDEX_PATH_UNIT = "/usr/lib/systemd/system/modalias-index.path";
/** The service it starts. */
export const INDEX_SERVICE = "/usr/lib/systemd/system/modalias-index.service";
/** The link that enables the path unit. */
export const INDEX_PATH_LINK = "/etc/systemd/system/paths.target.wants/modalias-index.path";
/** The link's target, relative to the link's directory. */
export const INDEX_PATH_LINK_TARGET = "../../../../usr/lib/systemd/system/modalias-index.path";

/** The path unit's text. */
export function indexPathUnit(): string {
  return `${MARKER}
[Unit]
Description=Watch the running kernel's modules.alias for modalias's index

[Path]
PathChanged=/usr/lib/modules/%v/modules.alias
PathChanged=/lib/modules/%v/modules.alias
Unit=modalias-index.service

[Install]
WantedBy=paths.target
`;
}

/** The service's text. */
export function indexService(program: Program): string {
  return `${MARKER}
[Unit]
Description=Rebuild modalias's index of the running kernel's modules.alias

[Service]
Type=oneshot
ExecStart=${execStart(program)} compile
`;
}

/** The udev rule, on the target system. */
export const UDEV_RULE = "/usr/lib/udev/rules.d/89-modalias.rules";
/** The systemd template unit, on the target system. */
export const BIND_UNIT = "/usr/lib/systemd/system/modalias-bind@.service";

/** The udev rule's text. */
export function udevRule(): string {
  return `${MARKER}
# Applies a persisted vfio choice (${OVERRIDE_DIR}/pci-ADDRESS) when the PCI
# device appears, through modalias-bind@ADDRESS.service.
ACTION=="add", SUBSYSTEM=="pci", TEST=="${OVERRIDE_DIR}/pci-$kernel", TAG+="systemd", ENV{SYSTEMD_WANTS}+="modalias-bind@$kernel.service"
`;
}

/** The systemd template unit's text; the instance is the PCI address. */
export function bindUnit(program: Program): string {
  return `${MARKER}
[Unit]
Description=Bind PCI device %i to its persisted vfio driver
DefaultDependencies=no
After=local-fs.target systemd-udevd.service
Before=basic.target
ConditionPathExists=${OVERRIDE_DIR}/pci-%i

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${execStart(program)} bind --persisted %i
TimeoutStartSec=300
`;
}
