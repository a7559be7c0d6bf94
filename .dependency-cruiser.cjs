/**
 * The layer rule of src/ (README "Layout"), lowest layer first: a file may import from its own
 * folder and from the layers below it, never from a layer above or from a sibling folder of its
 * own layer. `npm run lint` checks it.
 */
const LAYERS = [["kmod"], ["parse"], ["index"], ["lookup"], ["files"], ["platform"], ["binder", "system"], ["cli"]];

const folders = (names) => `^src/(${names.join("|")})/`;

const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => {
    const forbidden = [...LAYERS.slice(rank + 1).flat(), ...layer.filter((other) => other !== folder)];
    return {
      name: `layer-${folder}`,
      comment: `src/${folder} may import only from its own folder and the layers below it`,
      severity: "error",
      from: { path: `^src/${folder}/` },
      to: { path: forbidden.length > 0 ? folders(forbidden) : "^$" },
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "lib-is-the-library",
      comment: "src/lib.ts exports the library; the command line is not part of it",
      severity: "error",
      from: { path: "^src/lib\\.ts$" },
      to: { path: "^src/cli/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
