/**
 * A ChooseVfio over kmod's whole chain for binder tests: the vfio variant
 * drivers' aliases in modules.alias, vfio_pci's catch-all either there or
 * built in (modules.builtin.modinfo), and a modprobe configuration given as
 * file text.
 */
import { type ChooseVfio, vfioChooser } from "../../src/binder/choose.js";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { mergeConfig, parseModprobeConfig } from "../../src/parse/modprobe-config.js";
import { VFIO_ALIASES } from "./vfio-table.js";

export const CATCH_ALL = "alias vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci\n";

/** The chooser; `config` maps configuration file names to their text. */
export function chainChooser(options: { builtinVfioPci: boolean; config?: Record<string, string> }): ChooseVfio {
  const modulesAlias = options.builtinVfioPci ? VFIO_ALIASES.replace(CATCH_ALL, "") : VFIO_ALIASES;
  const builtin = options.builtinVfioPci
    ? compileBuiltinText("vfio_pci.alias=vfio_pci:v*d*sv*sd*bc*sc*i*\0").index
    : null;
  const config = mergeConfig({
    listingProblems: [],
    files: Object.entries(options.config ?? {}).map(([file, text]) => parseModprobeConfig(text, file)),
    kernelBlacklist: [],
  });
  return vfioChooser(
    new AliasLookup({ aliases: compileAliasText(modulesAlias).index, builtin }, config.aliases),
    config,
  );
}
