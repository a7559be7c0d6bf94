/**
 * PCI addresses: parsing user input into the canonical form sysfs uses.
 *
 * Accepted: `DDDD:BB:DD.F` with a hex domain of 4 to 8 digits (VMD domains are
 * 10000 and up), or the `BB:DD.F` shorthand for domain 0000. Device is at most
 * 1f and function at most 7. The result is lowercase, with the domain printed
 * as the kernel prints it (`%04x`). Anything else is rejected, so a parsed
 * address is always safe to use as a single path component.
 */

/** A validated, canonical PCI address such as `0000:01:00.0`. */
export type PciAddress = string & { readonly __brand: "PciAddress" };

/** Raised for input that is not a PCI address. */
export class AddressError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(reason);
    this.name = "AddressError";
  }
}

const ADDRESS = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f])$/i;

/** Parses `input` into a canonical address, or throws an AddressError that says why not. */
export function parsePciAddress(input: string): PciAddress {
  const m = ADDRESS.exec(input);
  if (m === null) {
    throw new AddressError(input, "not a PCI address (expected DDDD:BB:DD.F or BB:DD.F, hex)");
  }
  const [, domain = "0000", bus = "", slot = "", fn = ""] = m;
  if (Number.parseInt(slot, 16) > 0x1f) {
    throw new AddressError(input, `device number ${slot} is out of range (00-1f)`);
  }
  if (Number.parseInt(fn, 16) > 7) {
    throw new AddressError(input, `function number ${fn} is out of range (0-7)`);
  }
  const dom = Number.parseInt(domain, 16).toString(16).padStart(4, "0");
  return `${dom}:${bus}:${slot}.${fn}`.toLowerCase() as PciAddress;
}

/** True when `name` is already a canonical PCI address (as sysfs lists them). */
export function isCanonicalPciAddress(name: string): name is PciAddress {
  try {
    return parsePciAddress(name) === name;
  } catch {
    return false;
  }
}
