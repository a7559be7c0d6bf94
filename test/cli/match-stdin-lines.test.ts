/**
 * What `match --stdin` makes of its lines: each answer names its key; blank
 * lines are skipped; a CRLF ending is a line ending; white space around a key
 * is kept (kmod matches it as it is) with a warning; bytes that are not UTF-8
 * come back losslessly in JSON; a directory as stdin is an error.
 */
import { spawnSync } from "node:child_process";
import { openSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import { MAIN, modalias } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";

const ALIASES = ["--alias-file", `${DATA}vfio-variants.modules.alias`];
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

it("names each line's key, skips blank lines and takes CRLF as a line ending", () => {
  const run = modalias(["match", ...ALIASES, "--stdin"], { input: `${MLX5}\r\n\n\r\nnothing:here\n\n` });
  expect(run).toMatchObject({ status: 1, stdout: `${MLX5} mlx5_vfio_pci\nnothing:here -\n`, stderr: "" });
});

it("matches a key with white space around it as kmod does, saying so unless -q", () => {
  const input = ` ${MLX5}\n${MLX5}\t\n`;
  const run = modalias(["match", ...ALIASES, "--stdin"], { input });
  expect(run.stdout).toBe(`" ${MLX5}" -\n"${MLX5}\\t" mlx5_vfio_pci\n`);
  expect(run.stderr).toBe(
    `modalias: " ${MLX5}": warning: leading or trailing white space is part of the key, as in kmod\n` +
      `modalias: "${MLX5}\\t": warning: leading or trailing white space is part of the key, as in kmod\n`,
  );
  expect(modalias(["match", ...ALIASES, "--stdin", "-q"], { input }).stderr).toBe("");
});

/** The bytes a key's JSON text stands for (answers.ts: U+DC80+byte for a byte that is not UTF-8). */
function keyBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const c of text) {
    const unit = c.charCodeAt(0);
    parts.push(unit >= 0xdc80 && unit <= 0xdcff ? Buffer.of(unit - 0xdc00) : Buffer.from(c, "utf8"));
  }
  return Buffer.concat(parts);
}

it("echoes a key's bytes losslessly in JSON, UTF-8 as text and other bytes as \\udcXX", () => {
  const keys = [
    Buffer.from("pci:\xff\xfe", "latin1"),
    Buffer.from("usb:é€😀", "utf8"),
    Buffer.from("of:\xc3(\xe2\x82\xf0\x9f\x98", "latin1"),
    Buffer.from("x:\xed\xa0\x80\xc0\xaf", "latin1"),
  ];
  const input = Buffer.concat(keys.flatMap((k) => [k, Buffer.from("\n")]));
  const run = modalias(["match", ...ALIASES, "--stdin", "--json"], { input });
  const echoed = run.stdout
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { modalias: string }).modalias);
  expect(echoed.map(keyBytes)).toEqual(keys);
  expect(echoed[0]).toBe("pci:\udcff\udcfe");
  expect(echoed[1]).toBe("usb:é€😀");
  expect(run.stdout).toContain('"modalias":"pci:\\udcff\\udcfe"');
});

it("refuses a directory as standard input", () => {
  const dir = openSync(tmpdir(), "r");
  const run = spawnSync(process.execPath, [MAIN, "match", ...ALIASES, "--stdin"], {
    stdio: [dir, "pipe", "pipe"],
    encoding: "utf8",
  });
  expect(run).toMatchObject({ status: 2, stdout: "", stderr: "modalias: standard input: is a directory\n" });
});
