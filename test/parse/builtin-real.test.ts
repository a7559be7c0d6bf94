/**
 * The built-in drivers' aliases of a real kernel (Debian 6.12's
 * modules.builtin.modinfo): every `MODULE.alias=` record becomes an alias of
 * MODULE, numbered by record; the other records are skipped.
 */
import { expect, it } from "vitest";
import { parseBuiltinModinfo } from "../../src/parse/aliases.js";
import { debianBuiltinModinfo } from "../helpers/data.js";

const text = debianBuiltinModinfo().toString("latin1");
const parsed = parseBuiltinModinfo(text);

it("finds every alias record and nothing else", () => {
  const records = text.split("\0").filter((r) => r !== "");
  const aliasRecords = records.filter((r) => /^[^.]+\.alias=/.test(r));
  expect(aliasRecords.length).toBe(150);
  expect(parsed.problems).toEqual([]);
  expect(parsed.lines).toBe(records.length);
  expect(parsed.aliases.map((a) => `${a.module}.alias=${a.pattern}`)).toEqual(aliasRecords);
});

it("numbers each alias by its record", () => {
  const records = text.split("\0").filter((r) => r !== "");
  for (const alias of parsed.aliases) expect(records[alias.line - 1]).toBe(`${alias.module}.alias=${alias.pattern}`);
});

it("keeps the fuse file system's aliases under fuse, wildcards under their modules", () => {
  const of = (module: string): string[] => parsed.aliases.filter((a) => a.module === module).map((a) => a.pattern);
  expect(of("fuse")).toEqual(expect.arrayContaining(["fs-fuse", "char-major-10-229", "devname:fuse"]));
  expect(of("8250")).toContain("char-major-4-*");
  expect(parsed.aliases.find((a) => a.pattern === "fs-fuse")?.normalized).toBe("fs_fuse");
});
