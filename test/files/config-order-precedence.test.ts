/**
 * A base name already listed hides every later file of that name: the first
 * configured path that has it wins, and a single file hides a later
 * directory's entry as a directory's entry hides a later single file.
 */
import { expect, it } from "vitest";
import { orderConfigFiles } from "../../src/files/config-files.js";

const file = (name: string) => ({ name, isDirectory: false });

it("keeps the first file of each base name", () => {
  const listing = orderConfigFiles([
    { kind: "directory", path: "/etc/modprobe.d", entries: [file("x.conf"), file("b.conf")] },
    { kind: "file", path: "/tmp/one/y.conf" },
    { kind: "directory", path: "/lib/modprobe.d", entries: [file("x.conf"), file("y.conf"), file("a.conf")] },
    { kind: "file", path: "/tmp/two/b.conf" },
  ]);
  expect(listing.files).toEqual([
    "/lib/modprobe.d/a.conf",
    "/etc/modprobe.d/b.conf",
    "/etc/modprobe.d/x.conf",
    "/tmp/one/y.conf",
  ]);
  expect(listing.problems).toEqual([]);
});
