/**
 * Names read from sysfs, an index or the configuration are checked before
 * they are written or printed: a driver name with an escape sequence is not
 * written to driver_override; an index whose module name holds a newline is
 * refused as corrupted (its CRC protects against accidents, not tampering),
 * so no answer is ever printed across two lines.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { encodeIndex } from "../../src/index/format.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { modaliasInProcess } from "../helpers/cli.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";
import { VFIO_ALIASES } from "../helpers/vfio-table.js";

const ESCAPE = "\u001b[31mevil";
const KEY = "vfio_pci:v00008086d00001533sv00008086sd00000000bc02sc00i00";

let t: Scenario;
afterEach(() => t.fake.cleanup());

it("never writes a driver name with control characters read from sysfs", async () => {
  t = await scenario([UNBOUND_NIC], { loaded: { vfio_pci: ESCAPE } });

  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("06:00.0"));

  expect(report.outcome).toBe("failed");
  expect(report.error?.reason).toBe('invalid driver name "\\u001b[31mevil"');
  expect(t.kernel.log).toEqual([]);
});

describe("an index that names no module", () => {
  beforeEach(async () => (t = await scenario([UNBOUND_NIC])));

  it("refuses an index whose module name holds a newline, for match and vfio", async () => {
    const { index } = compileAliasText(VFIO_ALIASES);
    const file = join(t.fake.base, "tampered.index");
    writeFileSync(
      file,
      encodeIndex({ aliases: { ...index, modules: index.modules.map((m) => `${m}\ninjected`) }, builtin: null }),
    );

    const match = await modaliasInProcess(["match", "--index", file, KEY]);
    expect(match).toEqual({
      status: 2,
      stdout: "",
      stderr: `modalias: ${file}: corrupted: module table is malformed\n`,
    });
    const vfio = await modaliasInProcess(["vfio", "--index", file, "--sysfs-root", t.fake.sys, "06:00.0"]);
    expect(vfio.stdout).toBe("");
    expect(vfio.status).toBe(2);
  });
});

it("leaves out a built-in alias whose module is no module name", () => {
  const compiled = compileBuiltinText(`vfio_pci.alias=vfio_pci:*\0${ESCAPE}.alias=vfio_pci:*\0`);
  expect(compiled.index.modules).toEqual(["vfio_pci"]);
  expect(compiled.problems).toEqual([{ line: 2, reason: 'invalid module name "\\u001b[31mevil"' }]);
});
