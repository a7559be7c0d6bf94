/**
 * Every kind of malformed line is reported with its line number and reason,
 * and left out, while the good lines around it are kept.
 */
import { describe, expect, it } from "vitest";
import { parseAliases } from "../../src/parse/aliases.js";

const cases: [string, string, RegExp][] = [
  ["wrong field count", "alias pci:v*d* e1000 extra", /found 4 fields/],
  ["missing module", "alias pci:v*d*", /found 2 fields/],
  ["not an alias line", "options e1000 debug=1", /not an alias line/],
  ["tab", "alias\tpci:v*d* e1000", /tab at column 6/],
  ["extra spaces", "alias  pci:v*d* e1000", /empty pattern|extra spaces/],
  ["trailing space", "alias pci:v*d* e1000 ", /extra spaces/],
  ["empty pattern", "alias  e1000", /empty pattern/],
  ["CRLF", "alias pci:v*d* e1000\r", /CRLF/],
  ["non-ASCII", "alias pci:v*d*\u00e9 e1000", /non-ASCII byte 0xE9 at column 15/],
  ["NUL", "alias pci:v*\u0000d* e1000", /NUL byte at column 13/],
  ["control character", "alias pci:v*\u0007d* e1000", /control character 0x07/],
  ["unmatched [", "alias usb:v1234p[12 usbfoo", /unmatched bracket/],
  ["stray ]", "alias usb:v1234p12] usbfoo", /unmatched bracket/],
  ["bad module name", "alias pci:v*d* e1000/x", /invalid module name/],
];

describe("malformed alias lines", () => {
  for (const [name, line, reason] of cases) {
    it(`reports ${name} with its line number and keeps the other lines`, () => {
      const text = `# comment\nalias pci:v00008086d*sv*sd*bc*sc*i* e1000\n${line}\nalias acpi*:PNP0C0A:* battery\n`;
      const parsed = parseAliases(text);
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]!.line).toBe(3);
      expect(parsed.problems[0]!.reason).toMatch(reason);
      expect(parsed.aliases.map((a) => [a.line, a.module])).toEqual([
        [2, "e1000"],
        [4, "battery"],
      ]);
    });
  }
});
