/**
 * The modalias library, as README "The library" documents it: compile modules.alias (and the
 * built-in drivers' aliases) into an index, save and load it, answer best match / all matches /
 * explain for modalias strings over kmod's chain of sources, read modprobe's configuration as
 * kmod does, and the vfio binder for PCI devices.
 */

export type { BindOptions, UnbindOptions } from "./binder/bind.js";
export { type ChooseVfio, explainVfio, type VfioChoice, type VfioReport, vfioChooser } from "./binder/choose.js";
export { deviceStatus, type StatusReport, type StatusSources } from "./binder/status.js";
export { bindDevices, type TogetherOptions, unbindDevices } from "./binder/together.js";
export { type BinderContext, type BinderSettings, binderContext, type ChangeReport } from "./binder/transaction.js";
export { type CompiledSources, compileSources, findKernelFiles, type KernelFiles } from "./files/alias-files.js";
export { type ReadConfigOptions, readModprobeConfig } from "./files/config-files.js";
export { FileError } from "./files/fs.js";
export {
  loadIndexFile,
  loadPairedIndex,
  type PairedIndex,
  readIndexHeader,
  saveIndexFile,
} from "./files/index-file.js";
export {
  type AliasIndex,
  type Compiled,
  compileAliasText,
  compileBuiltinText,
  compileNamesText,
  type IndexContents,
} from "./index/build.js";
export { decodeIndex, encodeIndex, IndexFormatError, type IndexHeader, openIndex } from "./index/format.js";
export type { ModuleNames, NameKind, NameList } from "./index/names.js";
export { analyzePattern, fnmatch, type PatternFacts } from "./kmod/fnmatch.js";
export { InvalidKeyError, normalizeAlias } from "./kmod/normalize.js";
export { AliasLookup, type AliasMatch, type BestAnswer, type ConfigCommands, type Origin } from "./lookup/lookup.js";
export {
  type AliasLine,
  type AliasProblem,
  type ParsedAliases,
  parseAliases,
  parseBuiltinModinfo,
} from "./parse/aliases.js";
export {
  type ConfigAlias,
  type ConfigFile,
  type ModprobeConfig,
  parseModprobeConfig,
} from "./parse/modprobe-config.js";
export { AddressError, type PciAddress, parsePciAddress } from "./platform/sysfs.js";
