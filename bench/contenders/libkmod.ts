/**
 * modprobe's own lookup: the system's libkmod.so.2 called in-process through
 * koffi. One lookup is kmod_module_new_from_lookup plus
 * kmod_module_unref_list, on a context made by kmod_new and
 * kmod_load_resources (indexes mapped once). `modules` also reads the
 * module names, for answer checks (not timed). The library is bound once
 * per process; loading fails softly: the caller gets the reason and skips.
 */
import type { Contender } from "./contender.js";

export interface KmodContender extends Contender {
  /** The modules found, in libkmod's order, or libkmod's negative error. */
  modules(modalias: string): string[] | number;
  close(): void;
}

type Call = (...args: unknown[]) => unknown;

interface Binding {
  create: Call;
  load: Call;
  quiet: Call;
  release: Call;
  lookup: Call;
  releaseList: Call;
  next: Call;
  moduleOf: Call;
  nameOf: Call;
  releaseModule: Call;
}

let binding: Promise<Binding> | undefined;

async function bind(): Promise<Binding> {
  const koffi = await import("koffi");
  const lib = koffi.load("libkmod.so.2");
  // Own type names, so as not to clash with other koffi users in the process.
  koffi.opaque("bench_kmod_ctx");
  koffi.opaque("bench_kmod_list");
  koffi.opaque("bench_kmod_module");
  return {
    create: lib.func("bench_kmod_ctx *kmod_new(const char *dirname, const char **config_paths)"),
    load: lib.func("int kmod_load_resources(bench_kmod_ctx *ctx)"),
    quiet: lib.func("void kmod_set_log_priority(bench_kmod_ctx *ctx, int priority)"),
    release: lib.func("bench_kmod_ctx *kmod_unref(bench_kmod_ctx *ctx)"),
    lookup: lib.func(
      "int kmod_module_new_from_lookup(bench_kmod_ctx *ctx, const char *alias, _Out_ bench_kmod_list **list)",
    ),
    releaseList: lib.func("int kmod_module_unref_list(bench_kmod_list *list)"),
    next: lib.func("bench_kmod_list *kmod_list_next(const bench_kmod_list *list, const bench_kmod_list *curr)"),
    moduleOf: lib.func("bench_kmod_module *kmod_module_get_module(const bench_kmod_list *entry)"),
    nameOf: lib.func("const char *kmod_module_get_name(const bench_kmod_module *mod)"),
    releaseModule: lib.func("bench_kmod_module *kmod_module_unref(bench_kmod_module *mod)"),
  };
}

/** libkmod on a module directory, or the reason it cannot be used. */
export async function openLibkmod(
  moduleDir: string,
  configDir: string,
  name = "libkmod",
): Promise<KmodContender | string> {
  let k: Binding;
  try {
    binding ??= bind();
    k = await binding;
  } catch (error) {
    return `cannot call libkmod: ${error instanceof Error ? error.message : String(error)}`;
  }
  const ctx = k.create(moduleDir, [configDir, null]);
  if (ctx === null) return "kmod_new failed";
  k.quiet(ctx, 0);
  const loaded = k.load(ctx);
  if (loaded !== 0) {
    k.release(ctx);
    return `kmod_load_resources failed (${String(loaded)})`;
  }
  const out: unknown[] = [null];
  return {
    name,
    lookup(modalias: string): unknown {
      const status = k.lookup(ctx, modalias, out);
      const list = out[0];
      if (list !== null && list !== undefined) k.releaseList(list);
      out[0] = null;
      return status;
    },
    modules(modalias: string): string[] | number {
      const status = k.lookup(ctx, modalias, out);
      const list = out[0];
      out[0] = null;
      const names: string[] = [];
      for (let entry = list; entry !== null && entry !== undefined; entry = k.next(list, entry)) {
        const module = k.moduleOf(entry);
        names.push(String(k.nameOf(module)));
        k.releaseModule(module);
      }
      if (list !== null && list !== undefined) k.releaseList(list);
      return typeof status === "number" && status < 0 ? status : names;
    },
    close(): void {
      k.release(ctx);
    },
  };
}
