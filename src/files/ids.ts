/**
 * Finding and reading the PCI and USB ID databases where distributions install them, or the
 * file the user names. A database that is missing or unreadable gives no names, never an
 * error: names are a convenience (as in lspci, which prints ids without them).
 */
import { readFile, stat } from "node:fs/promises";
import { type IdDatabase, parseIdDatabase } from "../parse/ids.js";

/** Where pci.ids is installed (Debian's pci.ids package, hwdata). */
export const PCI_IDS_PATHS = ["/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids"] as const;
/** Where usb.ids is installed (Debian's usb.ids package, hwdata, usbutils). */
export const USB_IDS_PATHS = [
  "/usr/share/misc/usb.ids",
  "/usr/share/hwdata/usb.ids",
  "/var/lib/usbutils/usb.ids",
] as const;

/** Far above any real database (pci.ids is about 1.4 MB): a larger file is not one. */
const SIZE_LIMIT = 64 << 20;

/** The first of `paths` that is a regular file of a sane size and can be read, parsed; null when none is. */
export async function readIdDatabase(paths: readonly string[]): Promise<IdDatabase | null> {
  for (const path of paths) {
    const text = await readSmallFile(path);
    if (text !== null) return parseIdDatabase(text);
  }
  return null;
}

/** The file's text, or null when it is missing, not a regular file (a FIFO would block), too large or unreadable. */
async function readSmallFile(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > SIZE_LIMIT) return null;
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}
