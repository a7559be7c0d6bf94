/**
 * The system's libkmod, called in-process through koffi: modprobe's own alias lookup
 * (`kmod_module_new_from_lookup`) over a module directory, as the reference for end-to-end
 * tests. Loading fails softly: callers get the reason and skip.
 */

export interface Kmod {
  /** The modules modprobe would consider for an alias (with repeats), or the error it returns. */
  lookup(alias: string): string[] | number;
  close(): void;
}

/** Opens libkmod on a directory holding the modules.*.bin indexes, with no configuration. */
export async function openKmod(moduleDir: string, emptyConfigDir: string): Promise<Kmod | string> {
  try {
    const koffi = await import("koffi");
    const lib = koffi.load("libkmod.so.2");
    koffi.opaque("kmod_ctx");
    koffi.opaque("kmod_list");
    koffi.opaque("kmod_module");
    const create = lib.func("kmod_ctx *kmod_new(const char *dirname, const char **config_paths)");
    const release = lib.func("kmod_ctx *kmod_unref(kmod_ctx *ctx)");
    const quiet = lib.func("void kmod_set_log_priority(kmod_ctx *ctx, int priority)");
    const lookup = lib.func(
      "int kmod_module_new_from_lookup(kmod_ctx *ctx, const char *alias, _Out_ kmod_list **list)",
    );
    const nextEntry = lib.func("kmod_list *kmod_list_next(const kmod_list *list, const kmod_list *curr)");
    const moduleOf = lib.func("kmod_module *kmod_module_get_module(const kmod_list *entry)");
    const nameOf = lib.func("const char *kmod_module_get_name(const kmod_module *mod)");
    const releaseModule = lib.func("kmod_module *kmod_module_unref(kmod_module *mod)");
    const releaseList = lib.func("int kmod_module_unref_list(kmod_list *list)");
    const ctx: unknown = create(moduleDir, [emptyConfigDir, null]);
    if (ctx === null) return "kmod_new failed";
    quiet(ctx, 0);
    return {
      lookup(alias: string): string[] | number {
        const out: unknown[] = [null];
        const status: unknown = lookup(ctx, Buffer.from(`${alias}\0`, "latin1"), out);
        if (typeof status !== "number") throw new Error("unexpected result from libkmod");
        const [list] = out;
        const names: string[] = [];
        for (let entry: unknown = list; entry !== null && entry !== undefined; entry = nextEntry(list, entry)) {
          const module: unknown = moduleOf(entry);
          names.push(String(nameOf(module)));
          releaseModule(module);
        }
        if (list !== null && list !== undefined) releaseList(list);
        return status < 0 ? status : names;
      },
      close(): void {
        release(ctx);
      },
    };
  } catch (error) {
    return `cannot call libkmod: ${error instanceof Error ? error.message : String(error)}`;
  }
}
