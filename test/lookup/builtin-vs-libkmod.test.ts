/**
 * Built-in aliases in kmod's chain, on a real kernel: for keys made from
 * every built-in alias of Debian 6.12, `all` equals what the system's
 * libkmod lists over the same tree (modules.alias first; the built-in
 * aliases only when it has no match), repeats removed. Both outcomes occur:
 * a module's alias shadows a built-in one (crypto-sha256 goes to the
 * sha256_ssse3 module, not the built-in sha256_generic), and built-in
 * drivers answer keys no module claims (fs-fuse, char-major-4-64). A key
 * that is itself a module's name is answered by kmod's module-name lookup
 * before any alias (out of this engine's scope); those are left out.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { parseBuiltinModinfo } from "../../src/parse/aliases.js";
import { debianAliases, debianBuiltinModinfo } from "../helpers/data.js";
import { openDebianKmod } from "../helpers/debian-kmod.js";

const opened = await openDebianKmod();
const { kmod } = opened;
afterAll(() => opened.close());

const modinfo = debianBuiltinModinfo();
const lookup = new AliasLookup({
  aliases: compileAliasText(debianAliases()).index,
  builtin: compileBuiltinText(modinfo).index,
});
/** A key per built-in alias: the pattern with each wildcard filled in. */
const keys = parseBuiltinModinfo(modinfo.toString("latin1")).aliases.map((a) =>
  a.pattern.replaceAll("*", "64").replaceAll("?", "1"),
);

describe.skipIf(typeof kmod === "string")("built-in aliases vs libkmod on the Debian 6.12 tree", () => {
  it("lists the same modules in the same order for every built-in alias", () => {
    if (typeof kmod === "string") return;
    const origins = new Set<string>();
    let names = 0;
    for (const key of keys) {
      const theirs = kmod.lookup(key);
      expect(typeof theirs, key).not.toBe("number");
      if (!key.includes(":") && (theirs as string[]).join() === key.replaceAll("-", "_")) {
        names++;
        continue;
      }
      const ours = lookup.all(key);
      expect(
        ours.map((m) => m.module),
        key,
      ).toEqual([...new Set(theirs as string[])]);
      for (const m of ours) origins.add(m.origin);
    }
    expect([...origins].sort()).toEqual(["builtin", "modules.alias"]);
    expect(names).toBeLessThan(20);
  });

  it("lets a module's alias shadow a built-in one, and built-in drivers answer the rest", () => {
    expect(lookup.best("crypto-sha256").best).toMatchObject({ module: "sha256_ssse3", origin: "modules.alias" });
    expect(lookup.explain("crypto-sha256").map((m) => [m.module, m.origin])).toContainEqual([
      "sha256_generic",
      "builtin",
    ]);
    expect(lookup.best("fs-fuse").best).toMatchObject({ module: "fuse", origin: "builtin", pattern: "fs-fuse" });
    expect(lookup.best("char-major-4-64").best).toMatchObject({
      module: "8250",
      origin: "builtin",
      pattern: "char-major-4-*",
    });
  });
});
