/** Domains wider than four hex digits (VMD) are accepted. */
import { expect, it } from "vitest";
import { parsePciAddress } from "../../src/platform/sysfs.js";

it("accepts 10000:00:02.0 as is", () => {
  expect(parsePciAddress("10000:00:02.0")).toBe("10000:00:02.0");
});

it("prints the domain as the kernel does (%04x)", () => {
  expect(parsePciAddress("0001D:E0:00.0")).toBe("001d:e0:00.0");
});
