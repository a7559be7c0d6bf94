/**
 * Whether driverctl is installed under a root: its template unit is what
 * applies `/etc/driverctl.d` at boot, so its presence is what counts.
 */
import { access } from "node:fs/promises";
import { rooted } from "./rooted.js";

const DRIVERCTL_UNITS = [
  "/usr/lib/systemd/system/driverctl@.service",
  "/lib/systemd/system/driverctl@.service",
  "/etc/systemd/system/driverctl@.service",
];

/** The path (under `root`) of driverctl's unit, or null when driverctl is not installed. */
export async function driverctlUnit(root: string): Promise<string | null> {
  for (const unit of DRIVERCTL_UNITS) {
    const path = rooted(root, unit);
    if (await access(path).then(() => true, () => false)) return path;
  }
  return null;
}
