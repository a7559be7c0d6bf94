/**
 * kmod's whole chain on the Debian 6.12 tree: for every module name of modules.dep, every
 * `symbol:` key of modules.symbols and every built-in module name of modules.builtin (each also
 * spelt with `-` for `_`), `all` equals what libkmod's lookup (modprobe -R) returns, with the
 * index read back from its file as the command line reads it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compileAliasText, compileBuiltinText, compileNamesText } from "../../src/index/build.js";
import { encodeIndex, openIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { debianAliases, debianBuiltinModinfo, debianNames } from "../helpers/data.js";
import { openDebianKmod } from "../helpers/debian-kmod.js";

const opened = await openDebianKmod();
const { kmod } = opened;
afterAll(() => opened.close());

const compiled = {
  aliases: compileAliasText(debianAliases()).index,
  builtin: compileBuiltinText(debianBuiltinModinfo()).index,
  names: {
    module: compileNamesText("module", debianNames("modules.dep")).list,
    symbol: compileNamesText("symbol", debianNames("modules.symbols")).list,
    "builtin-module": compileNamesText("builtin-module", debianNames("modules.builtin")).list,
  },
};
const lookup = new AliasLookup(openIndex(encodeIndex(compiled)));

const keysOf = (list: typeof compiled.names.module): string[] => list.names.map((name) => name.key);

describe.skipIf(typeof kmod === "string")("the whole chain vs libkmod on the Debian 6.12 tree", () => {
  const cases: [string, string[], number][] = [
    ["module names (modules.dep)", keysOf(compiled.names.module), 4229],
    ["symbol: keys (modules.symbols)", keysOf(compiled.names.symbol), 15499],
    ["built-in module names (modules.builtin)", keysOf(compiled.names["builtin-module"]), 191],
  ];
  for (const [what, keys, count] of cases) {
    it(`agrees on all ${count} ${what}, and on their spellings with "-"`, () => {
      if (typeof kmod === "string") return;
      expect(keys).toHaveLength(count);
      const dashed = keys.filter((key) => key.includes("_")).map((key) => key.replaceAll("_", "-"));
      for (const key of [...keys, ...dashed]) {
        const theirs = kmod.lookup(key);
        expect(
          lookup.all(key).map((m) => m.module),
          key,
        ).toEqual(typeof theirs === "number" ? [] : [...new Set(theirs)]);
      }
    }, 120_000);
  }

  it("answers the issue's cases as kmod does, each with its origin", () => {
    const answers: [string, string, string][] = [
      ["aegis128", "aegis128", "module"],
      ["nhpoly1305", "nhpoly1305", "module"],
      ["crc64-rocksoft", "crc64_rocksoft", "builtin-module"],
      ["symbol:ext4_bread", "", ""],
      ["symbol:drm_need_swiotlb", "drm", "symbol"],
      ["crypto-crc64-rocksoft", "crc64_rocksoft_generic", "builtin"],
    ];
    for (const [key, module, origin] of answers) {
      const [first, ...rest] = lookup.all(key);
      expect([first?.module ?? "", first?.origin ?? "", rest], key).toEqual([module, origin, []]);
      if (typeof kmod !== "string") expect(kmod.lookup(key), key).toEqual(module === "" ? [] : [module]);
    }
  });
});
