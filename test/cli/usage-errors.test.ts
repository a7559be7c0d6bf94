/**
 * Usage errors in the program's one style: `modalias: ...`, the command's
 * usage line and where to read more, not the whole help; `help COMMAND
 * SUBCOMMAND` shows the subcommand's help.
 */
import { expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";

it.each([
  [["match", "--bogus"], "unknown option '--bogus'", "modalias match [options] [modalias...]", "modalias match"],
  [
    ["hooks", "install", "--bogus"],
    "unknown option '--bogus'",
    "modalias hooks install [options]",
    "modalias hooks install",
  ],
  [
    ["compile", "a", "b"],
    "too many arguments for 'compile'. Expected 1 argument but got 2.",
    "modalias compile [options] [alias-file]",
    "modalias compile",
  ],
  [["bogus"], "unknown command 'bogus'", "modalias [options] [command]", "modalias"],
  [
    ["match"],
    "no modalias given (give one, --device or --stdin)",
    "modalias match [options] [modalias...]",
    "modalias match",
  ],
  [
    ["compile", "x", "-k", "1"],
    "give an alias file or a kernel (--kernel/-S, -b), not both",
    "modalias compile [options] [alias-file]",
    "modalias compile",
  ],
])("%j: one error line, the usage line, see --help", async (args, error, usage, name) => {
  const run = await modaliasInProcess(args);
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: `modalias: ${error}\nUsage: ${usage}\nSee '${name} --help'.\n`,
  });
});

it("help hooks install shows the install help, as hooks install --help does", async () => {
  const help = await modaliasInProcess(["help", "hooks", "install"]);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: modalias hooks install \[options\]\n/);
  expect(help.stdout).toBe((await modaliasInProcess(["hooks", "install", "--help"])).stdout);
});
