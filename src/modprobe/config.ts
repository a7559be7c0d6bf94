/**
 * Reading modprobe's effective configuration (`modprobe -c`) for what keeps a
 * module from loading, with the same rules as the configuration reader
 * (src/config/): a `blacklist MODULE` line, or the first `install` line whose
 * pattern matches the module running a no-op.
 *
 * `modprobe -b MODULE` exits 0 without loading a blacklisted module, so, like
 * libvirt, the binder asks modprobe itself once the module's driver fails to
 * appear; kmod lists both modprobe.d blacklists and `modprobe.blacklist=`
 * from the kernel command line there.
 */
import { blacklistOf, disablingInstall, mergeConfig } from "../config/merge.js";
import { parseModprobeConfig } from "../config/parse.js";

/** Why the configuration keeps `module` from loading, or null when it does not. */
export interface Prohibition {
  kind: "blacklist" | "install";
  line: string;
}

/** Finds a `blacklist` or no-op `install` line for `module` in `modprobe -c` output. */
export function findProhibition(output: string, module: string): Prohibition | null {
  const config = mergeConfig({ listingProblems: [], files: [parseModprobeConfig(output, "modprobe -c")], kernelBlacklist: [] });
  const blacklist = blacklistOf(config, module);
  if (blacklist !== null) return { kind: "blacklist", line: `blacklist ${blacklist.module}` };
  const install = disablingInstall(config, module);
  if (install !== null) return { kind: "install", line: `install ${install.module} ${install.command.trim()}` };
  return null;
}
