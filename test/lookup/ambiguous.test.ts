/**
 * Specificity order: fewer stars, then more literals, then the earlier line;
 * two modules equal on stars and literals make the answer ambiguous.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

const KEY = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

function best(lines: string[]) {
  const text = lines.map((l) => `alias ${l}\n`).join("");
  return new AliasLookup(compileAliasText(text).index).best(KEY);
}

it("fewer stars win over an earlier line", () => {
  const answer = best([
    "vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci",
    "vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* mlx5_vfio_pci",
  ]);
  expect(answer.best?.module).toBe("mlx5_vfio_pci");
  expect(answer.ambiguous).toBe(false);
});

it("with equal stars, more literal characters win, even on a later line", () => {
  const answer = best(["vfio_pci:v*d*sv*sd*bc02sc*i* by_class", "vfio_pci:v*d0000101Esv*sd*bc*sc*i* by_device"]);
  expect(answer.best).toMatchObject({ module: "by_device", stars: 6, line: 2 });
  expect(answer.ambiguous).toBe(false);
});

it("a tie between modules is ambiguous and the earlier line is chosen", () => {
  const answer = best(["vfio_pci:v000015B3d*sv*sd*bc*sc*i* first", "vfio_pci:v*d0000101Esv*sd*bc*sc*i* second"]);
  expect(answer).toMatchObject({ ambiguous: true, tiedWith: "second", best: { module: "first", line: 1 } });
});

it("the same module twice is not ambiguous", () => {
  const answer = best(["vfio_pci:v000015B3d*sv*sd*bc*sc*i* same", "vfio_pci:v*d0000101Esv*sd*bc*sc*i* same"]);
  expect(answer).toMatchObject({ ambiguous: false, best: { module: "same", line: 1 } });
});

it("a bracket-range alias competes in the same order", () => {
  const answer = best([
    "vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci",
    "vfio_pci:v000015B3d0000101[0-9A-F]sv*sd*bc*sc*i* ranged",
  ]);
  expect(answer.best).toMatchObject({ module: "ranged", stars: 5 });
});
