/**
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
 * `$MODALIAS_BASEDIR`, default `/`. `modalias` is found on PATH. A failure
 * is reported on stderr and never fails the kernel's installation (exit 0;
 * never 77, which would stop kernel-install): a missing or stale index only
 * makes lookups fall back to modules.alias.
 */
import { MARKER } from "./marker.js";

/** The kernel-install plugin, on the target system. */
export const KERNEL_INSTALL_PLUGIN = "/usr/lib/kernel/install.d/55-modalias.install";
/** The Debian hook run after a kernel package is installed. */
export const DEBIAN_POSTINST_HOOK = "/etc/kernel/postinst.d/modalias";
/** The Debian hook run after a kernel package is removed. */
export const DEBIAN_POSTRM_HOOK = "/etc/kernel/postrm.d/modalias";

/** Shell functions shared by the hooks: `compile_index VERSION` and `remove_index VERSION`. */
const FUNCTIONS = `valid_version() {
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

function script(purpose: string, body: string): string {
  return `#!/bin/sh
${MARKER}
${purpose
  .split("\n")
  .map((line) => `# ${line}`.trimEnd())
  .join("\n")}
# MODALIAS_BASEDIR, when set, is the root of the module tree (modalias -b).

${FUNCTIONS}

${body}
exit 0
`;
}

/** The kernel-install plugin's text. */
export function kernelInstallPlugin(): string {
  return script(
    "kernel-install plugin: builds modalias's index of modules.alias when a kernel\nis added (after depmod), deletes it when the kernel is removed.",
    `[ "\${KERNEL_INSTALL_VERBOSE:-0}" -gt 0 ] 2>/dev/null || exec >/dev/null

case "$1" in
add) compile_index "$2" ;;
remove) remove_index "$2" ;;
esac`,
  );
}

/** The Debian postinst.d hook's text. */
export function debianPostinstHook(): string {
  return script(
    "Debian kernel hook: builds modalias's index of modules.alias for the kernel\njust installed (its package has run depmod).",
    `exec </dev/null >&2

compile_index "$1"`,
  );
}

/** The Debian postrm.d hook's text. */
export function debianPostrmHook(): string {
  return script(
    "Debian kernel hook: deletes modalias's index of modules.alias for the kernel\njust removed.",
    `exec </dev/null >&2

remove_index "$1"`,
  );
}
