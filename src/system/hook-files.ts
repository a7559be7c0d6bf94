/**
 * The files `modalias hooks install` puts in place, with their modes: the
 * kernel hooks always (0755), and the boot units (0644) unless driverctl is
 * installed, whose own rule and unit then apply the persisted choices.
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

/** One file to install, named by its path on the target system. */
export interface HookFile {
  path: string;
  mode: number;
  content: string;
}

/** The hook scripts that rebuild the index when a kernel is installed or removed. */
export function kernelHookFiles(): HookFile[] {
  return [
    { path: KERNEL_INSTALL_PLUGIN, mode: 0o755, content: kernelInstallPlugin() },
    { path: DEBIAN_POSTINST_HOOK, mode: 0o755, content: debianPostinstHook() },
    { path: DEBIAN_POSTRM_HOOK, mode: 0o755, content: debianPostrmHook() },
  ];
}

/** The udev rule and unit that apply persisted choices at boot. */
export function bootUnitFiles(): HookFile[] {
  return [
    { path: UDEV_RULE, mode: 0o644, content: udevRule() },
    { path: BIND_UNIT, mode: 0o644, content: bindUnit() },
  ];
}

/** Every file install may put in place (what uninstall looks for). */
export function allHookFiles(): HookFile[] {
  return [...kernelHookFiles(), ...bootUnitFiles()];
}
