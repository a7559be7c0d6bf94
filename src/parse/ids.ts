/**
 * The PCI and USB ID databases (pci.ids, usb.ids, as lspci and lsusb read them): vendor and
 * device names by their 16-bit ids.
 *
 * The format: `#` comments and blank lines; a vendor line `VVVV  Name` (4 lowercase hex
 * digits, two spaces); below it, device lines `<tab>DDDD  Name` and subsystem lines with two
 * tabs (not needed for a device's name, skipped). The vendor list ends at the first line of
 * another section (`C 02  Network controller` in pci.ids, `C`, `AT`, `HID`, ... in usb.ids).
 * A line that fits none of these is skipped: a damaged database costs names, never an error.
 */

/** Names by id; ids are 4 lowercase hex digits. */
export interface IdDatabase {
  vendor(vendor: string): string | null;
  device(vendor: string, device: string): string | null;
}

const VENDOR = /^([0-9a-f]{4}) {2}(.+)$/;
const DEVICE = /^\t([0-9a-f]{4}) {2}(.+)$/;

/** The database in `text` (the file's contents). */
export function parseIdDatabase(text: string): IdDatabase {
  const vendors = new Map<string, { name: string; devices: Map<string, string> }>();
  let current: { name: string; devices: Map<string, string> } | null = null;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#") || line.startsWith("\t\t")) continue;
    const device = DEVICE.exec(line);
    if (device !== null) {
      current?.devices.set(device[1] as string, (device[2] as string).trimEnd());
      continue;
    }
    const vendor = VENDOR.exec(line);
    if (vendor === null) {
      if (!line.startsWith("\t")) break;
      continue;
    }
    current = { name: (vendor[2] as string).trimEnd(), devices: new Map() };
    vendors.set(vendor[1] as string, current);
  }
  return {
    vendor: (id) => vendors.get(id.toLowerCase())?.name ?? null,
    device: (vendor, device) => vendors.get(vendor.toLowerCase())?.devices.get(device.toLowerCase()) ?? null,
  };
}
