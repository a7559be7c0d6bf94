/** Anything that is not a PCI address is rejected before it can reach a path. */
import { expect, it } from "vitest";
import { AddressError, parsePciAddress } from "../../src/platform/sysfs.js";

it.each([
  "../../etc",
  "/etc/x",
  "",
  "0000:00:1f.8",
  "zz:00.0",
  "0000:00:20.0",
  "0000:00:1f.0/../..",
  " 00:1f.0",
  "000:00:1f.0",
  "123456789:00:00.0",
])("rejects %j", (input) => {
  expect(() => parsePciAddress(input)).toThrow(AddressError);
});

it("says what is wrong", () => {
  expect(() => parsePciAddress("0000:00:1f.8")).toThrow("function number 8 is out of range (0-7)");
  expect(() => parsePciAddress("../../etc")).toThrow("not a PCI address");
});
