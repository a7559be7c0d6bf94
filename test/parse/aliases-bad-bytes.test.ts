/**
 * NUL bytes, invalid UTF-8 and CRLF line endings in an alias file are
 * reported per line (`FILE:LINE: reason` with --strict, a summary without),
 * the other lines are all kept, and nothing is decoded into something else.
 */
import { writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";

const text = Buffer.concat([
  Buffer.from("alias pci:v00008086d*sv*sd*bc*sc*i* intel\n", "latin1"),
  Buffer.from("alias pci:v0000\0ABCd*sv*sd*bc*sc*i* nul\n", "latin1"),
  Buffer.from([...Buffer.from("alias usb:v\xC3\x28*  x\n", "latin1")].slice(0, 14)),
  Buffer.from("* bad_utf8\n", "latin1"),
  Buffer.from("alias acpi*:PNP0C0A:* crlf\r\n", "latin1"),
  Buffer.from("alias of:N*T*Cfsl,imx6q-uart* imx_uart\n", "latin1"),
]);
const tmp = scratch();
afterAll(() => tmp.remove());

it("reports each bad line with its number and reason, keeping the good ones", () => {
  const compiled = compileAliasText(text);
  expect(compiled.problems).toEqual([
    { line: 2, reason: "NUL byte at column 16" },
    { line: 3, reason: "non-ASCII byte 0xC3 at column 12" },
    { line: 4, reason: "CRLF line ending" },
  ]);
  expect(compiled.index.modules).toEqual(["intel", "imx_uart"]);
  expect(Array.from(compiled.index.entries.line)).toEqual([1, 5]);
});

it("prints FILE:LINE: reason for each with --strict and fails; warns and answers without", () => {
  const file = tmp.path("modules.alias");
  writeFileSync(file, text);
  const strict = modalias(["match", "--strict", "--alias-file", file, "of:NnTCfsl,imx6q-uart"]);
  expect(strict.status).toBe(2);
  expect(strict.stdout).toBe("");
  expect(strict.stderr).toBe(
    `${file}:2: NUL byte at column 16\n${file}:3: non-ASCII byte 0xC3 at column 12\n${file}:4: CRLF line ending\nmodalias: ${file}: 3 malformed lines (--strict)\n`,
  );
  const lenient = modalias(["match", "--alias-file", file, "of:NnTCfsl,imx6q-uart"]);
  expect(lenient.status).toBe(0);
  expect(lenient.stdout).toBe("imx_uart\n");
  expect(lenient.stderr).toContain(
    `modalias: warning: ${file}: skipped 3 malformed lines:\n  ${file}:2: NUL byte at column 16\n`,
  );
});
