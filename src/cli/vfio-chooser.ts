/**
 * The binder's chooser backed by the lookup engine: for a `vfio_pci:` key,
 * the best alias, the best alias of another module (runner-up), and whether
 * the two tie on specificity.
 */
import type { ChooseVfio } from "../binder/chooser.js";
import type { AliasLookup } from "../lookup/lookup.js";

export function vfioChooser(lookup: AliasLookup): ChooseVfio {
  return (key) => {
    const matches = lookup.explain(key);
    const best = matches[0] ?? null;
    const runnerUp = best === null ? null : (matches.find((m) => m.module !== best.module) ?? null);
    const ambiguous = best !== null && runnerUp !== null && runnerUp.stars === best.stars && runnerUp.literals === best.literals;
    return { best, runnerUp, ambiguous };
  };
}
