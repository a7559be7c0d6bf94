/**
 * The vfio variant drivers win over the catch-all vfio_pci for their own
 * devices, and only for them; the catch-all serves every other device.
 */
import { describe, expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { combinedAliases, pciModalias } from "../helpers/data.js";

const lookup = new AliasLookup(compileAliasText(combinedAliases()).index);
const NET: [number, number, number] = [0x02, 0x00, 0x00];

const variants: [string, number, number][] = [
  ["mlx5_vfio_pci", 0x15b3, 0x101e],
  ["pds_vfio_pci", 0x1dd8, 0x1003],
  ["qat_vfio_pci", 0x8086, 0x4941],
  ["qat_vfio_pci", 0x8086, 0x4943],
  ["qat_vfio_pci", 0x8086, 0x4945],
  ["hisi_acc_vfio_pci", 0x19e5, 0xa251],
  ["hisi_acc_vfio_pci", 0x19e5, 0xa256],
  ["hisi_acc_vfio_pci", 0x19e5, 0xa259],
  ["virtio_vfio_pci", 0x1af4, 0x1041],
  ["nvgrace_gpu_vfio_pci", 0x10de, 0x2342],
  ["nvgrace_gpu_vfio_pci", 0x10de, 0x2345],
];

describe("vfio variant drivers", () => {
  for (const [module, vendor, device] of variants) {
    it(`${module} wins for ${vendor.toString(16)}:${device.toString(16)}, with vfio_pci among all matches`, () => {
      const key = pciModalias("vfio_pci:", vendor, device, vendor, 1, NET);
      const answer = lookup.best(key);
      expect(answer.best?.module).toBe(module);
      expect(answer.best?.stars).toBe(5);
      expect(answer.ambiguous).toBe(false);
      expect(
        lookup
          .all(key)
          .map((m) => m.module)
          .sort(),
      ).toEqual([module, "vfio_pci"].sort());
    });
  }

  it("vfio_pci (7 stars) serves a device no variant claims, such as 15B3:1017", () => {
    const answer = lookup.best(pciModalias("vfio_pci:", 0x15b3, 0x1017, 0x15b3, 1, NET));
    expect(answer.best).toMatchObject({ module: "vfio_pci", pattern: "vfio_pci:v*d*sv*sd*bc*sc*i*", stars: 7 });
  });

  it("the plain pci: modalias of the same device is the host driver's", () => {
    expect(lookup.best(pciModalias("pci:", 0x15b3, 0x101e, 0x15b3, 1, NET)).best?.module).toBe("mlx5_core");
  });
});
