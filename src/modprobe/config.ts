/**
 * Reading modprobe's effective configuration (`modprobe -c`) for what keeps a
 * module from loading.
 *
 * `modprobe -b MODULE` exits 0 without loading a blacklisted module, so, like
 * libvirt, the binder looks for `blacklist MODULE` in the configuration once
 * the module's driver fails to appear. kmod lists both modprobe.d blacklists
 * and `modprobe.blacklist=` from the kernel command line there. An
 * `install MODULE /bin/false` (or `/bin/true`) line disables a module too.
 */

/** Why the configuration keeps `module` from loading, or null when it does not. */
export interface Prohibition {
  kind: "blacklist" | "install";
  line: string;
}

const NOOP_INSTALL = /^(\/usr)?\/bin\/(true|false)$/;

/** Finds a `blacklist` or no-op `install` line for `module` (names compared with `-` as `_`). */
export function findProhibition(config: string, module: string): Prohibition | null {
  const want = normalize(module);
  for (const raw of config.split("\n")) {
    const line = raw.trim();
    const [keyword, name, ...rest] = line.split(/\s+/);
    if (name === undefined || normalize(name) !== want) continue;
    if (keyword === "blacklist") return { kind: "blacklist", line };
    if (keyword === "install" && NOOP_INSTALL.test(rest.join(" "))) return { kind: "install", line };
  }
  return null;
}

function normalize(name: string): string {
  return name.replaceAll("-", "_");
}
