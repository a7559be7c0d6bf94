/**
 * The module tree's name lists (parse/module-names.ts): the Debian 6.12 tree's files read
 * whole and clean, names as kmod spells them; a line that names no module is reported with its
 * line number and left out.
 */
import { expect, it } from "vitest";
import { parseModulesBuiltin, parseModulesDep, parseModulesSymbols } from "../../src/parse/module-names.js";
import { debianNames } from "../helpers/data.js";

it("reads the Debian tree's modules.dep, modules.symbols and modules.builtin without a problem", () => {
  const dep = parseModulesDep(debianNames("modules.dep").toString("latin1"));
  const symbols = parseModulesSymbols(debianNames("modules.symbols").toString("latin1"));
  const builtin = parseModulesBuiltin(debianNames("modules.builtin").toString("latin1"));
  expect([dep.names.length, symbols.names.length, builtin.names.length]).toEqual([4229, 15499, 191]);
  expect([...dep.problems, ...symbols.problems, ...builtin.problems]).toEqual([]);
  expect(dep.names.find((name) => name.key === "intel_uncore")).toEqual({
    line: 2,
    key: "intel_uncore",
    module: "intel_uncore",
  });
  expect(builtin.names.find((name) => name.key === "crc64_rocksoft")?.module).toBe("crc64_rocksoft");
  expect(symbols.names[0]).toEqual({
    line: 2,
    key: "symbol:drm_dp_link_train_channel_eq_delay",
    module: "drm_display_helper",
  });
});

it("reports lines that name no module, and keys that are not symbols, with their line", () => {
  const dep = parseModulesDep("kernel/a.ko: kernel/b.ko\nno colon here\nkernel/bad name!.ko:\n\nkernel/c-d.ko.zst:\n");
  expect(dep.names.map((name) => [name.line, name.key])).toEqual([
    [1, "a"],
    [5, "c_d"],
  ]);
  expect(dep.problems.map((problem) => problem.line)).toEqual([2, 3]);
  const symbols = parseModulesSymbols("alias symbol:ok m\nalias pci:* m\nalias symbol:a* m\nsymbol:x m\n");
  expect(symbols.names.map((name) => name.key)).toEqual(["symbol:ok"]);
  expect(symbols.problems).toEqual([
    { line: 2, reason: 'not a symbol key "pci:*"' },
    { line: 3, reason: 'not a symbol key "symbol:a*"' },
    { line: 4, reason: 'not an alias line (expected "alias PATTERN MODULE")' },
  ]);
});
