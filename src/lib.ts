/**
 * The modalias library: compile modules.alias into an index, save and load
 * it, and answer best match / all matches / explain for modalias strings;
 * read modprobe's configuration as kmod does; plus the vfio binder for PCI
 * devices.
 */

export { type BindOptions, bindDevices, type UnbindOptions, unbindDevices } from "./binder/bind.js";
export {
  type ChooseVfio,
  explainVfio,
  type VfioChoice,
  type VfioReport,
  vfioChooser,
} from "./binder/choose.js";
export { deviceStatus, listPciDevices, type StatusReport } from "./binder/status.js";
export type { ChangeReport } from "./binder/transaction.js";
export { type BinderContext, type BinderSettings, binderContext } from "./binder/transaction.js";
export {
  type AliasFile,
  type CompiledSources,
  compileAliasFile,
  compileSources,
  findKernelFiles,
  type IndexSources,
  indexPathFor,
  type KernelFiles,
  readAliasFile,
} from "./files/alias-files.js";
export { DEFAULT_CONFIG_PATHS, type ReadConfigOptions, readModprobeConfig } from "./files/config-files.js";
export { FileError } from "./files/fs.js";
export {
  loadIndexFile,
  loadPairedIndex,
  type PairedIndex,
  readIndexHeader,
  saveIndexFile,
} from "./files/index-file.js";
export type { AliasIndex, IndexContents, SourceInfo } from "./index/build.js";
export { type Compiled, type CompileOptions, compileAliasText, compileBuiltinText } from "./index/build.js";
export {
  decodeHeader,
  decodeIndex,
  encodeIndex,
  IndexFormatError,
  type IndexHeader,
  openIndex,
} from "./index/format.js";
export {
  analyzePattern,
  type CompiledPattern,
  compilePattern,
  fnmatch,
  matchPattern,
  type PatternFacts,
} from "./kmod/fnmatch.js";
export { InvalidKeyError, type Normalized, normalizeAlias, toKey } from "./kmod/normalize.js";
export { AliasLookup, type AliasMatch, type BestAnswer, type Origin, placeOf } from "./lookup/lookup.js";
export {
  type AliasLine,
  type AliasProblem,
  type ParsedAliases,
  parseAliases,
  parseBuiltinModinfo,
} from "./parse/aliases.js";
export type {
  ConfigAlias,
  ConfigBlacklist,
  ConfigFile,
  ConfigInstall,
  ConfigProblem,
  FileBlacklist,
  KernelCommandLineBlacklist,
} from "./parse/modprobe-config.js";
export {
  blacklistOf,
  disablingInstall,
  type ModprobeConfig,
  parseKernelCmdline,
  parseModprobeConfig,
} from "./parse/modprobe-config.js";
export { AddressError, type PciAddress, parsePciAddress } from "./platform/sysfs.js";
