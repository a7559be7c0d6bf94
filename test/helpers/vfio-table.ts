/**
 * A ChooseVfio for tests: the real vfio_pci aliases of the kernel's vfio
 * variant drivers (as depmod wrote them), matched with a tiny matcher that is
 * enough for their field-aligned `vfio_pci:vXdXsv*sd*bc*sc*i*` shape, ranked
 * by fewest `*`, then most literal characters, then earliest line.
 */
import type { AliasHit, ChooseVfio } from "../../src/binder/choose.js";

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

function hits(text: string): AliasHit[] {
  return text.split("\n").flatMap((line, i) => {
    const [keyword, pattern, module] = line.split(" ");
    if (keyword !== "alias" || pattern === undefined || module === undefined) return [];
    const stars = pattern.split("*").length - 1;
    return [
      {
        module,
        pattern,
        line: i + 1,
        stars,
        literals: pattern.length - stars,
        origin: "modules.alias" as const,
        file: null,
      },
    ];
  });
}

function matches(pattern: string, key: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(key);
}

/** A chooser over `text` (default: the vfio variant aliases above). */
export function tableChooser(text: string = VFIO_ALIASES): ChooseVfio {
  const table = hits(text);
  return (key) => {
    const ranked = table
      .filter((h) => matches(h.pattern, key))
      .sort((a, b) => a.stars - b.stars || b.literals - a.literals || a.line - b.line);
    const best = ranked[0] ?? null;
    const runnerUp = ranked[1] ?? null;
    const ambiguous =
      best !== null &&
      runnerUp !== null &&
      runnerUp.module !== best.module &&
      runnerUp.stars === best.stars &&
      runnerUp.literals === best.literals;
    return { best, runnerUp, ambiguous, builtin: false, prohibited: null };
  };
}
