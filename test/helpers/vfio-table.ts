/**
 * A ChooseVfio for binder tests: the real lookup engine over the real vfio_pci aliases of the
 * kernel's vfio variant drivers (as depmod wrote them), or over a test's own alias text.
 */
import { type ChooseVfio, vfioChooser } from "../../src/binder/choose.js";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

/** The file text; line 1 is the comment, so the first alias is line 2. */
export const VFIO_ALIASES = `# Aliases extracted from modules themselves.
alias vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci
alias vfio_pci:v00001DD8d00001003sv*sd*bc*sc*i* pds_vfio_pci
alias vfio_pci:v00008086d00004945sv*sd*bc*sc*i* qat_vfio_pci
alias vfio_pci:v00008086d00004943sv*sd*bc*sc*i* qat_vfio_pci
alias vfio_pci:v00008086d00004941sv*sd*bc*sc*i* qat_vfio_pci
alias vfio_pci:v000019E5d0000A251sv*sd*bc*sc*i* hisi_acc_vfio_pci
alias vfio_pci:v000019E5d0000A259sv*sd*bc*sc*i* hisi_acc_vfio_pci
alias vfio_pci:v000019E5d0000A256sv*sd*bc*sc*i* hisi_acc_vfio_pci
alias vfio_pci:v00001AF4d00001041sv*sd*bc*sc*i* virtio_vfio_pci
alias vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* mlx5_vfio_pci
alias vfio_pci:v000010DEd00002345sv*sd*bc*sc*i* nvgrace_gpu_vfio_pci
alias vfio_pci:v000010DEd00002342sv*sd*bc*sc*i* nvgrace_gpu_vfio_pci
`;

/** The real chooser (lookup engine, no modprobe configuration) over `text` (default: the vfio variant aliases above). */
export function tableChooser(text: string = VFIO_ALIASES): ChooseVfio {
  return vfioChooser(new AliasLookup(compileAliasText(text).index));
}
