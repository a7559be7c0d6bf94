/**
 * On random alias files (field-aligned and bracketed pci/vfio_pci/usb lines,
 * free-form patterns, `-`, duplicates, ties, bad lines), the index answers
 * every key exactly as a linear fnmatch scan: best match, ambiguity, all
 * modules and explain, both as compiled and after a trip through the file
 * format. MODALIAS_PROPERTY_RUNS sets the number of files (default 2,000).
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { aliasFileArb, keysArb, propertyRuns } from "../helpers/alias-files.js";
import { answersOf, expectedAnswers } from "../helpers/compare.js";
import { LinearScan } from "../helpers/linear.js";

const runs = propertyRuns(2000);
const caseArb = aliasFileArb.chain((file) => keysArb(file).map((keys) => ({ file, keys })));

it(
  "answers as the linear scan on random alias files and keys, before and after encoding",
  () => {
    fc.assert(
      fc.property(caseArb, ({ file, keys }) => {
        const linear = new LinearScan(file);
        const index = compileAliasText(file).index;
        const fresh = new AliasLookup(index);
        const reloaded = new AliasLookup(decodeIndex(encodeIndex({ aliases: index, builtin: null })));
        for (const key of keys) {
          const expected = expectedAnswers(linear, key);
          expect(answersOf(fresh, key), JSON.stringify(key)).toEqual(expected);
          expect(answersOf(reloaded, key), JSON.stringify(key)).toEqual(expected);
        }
      }),
      { numRuns: runs },
    );
  },
  Math.max(60_000, runs * 20),
);
