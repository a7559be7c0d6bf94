/**
 * Turning DEVICE arguments into addresses. All are checked before any device
 * is touched: one bad address is a usage error and nothing runs.
 */
import { AddressError, parsePciAddress, type PciAddress } from "../../binder/address.js";
import { EXIT_USAGE, type Output } from "./output.js";

/** The parsed addresses, or null after reporting every bad one (exit status 2). */
export function parseDevices(args: readonly string[], output: Output): PciAddress[] | null {
  const addresses: PciAddress[] = [];
  let bad = false;
  for (const arg of args) {
    try {
      const a = parsePciAddress(arg);
      if (!addresses.includes(a)) addresses.push(a);
    } catch (err) {
      if (!(err instanceof AddressError)) throw err;
      output.error(JSON.stringify(arg), err.message);
      bad = true;
    }
  }
  if (bad) {
    output.fail(EXIT_USAGE);
    return null;
  }
  return addresses;
}
