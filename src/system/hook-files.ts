/**
 * The files `modalias hooks install` puts in place, with their modes: the
 * kernel hooks (0755) and the units that rebuild the index after depmod
 * (0644, and the link that enables them) always; the boot units (0644)
 * unless driverctl is installed, whose own rule and unit then apply the
 * persisted choices.
 */
import { BIND_UNIT, bindUnit, UDEV_RULE, udevRule } from "./boot-units.js";
import {
  DEBIAN_POSTINST_HOOK,
  DEBIAN_POSTRM_HOOK,
  debianPostinstHook,
  debianPostrmHook,
  KERNEL_INSTALL_PLUGIN,
  kernelInstallPlugin,
} from "./kernel-hooks.js";
import {
  INDEX_PATH_LINK,
  INDEX_PATH_LINK_TARGET,
  INDEX_PATH_UNIT,
  INDEX_SERVICE,
  indexPathUnit,
  indexService,
} from "./index-units.js";

/** One file (or symbolic link) to install, named by its path on the target system. */
export type HookFile =
  | { kind: "file"; path: string; mode: number; content: string }
  | { kind: "link"; path: string; target: string };

/** The hook scripts and units that rebuild the index when a kernel is installed or removed, or depmod runs. */
export function kernelHookFiles(): HookFile[] {
  return [
    { kind: "file", path: KERNEL_INSTALL_PLUGIN, mode: 0o755, content: kernelInstallPlugin() },
    { kind: "file", path: DEBIAN_POSTINST_HOOK, mode: 0o755, content: debianPostinstHook() },
    { kind: "file", path: DEBIAN_POSTRM_HOOK, mode: 0o755, content: debianPostrmHook() },
    { kind: "file", path: INDEX_SERVICE, mode: 0o644, content: indexService() },
    { kind: "file", path: INDEX_PATH_UNIT, mode: 0o644, content: indexPathUnit() },
    { kind: "link", path: INDEX_PATH_LINK, target: INDEX_PATH_LINK_TARGET },
  ];
}

/** The udev rule and unit that apply persisted choices at boot. */
export function bootUnitFiles(): HookFile[] {
  return [
    { kind: "file", path: UDEV_RULE, mode: 0o644, content: udevRule() },
    { kind: "file", path: BIND_UNIT, mode: 0o644, content: bindUnit() },
  ];
}

/** Every file install may put in place (what uninstall looks for). */
export function allHookFiles(): HookFile[] {
  return [...kernelHookFiles(), ...bootUnitFiles()];
}
