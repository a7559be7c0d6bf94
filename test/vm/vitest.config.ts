/**
 * Vitest settings for the real-kernel test alone (`npm run test:vm`): its file
 * is named *.vm.ts so that `npm test` does not pick it up.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/vm/*.vm.ts"],
  },
});
