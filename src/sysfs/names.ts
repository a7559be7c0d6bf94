/**
 * Validated names that may be joined onto a sysfs or procfs path.
 *
 * Every name read from the system (a symlink target's basename, a directory
 * entry) or received from the alias index passes through one of these checks
 * before it becomes a path component, so no `/`, `.` or `..` can slip through.
 */

/** A kernel driver name, e.g. `vfio-pci` or `mlx5_core`. */
export type DriverName = string & { readonly __brand: "DriverName" };
/** A kernel module name in depmod's spelling (`_`, never `-`), e.g. `vfio_pci`. */
export type ModuleName = string & { readonly __brand: "ModuleName" };
/** Any other single path component read from the system (interface, disk, group member). */
export type PathComponent = string & { readonly __brand: "PathComponent" };

/** Raised for a name that cannot be used as a path component. */
export class NameError extends Error {
  constructor(kind: string, value: string) {
    super(`invalid ${kind} name ${JSON.stringify(value)}`);
    this.name = "NameError";
  }
}

const MODULE = /^[A-Za-z0-9_-]+$/;

/** Checks a driver name: a single path component with no newline (driver_override stops at one). */
export function driverName(value: string): DriverName {
  if (!isComponent(value) || value.includes("\n")) throw new NameError("driver", value);
  return value as DriverName;
}

/** Checks a module name and returns it with `-` turned into `_`, as depmod and sysfs spell it. */
export function moduleName(value: string): ModuleName {
  if (!MODULE.test(value) || value.length > 255) throw new NameError("module", value);
  return value.replaceAll("-", "_") as ModuleName;
}

/** Checks a single path component: non-empty, no `/` or NUL, not `.` or `..`. */
export function pathComponent(value: string): PathComponent {
  if (!isComponent(value)) throw new NameError("path component", value);
  return value as PathComponent;
}

/** Checks an IOMMU group number (a decimal directory name). */
export function groupNumber(value: string): PathComponent {
  if (!/^[0-9]{1,10}$/.test(value)) throw new NameError("IOMMU group", value);
  return value as PathComponent;
}

function isComponent(value: string): boolean {
  return value !== "" && value !== "." && value !== ".." && !/[/\0]/.test(value) && value.length <= 255;
}
