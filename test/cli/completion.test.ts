/**
 * The completion scripts, loaded in their own shells, complete what the command tree defines:
 * commands, subcommands (hooks install|uninstall), options, option values in both
 * `--opt value` and `--opt=value` forms, paths, PCI addresses from sysfs and shells.
 * bash and fish complete for real; zsh is checked to load through compinit. A shell that is
 * not installed is skipped, saying so (CI installs them).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const installed = (shell: string): boolean => {
  const present = spawnSync(shell, ["-c", "exit 0"]).status === 0;
  if (!present) console.warn(`skipping the ${shell} completion checks: ${shell} is not installed`);
  return present;
};
const script = (shell: string): string => {
  const run = modalias(["completion", shell]);
  expect(run.status).toBe(0);
  const file = join(tmp.dir, `modalias.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
};
const pciDevices = (): string[] => {
  try {
    return readdirSync("/sys/bus/pci/devices").sort();
  } catch {
    return [];
  }
};
mkdirSync(join(tmp.dir, "two words"));
writeFileSync(join(tmp.dir, "aliases.index"), "");

it("refuses a shell it has no script for", () => {
  const run = modalias(["completion", "tcsh"]);
  expect(run).toMatchObject({ status: 2, stderr: 'modalias: no completion for "tcsh" (bash, zsh, fish)\n' });
});

describe.runIf(installed("bash"))("bash", () => {
  const file = script("bash");
  /** The replies to the command line `line` (completing at its end), sorted. */
  const complete = (line: string): string[] => {
    const program = `source '${file}'
COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_modalias
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync("bash", ["-c", program, "bash", line], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    return run.stdout.split("\n").filter(Boolean).sort();
  };

  it("completes commands, -V, subcommands and their options", () => {
    expect(complete("modalias ")).toEqual(expect.arrayContaining(["compile", "match", "hooks", "help", "-V"]));
    expect(complete("modalias hooks ")).toEqual(["--help", "-h", "install", "uninstall"]);
    expect(complete("modalias hooks install --")).toEqual(["--dry-run", "--help", "--root"]);
    expect(complete("modalias completion ")).toEqual(["bash", "fish", "zsh"]);
    expect(complete("modalias help ma")).toEqual(["man", "match"]);
    expect(complete("modalias match --al")).toEqual(["--alias-file", "--all"]);
  });

  it("completes paths, with directories and names with spaces intact", () => {
    expect(complete(`modalias match --index ${tmp.dir}/al`)).toEqual([`${tmp.dir}/aliases.index`]);
    expect(complete(`modalias match -C ${tmp.dir}/tw`)).toEqual([`${tmp.dir}/two words`]);
  });

  it("completes PCI addresses for device arguments", () => {
    expect(complete("modalias vfio ")).toEqual(pciDevices());
  });
});

describe.runIf(installed("fish"))("fish", () => {
  const file = script("fish");
  const complete = (line: string): string[] => {
    const run = spawnSync("fish", ["-c", `source '${file}'; complete -C '${line}'`], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    return run.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("\t")[0] ?? "")
      .sort();
  };

  it("completes commands, subcommands, options and their values", () => {
    expect(complete("modalias ")).toEqual(expect.arrayContaining(["compile", "match", "hooks", "help"]));
    expect(complete("modalias hooks ")).toEqual(["install", "uninstall"]);
    expect(complete("modalias hooks install --")).toEqual(["--dry-run", "--help", "--root"]);
    expect(complete("modalias completion ")).toEqual(["bash", "fish", "zsh"]);
    expect(complete(`modalias match --index=${tmp.dir}/al`)).toEqual([`--index=${tmp.dir}/aliases.index`]);
    expect(complete("modalias bind ")).toEqual(expect.arrayContaining(pciDevices()));
  });
});

describe.runIf(installed("zsh"))("zsh", () => {
  it("loads through compinit as the completion of modalias", () => {
    const dir = join(tmp.dir, "zsh");
    mkdirSync(dir);
    writeFileSync(join(dir, "_modalias"), modalias(["completion", "zsh"]).stdout);
    const run = spawnSync(
      "zsh",
      [
        "-f",
        "-c",
        `fpath=('${dir}' $fpath); autoload -U compinit; compinit -u -D; print -r -- $_comps[modalias]; autoload -Uz +X _modalias && whence -w _modalias`,
      ],
      { encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("_modalias\n_modalias: function\n");
    expect(spawnSync("zsh", ["-n", join(dir, "_modalias")]).status).toBe(0);
  });
});
