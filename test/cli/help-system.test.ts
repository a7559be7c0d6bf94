/** Each new command's --help lists its options and shows an example; bind and unbind show --persist and --root. */
import { expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";

it.each([
  [["hooks"], ["install", "uninstall", "MODALIAS_BASEDIR"], "$ sudo modalias hooks install"],
  [["hooks", "install"], ["--dry-run", "--root"], "$ modalias hooks install --dry-run --root /tmp/image"],
  [["hooks", "uninstall"], ["--dry-run", "--root"], "$ sudo modalias hooks uninstall"],
  [["list-persisted"], ["--json", "--root"], "$ modalias list-persisted"],
  [["bind"], ["--persist", "--root"], "$ sudo modalias bind --persist 01:00.0"],
  [["unbind"], ["--persist", "--root"], "$ sudo modalias unbind --persist 0000:01:00.0"],
])("%s --help", (command, options, example) => {
  const run = modalias([...command, "--help"]);

  expect(run.status).toBe(0);
  for (const option of options) expect(run.stdout).toContain(option);
  expect(run.stdout).toContain("Example");
  expect(run.stdout).toContain(example);
});
