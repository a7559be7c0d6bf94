/**
 * The modalias library: compile modules.alias into an index, save and load
 * it, and answer best match / all matches / explain for modalias strings;
 * read modprobe's configuration as kmod does; plus the vfio binder for PCI
 * devices.
 */

export { parseAliases, type AliasLine, type AliasProblem, type ParsedAliases } from "./parse/aliases.js";
export { parseBuiltinModinfo } from "./parse/aliases.js";
export { normalizeAlias, type Normalized } from "./kmod/normalize.js";
export { fnmatch, compilePattern, matchPattern, type CompiledPattern } from "./kmod/fnmatch.js";
export { analyzePattern, type PatternFacts } from "./kmod/fnmatch.js";
export { compileAliasText, compileBuiltinText, type Compiled, type CompileOptions } from "./index/build.js";
export type { AliasIndex, IndexContents, SourceInfo } from "./index/build.js";
export { encodeIndex, decodeIndex, decodeHeader, IndexFormatError, type IndexHeader } from "./index/format.js";
export { AliasLookup, placeOf, type AliasMatch, type BestAnswer, type Origin } from "./lookup/lookup.js";
export { InvalidKeyError, toKey } from "./kmod/normalize.js";
export { readAliasFile, compileAliasFile, compileSources, type AliasFile, type IndexSources, type CompiledSources } from "./files/alias-files.js";
export { loadIndexFile, saveIndexFile, readIndexHeader } from "./files/index-file.js";
export { findKernelFiles, indexPathFor, type KernelFiles } from "./files/alias-files.js";
export { loadPairedIndex, type PairedIndex } from "./files/index-file.js";
export { FileError } from "./files/fs.js";
export { parseModprobeConfig } from "./parse/modprobe-config.js";
export { parseKernelCmdline } from "./parse/modprobe-config.js";
export { blacklistOf, disablingInstall, type ModprobeConfig } from "./parse/modprobe-config.js";
export type {
  ConfigAlias,
  ConfigBlacklist,
  ConfigFile,
  ConfigInstall,
  ConfigProblem,
  FileBlacklist,
  KernelCommandLineBlacklist,
} from "./parse/modprobe-config.js";
export { readModprobeConfig, DEFAULT_CONFIG_PATHS, type ReadConfigOptions } from "./files/config-files.js";
export { vfioChooser, type ChooseVfio, type VfioChoice, type AliasHit } from "./binder/choose.js";
export { parsePciAddress, AddressError, type PciAddress } from "./platform/sysfs.js";
export { binderContext, type BinderContext, type BinderSettings } from "./binder/transaction.js";
export { bindDevices, type BindOptions } from "./binder/bind.js";
export { unbindDevices, type UnbindOptions } from "./binder/bind.js";
export { explainVfio, type VfioReport } from "./binder/choose.js";
export { deviceStatus, listPciDevices, type StatusReport } from "./binder/status.js";
export type { ChangeReport } from "./binder/transaction.js";
