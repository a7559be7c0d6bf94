/**
 * A file of a million alias lines compiles, keeps every line, and answers
 * lookups correctly from the first line to the last.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, "0");
const LINES = 1_000_000;

/** Line n (1-based): a pci, usb or free-form alias of module `m${n % 5000}`. */
function line(n: number): string {
  const module = `m${n % 5000}`;
  switch (n % 3) {
    case 0:
      return `alias pci:v${hex(n >>> 16, 8)}d${hex(n & 0xffff, 8)}sv*sd*bc*sc*i* ${module}`;
    case 1:
      return `alias usb:v${hex(n >>> 16, 4)}p${hex(n & 0xffff, 4)}d*dc*dsc*dp*ic*isc*ip*in* ${module}`;
    default:
      return `alias of:N*T*Cvendor,dev${n}* ${module}`;
  }
}

function key(n: number): string {
  switch (n % 3) {
    case 0:
      return `pci:v${hex(n >>> 16, 8)}d${hex(n & 0xffff, 8)}sv00000000sd00000000bc02sc00i00`;
    case 1:
      return `usb:v${hex(n >>> 16, 4)}p${hex(n & 0xffff, 4)}d0100dc00dsc00dp00ic08isc06ip50in00`;
    default:
      return `of:NnodeTCvendor,dev${n}`;
  }
}

it("compiles a million lines and answers for lines across the whole file", () => {
  const lines: string[] = [];
  for (let n = 1; n <= LINES; n++) lines.push(line(n));
  const compiled = compileAliasText(Buffer.from(`${lines.join("\n")}\n`, "latin1"));
  expect(compiled.problems).toEqual([]);
  expect(compiled.index.entries.line.length).toBe(LINES);
  const lookup = new AliasLookup(decodeIndex(encodeIndex({ aliases: compiled.index, builtin: null })));
  for (const n of [1, 2, 3, 4, 5, 6, 65_535, 65_536, 777_777, 999_997, LINES - 2, LINES - 1, LINES]) {
    const answer = lookup.best(key(n));
    expect(answer.best && { module: answer.best.module, line: answer.best.line }, key(n)).toEqual({
      module: `m${n % 5000}`,
      line: n,
    });
  }
  expect(lookup.best(key(LINES + 3)).best).toBeNull();
}, 300_000);
