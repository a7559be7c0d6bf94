/** BB:DD.F is shorthand for domain 0000, and addresses come out lowercase. */
import { expect, it } from "vitest";
import { parsePciAddress } from "../../src/platform/sysfs.js";

it("expands 01:00.0 to 0000:01:00.0", () => {
  expect(parsePciAddress("01:00.0")).toBe("0000:01:00.0");
});

it("lowercases hex digits", () => {
  expect(parsePciAddress("0000:3B:1F.7")).toBe("0000:3b:1f.7");
});
