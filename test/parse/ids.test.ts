/** The PCI ID database (the real pci.ids in data/): vendor and device names by id, as lspci reads them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { parseIdDatabase } from "../../src/parse/ids.js";
import { DATA } from "../helpers/data.js";

const ids = parseIdDatabase(gunzipSync(readFileSync(join(DATA, "pci.ids.gz"))).toString("latin1"));

it("names vendors and devices, whatever the case of the ids", () => {
  expect(ids.vendor("8086")).toBe("Intel Corporation");
  expect(ids.device("8086", "15bb")).toBe("Ethernet Connection (7) I219-LM");
  expect(ids.vendor("1AF4")).toBe("Red Hat, Inc.");
  expect(ids.device("1af4", "1041")).toBe("Virtio 1.0 network device");
});

it("knows nothing of ids it does not list, nor of the class section after the vendors", () => {
  expect(ids.vendor("0002")).toBeNull();
  expect(ids.device("8086", "fffe")).toBeNull();
  expect(ids.vendor("C 02")).toBeNull();
});

it("skips subsystem lines and damaged lines rather than failing", () => {
  const small = parseIdDatabase("10de  NVIDIA Corporation\n\t2204  GA102\n\t\t1458 403b  RTX 3090\n\tzz  bad\n");
  expect(small.device("10de", "2204")).toBe("GA102");
  expect(small.device("1458", "403b")).toBeNull();
});
