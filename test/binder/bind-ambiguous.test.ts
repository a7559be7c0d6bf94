/** When two modules' aliases tie, the earlier line wins and a warning says so. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevices } from "../../src/binder/together.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario } from "../helpers/scenario.js";
import { tableChooser, VFIO_ALIASES } from "../helpers/vfio-table.js";

const TIED = `${VFIO_ALIASES}alias vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* other_vfio_pci\n`;

let t: Scenario;
beforeEach(async () => (t = await scenario([{ address: "0000:3b:00.1", vendor: "15b3", device: "101e", group: 30 }])));
afterEach(() => t.fake.cleanup());

it("binds mlx5_vfio_pci (line 11) and warns about other_vfio_pci (line 14)", async () => {
  const [report] = await bindDevices(t.ctx, tableChooser(TIED), [parsePciAddress("3b:00.1")], { dryRun: true });

  expect(report?.target?.module).toBe("mlx5_vfio_pci");
  expect(report?.warnings).toContain(
    "vfio aliases of mlx5_vfio_pci (line 11) and other_vfio_pci (line 14) are equally specific; using the earlier line",
  );
});
