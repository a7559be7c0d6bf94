/**
 * `npm run bundle`: the shipped command as two CommonJS files (esbuild):
 * dist/cli/modalias-main.cjs, src/cli/main.ts and everything it imports, and
 * dist/cli/modalias.cjs, the starter (src/cli/boot.ts) that runs it with its
 * code cache (`npm run code-cache`).
 *
 * Node's built-in modules that only some commands use (LAZY: hashing,
 * child processes, sockets, the promise-based file system, which `match
 * --index`, `vfio` and `bind --dry-run` do without, and os) are required
 * when one of their functions is first called, not when the bundle starts:
 * a bundle requires every module it imports at start, and these cost
 * `match` a tenth of node's own start-up. Importing a name not listed here
 * fails the build.
 */
import { build } from "esbuild";

/** The built-in modules loaded on first use, and the functions the sources import from them. */
const LAZY = {
  "node:child_process": ["spawn"],
  "node:crypto": ["createHash", "randomBytes"],
  "node:fs/promises": [
    "access",
    "lstat",
    "mkdir",
    "open",
    "readdir",
    "readlink",
    "realpath",
    "rename",
    "rmdir",
    "stat",
    "symlink",
    "unlink",
  ],
  "node:net": ["createServer"],
  "node:os": ["release"],
};

/** `import { f } from "node:m"` becomes a function that requires node:m when first called. */
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join("|")})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === "lazy-builtin" ? { path: args.path, external: true } : { path: args.path, namespace: "lazy-builtin" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({
      contents: [
        `let loaded;`,
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        ...LAZY[args.path].map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
      ].join("\n"),
      loader: "js",
    }));
  },
};

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", minify: true, logLevel: "warning" };

await build({
  ...common,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli/modalias-main.cjs",
  alias: { msgpackr: "./node_modules/msgpackr/index.js" },
  // The bundle's own URL, made when read (the commands that print the version), not at every start.
  define: { "import.meta.url": "importMeta.url" },
  banner: { js: "const importMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  plugins: [lazyBuiltins],
});
await build({ ...common, entryPoints: ["src/cli/boot.ts"], outfile: "dist/cli/modalias.cjs" });
