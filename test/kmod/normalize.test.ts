/** normalizeAlias follows kmod's alias_normalize. */
import { describe, expect, it } from "vitest";
import { normalizeAlias } from "../../src/kmod/normalize.js";

const valid = (value: string) => ({ ok: true, value });
const invalid = { ok: false, reason: "unmatched bracket" };

describe("normalizeAlias", () => {
  it.each([
    ["", ""],
    ["pci:v00008086d*sv*sd*bc*sc*i*", "pci:v00008086d*sv*sd*bc*sc*i*"],
    ["crypto-twofish-asm", "crypto_twofish_asm"],
    ["a-b_c", "a_b_c"],
    ["a[0-9]b-c", "a[0-9]b_c"],
    ["x[-_]y", "x[-_]y"],
    ["[!-]-", "[!-]_"],
    ["usb:v0D96p410Ad00[1-9]*dc*", "usb:v0D96p410Ad00[1-9]*dc*"],
    ["a[b\\]c-", "a[b\\]c_"],
    ["[[:alpha:]-", "[[:alpha:]_"],
    ["[a[b-c]-", "[a[b-c]_"],
    ["{a,b}-", "{a,b}_"],
    ["\\-", "\\_"],
    ["a\u00e9-\u00ff", "a\u00e9_\u00ff"],
  ])("normalizes %j to %j", (input, output) => {
    expect(normalizeAlias(input)).toEqual(valid(output));
  });

  it.each([
    ["]", "a stray ]"],
    ["a]", "a stray ] after text"],
    ["[]a]", "a ] right after [ (the first ] closes the group)"],
    ["[!]a]", "a negated group closed by its first ]"],
    ["[a]]", "a second ]"],
    ["a\\]", "an escaped ] (kmod knows no escapes)"],
    ["[", "an unclosed ["],
    ["a[b", "an unclosed [ after text"],
    ["a[b]c[d", "a later unclosed ["],
    ["[[:alpha:]]", "a class, whose :] closes the group"],
  ])("rejects %j (%s)", (input) => {
    expect(normalizeAlias(input)).toEqual(invalid);
  });

  it("stops at a NUL, as kmod reads a C string", () => {
    expect(normalizeAlias("a-b\0c-]")).toEqual(valid("a_b"));
  });

  describe("4095-character limit", () => {
    it("cuts longer input after 4095 characters", () => {
      expect(normalizeAlias("a".repeat(5000))).toEqual(valid("a".repeat(4095)));
      expect(normalizeAlias("-".repeat(4096))).toEqual(valid("_".repeat(4095)));
    });

    it("keeps input of exactly 4095 characters", () => {
      expect(normalizeAlias("b".repeat(4095))).toEqual(valid("b".repeat(4095)));
    });

    it("never sees a ] or an unclosed [ past the limit", () => {
      expect(normalizeAlias(`${"a".repeat(4095)}]`)).toEqual(valid("a".repeat(4095)));
      expect(normalizeAlias(`${"a".repeat(4095)}[x`)).toEqual(valid("a".repeat(4095)));
    });

    it("sees a ] at offset 4094", () => {
      expect(normalizeAlias(`${"a".repeat(4094)}]`)).toEqual(invalid);
    });

    it("copies a group that starts before the limit whole, past the limit", () => {
      const head = "a".repeat(4094);
      expect(normalizeAlias(`${head}[bc]de`)).toEqual(valid(`${head}[bc]`));
      expect(normalizeAlias(`${head}[${"-".repeat(10)}]x`)).toEqual(valid(`${head}[${"-".repeat(10)}]`));
    });

    it("still rejects such a group when it never closes", () => {
      expect(normalizeAlias(`${"a".repeat(4094)}[bc`)).toEqual(invalid);
    });

    it("stops right after a group that ends exactly at the limit", () => {
      expect(normalizeAlias(`${"a".repeat(4092)}[b]-c`)).toEqual(valid(`${"a".repeat(4092)}[b]`));
    });
  });
});
