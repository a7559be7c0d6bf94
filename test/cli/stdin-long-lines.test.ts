/**
 * `modalias match --stdin` with lines of megabytes arriving in small chunks:
 * each is answered as the same line given whole (keys cut at 4095 bytes as
 * kmod cuts them, a bracket group that starts before the cut kept whole, a
 * NUL anywhere refused), in order, however the input is chunked.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { expect, it } from "vitest";
import { runModalias } from "../../src/cli/program.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const aliasFile = join(mkdtempSync(join(tmpdir(), "modalias-")), "modules.alias");
writeFileSync(aliasFile, SMALL_ALIASES);

const MB = 1 << 20;
const LINES = [
  `pci:v00008086d00001572sv00008086sd00000001bc02sc00i00${"X".repeat(3 * MB)}`,
  `of:NserialTCfsl,imx6q-uart${"x".repeat(4000)}[${"-".repeat(MB)}]tail`,
  `acpi:PNP0C0A:${"y".repeat(5000)}\0${"z".repeat(MB)}`,
  "usb:v13FDp3940d0100dc00dsc00dp00ic08isc06ip50in00",
  `${"q".repeat(2 * MB)}`,
];

/** Runs `match --stdin --json` over `input` delivered in chunks of `size` bytes. */
async function run(input: Buffer, size: number): Promise<{ status: number; stdout: string; stderr: string }> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
  let stdout = "";
  let stderr = "";
  const output = {
    stdout: (text: string) => {
      stdout += text;
      return true;
    },
    drained: async () => undefined,
    stderr: (text: string) => void (stderr += text),
    stdin: Readable.from(chunks),
  };
  const status = await runModalias(["match", "--alias-file", aliasFile, "--stdin", "--json"], output);
  return { status, stdout, stderr };
}

it("answers long lines split over thousands of chunks as the same lines given whole", async () => {
  const input = Buffer.from(`${LINES.join("\n")}\n`, "latin1");
  const whole = await run(input, input.length);
  const chunked = await run(input, 1000);
  expect(chunked).toEqual(whole);
  const answers = whole.stdout
    .split("\n")
    .slice(0, -1)
    .map((line) => JSON.parse(line) as { module?: string | null; error?: string });
  // Cut at 4095 bytes, the first two keys still match, and then do not fit kmod's name buffer with their module.
  expect(answers.map((a) => (a.error === undefined ? a.module : a.error.split(": ").at(-1)))).toEqual([
    "too long to look up with module i40e (kmod fails with ENAMETOOLONG)",
    "too long to look up with module imx_uart (kmod fails with ENAMETOOLONG)",
    "contains a NUL byte",
    "ums_realtek",
    null,
  ]);
  expect(whole.status).toBe(2);
});

it("answers a last line without a newline, split over chunks", async () => {
  const input = Buffer.from(LINES[0] as string, "latin1");
  const chunked = await run(input, 4096);
  expect(JSON.parse(chunked.stdout).error).toMatch(/module i40e \(kmod fails with ENAMETOOLONG\)$/);
});
