/**
 * Finding and reading the PCI and USB ID databases where distributions install them, or the
 * file the user names. An installed database that is missing or unreadable gives no names,
 * never an error: names are a convenience (as in lspci, which prints ids without them); a file
 * the user names must be readable.
 */
import { type IdDatabase, parseIdDatabase } from "../parse/ids.js";
import { readBounded, TEXT_LIMIT } from "./fs.js";

/** Where pci.ids is installed (Debian's pci.ids package, hwdata). */
export const PCI_IDS_PATHS = ["/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids"] as const;
/** Where usb.ids is installed (Debian's usb.ids package, hwdata, usbutils). */
export const USB_IDS_PATHS = [
  "/usr/share/misc/usb.ids",
  "/usr/share/hwdata/usb.ids",
  "/var/lib/usbutils/usb.ids",
] as const;

/** The database in the file the user names; a FileError naming it when it cannot be read. */
export async function readIdFile(path: string): Promise<IdDatabase> {
  return parseIdDatabase((await readBounded(path, TEXT_LIMIT)).bytes.toString("utf8"));
}

/** The first installed database of `paths` that can be read (a regular file within the text limit); null when none can. */
export async function findIdDatabase(paths: readonly string[]): Promise<IdDatabase | null> {
  for (const path of paths) {
    try {
      return await readIdFile(path);
    } catch {
      // missing, not a regular file, too large or unreadable: no names from this one
    }
  }
  return null;
}
