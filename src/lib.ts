/**
 * The modalias library: compile modules.alias into an index, save and load
 * it, and answer best match / all matches / explain for modalias strings;
 * read modprobe's configuration as kmod does; plus the vfio binder for PCI
 * devices.
 */
export { parseAliases, type AliasLine, type AliasProblem, type ParsedAliases } from "./alias/parse.js";
export { parseBuiltinModinfo } from "./alias/builtin.js";
export { normalizeAlias, type Normalized } from "./pattern/normalize.js";
export { fnmatch, compilePattern, matchPattern, type CompiledPattern } from "./pattern/fnmatch.js";
export { analyzePattern, type PatternFacts } from "./pattern/analyze.js";
export { compileAliasText, compileBuiltinText, type Compiled, type CompileOptions } from "./index/from-text.js";
export type { AliasIndex, IndexContents, SourceInfo } from "./index/compile.js";
export { encodeIndex, decodeIndex, decodeHeader, IndexFormatError, type IndexHeader } from "./index/format.js";
export { AliasLookup, placeOf, type AliasMatch, type BestAnswer, type Origin } from "./lookup/lookup.js";
export { InvalidKeyError, toKey } from "./lookup/key.js";
export { readAliasFile, compileAliasFile, compileSources, type AliasFile, type IndexSources, type CompiledSources } from "./io/alias-file.js";
export { loadIndexFile, saveIndexFile, readIndexHeader } from "./io/index-file.js";
export { findKernelFiles, indexPathFor, type KernelFiles } from "./io/kernel.js";
export { loadPairedIndex, type PairedIndex } from "./io/paired-index.js";
export { FileError } from "./io/errors.js";
export { parseModprobeConfig } from "./config/parse.js";
export { parseKernelCmdline } from "./config/kernel-cmdline.js";
export { blacklistOf, disablingInstall, type ModprobeConfig } from "./config/merge.js";
export type {
  ConfigAlias,
  ConfigBlacklist,
  ConfigFile,
  ConfigInstall,
  ConfigProblem,
  FileBlacklist,
  KernelCommandLineBlacklist,
} from "./config/records.js";
export { readModprobeConfig, DEFAULT_CONFIG_PATHS, type ReadConfigOptions } from "./io/modprobe-config.js";
export { vfioChooser, type ChooseVfio, type VfioChoice, type AliasHit } from "./binder/chooser.js";
export { parsePciAddress, AddressError, type PciAddress } from "./binder/address.js";
export { binderContext, type BinderContext, type BinderSettings } from "./binder/context.js";
export { bindDevices, type BindOptions } from "./binder/bind.js";
export { unbindDevices, type UnbindOptions } from "./binder/unbind.js";
export { explainVfio, type VfioReport } from "./binder/explain.js";
export { deviceStatus, listPciDevices, type StatusReport } from "./binder/status.js";
export type { ChangeReport } from "./binder/report.js";
