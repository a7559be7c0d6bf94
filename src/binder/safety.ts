/**
 * Deciding whether a device may be taken from its current driver. Pure.
 *
 * A device held by a host driver, or one whose network interface carries
 * routes or whose disk is mounted, is refused unless forced. A device held by
 * a vfio driver, by pci-stub, or by nothing may be taken.
 */
import type { DriverKind } from "./driver-kind.js";

/** The reasons to refuse taking the device; empty when it may be taken. */
export function takeoverRefusals(driver: string | null, kind: DriverKind, hostUse: readonly string[]): string[] {
  return [...(kind === "host" && driver !== null ? [`bound to host driver ${driver}`] : []), ...hostUse];
}

/** The sentence for a refusal, ending with how to override it. */
export function refusalReason(reasons: readonly string[]): string {
  return `${reasons.join("; ")} (use --force to take it anyway)`;
}
