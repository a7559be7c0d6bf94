/**
 * `all` equals what modprobe -R prints (the system's libkmod, in-process, over
 * the binary indexes depmod wrote for the same kernel) with duplicates
 * removed, in the same order, built-in aliases included; `best` is one of
 * those modules.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { debianAliases, debianBuiltinModinfo } from "../helpers/data.js";
import { openDebianKmod } from "../helpers/debian-kmod.js";
import { patternKeys, pciKeys } from "../helpers/keys.js";

const opened = await openDebianKmod();
const { kmod } = opened;
afterAll(() => opened.close());

describe.skipIf(typeof kmod === "string")("all matches vs libkmod on the Debian 6.12 tree", () => {
  it("agrees, in order, on 3,000 pci, usb, acpi, of, dmi and other keys", () => {
    if (typeof kmod === "string") return;
    const text = debianAliases();
    const lookup = new AliasLookup({
      aliases: compileAliasText(text).index,
      builtin: compileBuiltinText(debianBuiltinModinfo()).index,
    });
    const keys = [...pciKeys(1000, 11), ...patternKeys(text, 1000, 12)].filter((k) => k.includes(":"));
    let compared = 0;
    for (const key of keys) {
      const theirs = kmod.lookup(key);
      const ours = lookup.all(key).map((m) => m.module);
      if (typeof theirs === "number") continue;
      expect(ours, key).toEqual([...new Set(theirs)]);
      if (ours.length > 0) {
        expect(ours).toContain(lookup.best(key).best?.module);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1500);
  }, 180_000);
});
