/**
 * A small alias file with field, bracket and free-form lines, keys that
 * exercise each, and its compiled index bytes.
 */
import { compileAliasText } from "../../src/index/build.js";
import { encodeIndex } from "../../src/index/format.js";

export const SMALL_ALIASES = Buffer.from(
  [
    "# Aliases extracted from modules themselves.",
    "alias pci:v00008086d00001572sv*sd*bc*sc*i* i40e",
    "alias pci:v*d*sv*sd*bc01sc08i02* nvme",
    "alias vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci",
    "alias vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* mlx5_vfio_pci",
    "alias usb:v13FDp3940d0[0-2]*dc*dsc*dp*ic*isc*ip*in* ums_realtek",
    "alias acpi*:PNP0C0A:* battery",
    "alias of:N*T*Cfsl,imx6q-uart* imx_uart",
    "",
  ].join("\n"),
  "latin1",
);

/** Keys and the module each must give. */
export const SMALL_KEYS: readonly (readonly [string, string | null])[] = [
  ["pci:v00008086d00001572sv00008086sd00000001bc02sc00i00", "i40e"],
  ["pci:v0000144Dd0000A808sv0000144Dsd0000A801bc01sc08i02", "nvme"],
  ["vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00", "mlx5_vfio_pci"],
  ["usb:v13FDp3940d0100dc00dsc00dp00ic08isc06ip50in00", "ums_realtek"],
  ["acpi:PNP0C0A:", "battery"],
  ["of:NserialTCfsl,imx6q-uart", "imx_uart"],
  ["pci:v00001234d00005678sv00000000sd00000000bc03sc00i00", null],
];

/** The index of {@link SMALL_ALIASES}, mtime not recorded. */
export function smallIndex(): Buffer {
  return encodeIndex({ aliases: compileAliasText(SMALL_ALIASES).index, builtin: null });
}
