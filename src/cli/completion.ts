/**
 * `modalias completion bash|zsh|fish`: a completion script for each shell, generated from the
 * command tree that `--help` shows, so it cannot drift from it.
 *
 * Each command completes its subcommands (hooks install|uninstall), its options, and the
 * values its options and arguments take, known from their placeholders: `<file>`, `<path>`
 * and `<dir>` complete paths (directories with a slash, names with spaces intact), `<version>`
 * the kernel versions that have a module directory, `<cmd>` commands, device arguments the PCI
 * addresses in /sys/bus/pci/devices, `<shell>` the shells, `help` the commands. Long options
 * complete in both `--opt value` and `--opt=value` forms.
 */
import type { Argument, Command, Option } from "commander";
import { CliError, type CommandContext } from "./output.js";
import { collect } from "./sources.js";

/** What a value completes to. */
type ValueKind = "file" | "dir" | "version" | "command" | "device" | "shell" | "command-name" | "text";

/** One command or subcommand as the scripts see it. */
interface Spec {
  /** Its words after `modalias`, e.g. ["hooks", "install"]. */
  path: string[];
  description: string;
  options: OptionSpec[];
  /** Its positional arguments' kind and whether several may be given; null when it takes none. */
  argument: { kind: ValueKind; variadic: boolean } | null;
  subcommands: Spec[];
}

interface OptionSpec {
  short: string | null;
  long: string | null;
  description: string;
  /** The kind of value it takes, or null for a flag. */
  value: ValueKind | null;
  repeatable: boolean;
}

export const SHELLS = ["bash", "zsh", "fish"] as const;

/** The `completion` command; `command.parent` is the whole program, which it describes. */
export function defineCompletion(command: Command, { output }: CommandContext): void {
  command
    .argument("<shell>", `the shell: ${SHELLS.join(", ")}`)
    .description("print a completion script")
    .addHelpText(
      "after",
      [
        "\nExamples:",
        "  modalias completion bash > /etc/bash_completion.d/modalias",
        "  modalias completion zsh > /usr/local/share/zsh/site-functions/_modalias",
        "  modalias completion fish > ~/.config/fish/completions/modalias.fish",
      ].join("\n"),
    )
    .action((shell: string) => {
      const program = command.parent;
      if (program === null) throw new Error("completion is not a subcommand");
      const spec = specOf(program, []);
      if (shell === "bash") output.write(bashScript(spec));
      else if (shell === "zsh") output.write(zshScript(spec));
      else if (shell === "fish") output.write(fishScript(spec));
      else throw new CliError(`no completion for ${JSON.stringify(shell)} (${SHELLS.join(", ")})`);
    });
}

function specOf(command: Command, path: string[]): Spec {
  const subcommands = command.commands.map((c) => specOf(c, [...path, c.name()]));
  if (path.length === 0) {
    subcommands.push({
      path: ["help"],
      description: "display help for a command",
      options: [],
      argument: { kind: "command-name", variadic: false },
      subcommands: [],
    });
  }
  const options = command.options.map(optionSpec);
  options.push({ short: "-h", long: "--help", description: "display help", value: null, repeatable: false });
  const [first] = command.registeredArguments;
  return {
    path,
    description: command.description(),
    options,
    argument: first === undefined ? null : { kind: argumentKind(first), variadic: first.variadic },
    subcommands,
  };
}

function optionSpec(option: Option): OptionSpec {
  const placeholder = /<([^>]+)>/.exec(option.flags)?.[1] ?? null;
  return {
    short: option.short ?? null,
    long: option.long ?? null,
    description: option.description,
    value: placeholder === null ? null : valueKind(placeholder),
    // A repeatable option is one that collects its values (sources.ts, collect).
    repeatable: option.variadic || option.parseArg === collect,
  };
}

function valueKind(placeholder: string): ValueKind {
  if (placeholder === "file" || placeholder === "path") return "file";
  if (placeholder === "dir") return "dir";
  if (placeholder === "version") return "version";
  if (placeholder === "cmd") return "command";
  if (placeholder === "device") return "device";
  return "text";
}

function argumentKind(argument: Argument): ValueKind {
  const name = argument.name();
  if (name === "device") return "device";
  if (name === "shell") return "shell";
  if (name.endsWith("file")) return "file";
  return "text";
}

/** Every command and subcommand, depth first. */
function allSpecs(spec: Spec): Spec[] {
  return spec.subcommands.flatMap((s) => [s, ...allSpecs(s)]);
}

function optionWords(spec: Spec): string[] {
  return spec.options.flatMap((o) => [o.short, o.long]).filter((w): w is string => w !== null);
}

const VERSIONS = "command ls -1 /lib/modules /usr/lib/modules 2>/dev/null";
const DEVICES = "command ls -1 /sys/bus/pci/devices 2>/dev/null";

function bashValue(kind: ValueKind, commands: string): string {
  switch (kind) {
    case "file":
      return "_modalias_paths -f";
    case "dir":
      return "_modalias_paths -d";
    case "version":
      return `_modalias_words "$(${VERSIONS})"`;
    case "command":
      return "_modalias_paths -c";
    case "device":
      return `_modalias_words "$(${DEVICES})"`;
    case "shell":
      return `_modalias_words "${SHELLS.join(" ")}"`;
    case "command-name":
      return `_modalias_words "${commands}"`;
    case "text":
      return "COMPREPLY=()";
  }
}

function bashScript(program: Spec): string {
  const specs = allSpecs(program);
  const names = program.subcommands.map((s) => s.path[0]).join(" ");
  const nested = specs.filter((s) => s.path.length > 1).map((s) => `"${s.path.join(" ")}"`);
  const cases = specs.map((spec) => {
    const valued = spec.options.filter((o) => o.value !== null);
    const valueCases = valued.map((o) => {
      const words = [o.short, o.long].filter((w): w is string => w !== null).join("|");
      return `        ${words}) ${bashValue(o.value ?? "text", names)}; return ;;`;
    });
    const subs = spec.subcommands.map((s) => s.path.at(-1)).join(" ");
    const rest =
      spec.subcommands.length > 0
        ? `_modalias_words "${subs} ${optionWords(spec).join(" ")}"`
        : spec.argument === null
          ? `_modalias_words "${optionWords(spec).join(" ")}"`
          : `if [[ $cur == -* ]]; then _modalias_words "${optionWords(spec).join(" ")}"; else ${bashValue(spec.argument.kind, names)}; fi`;
    return [
      `    "${spec.path.join(" ")}")`,
      '      case "$prev" in',
      ...valueCases,
      "      esac",
      `      ${rest} ;;`,
    ].join("\n");
  });
  return `# bash completion for modalias (generated by \`modalias completion bash\`)
_modalias_words() {
  # bash splits a word at ":" (COMP_WORDBREAKS): complete the whole PCI address, reply past its last ":"
  local word="\${COMP_LINE:0:COMP_POINT}"
  word="\${word##* }"
  if [[ -n $COMP_LINE && $word == *:* ]]; then
    local prefix="\${word%"\${word##*:}"}"
    COMPREPLY=( $(compgen -W "$1" -- "$word") )
    COMPREPLY=( "\${COMPREPLY[@]#"$prefix"}" )
  else
    COMPREPLY=( $(compgen -W "$1" -- "$cur") )
  fi
}
_modalias_paths() {
  local IFS=$'\\n'
  COMPREPLY=( $(compgen "$1" -- "$cur") )
  compopt -o filenames 2>/dev/null
}
_modalias() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" i path=""
  # --opt=value: bash splits the word at "=" (COMP_WORDBREAKS)
  if [[ $cur == "=" ]]; then cur=""; prev="\${COMP_WORDS[COMP_CWORD-1]}"
  elif [[ $prev == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      -*|=) ;;
      *) if [[ -z $path ]]; then path="\${COMP_WORDS[i]}"
         ${nested.length === 0 ? "fi ;;" : `else case "$path \${COMP_WORDS[i]}" in ${nested.join("|")}) path="$path \${COMP_WORDS[i]}" ;; esac; fi ;;`}
    esac
  done
  case "$path" in
    "") _modalias_words "${names} ${optionWords(program).join(" ")}" ;;
${cases.join("\n")}
    *) COMPREPLY=() ;;
  esac
}
complete -F _modalias modalias
`;
}

/** Text inside a single-quoted zsh `_arguments` description. */
function zshText(text: string): string {
  return text.replace(/([[\]:\\])/g, "\\$1").replace(/'/g, "'\\''");
}

function zshValue(kind: ValueKind, program: Spec): string {
  switch (kind) {
    case "file":
      return "_files";
    case "dir":
      return "_files -/";
    case "version":
      return `{local -a v; v=(\${(f)"$(${VERSIONS})"}); compadd -a v}`;
    case "command":
      return "_command_names -e";
    case "device":
      return `{local -a v; v=(\${(f)"$(${DEVICES})"}); compadd -a v}`;
    case "shell":
      return `(${SHELLS.join(" ")})`;
    case "command-name":
      return `(${program.subcommands.map((s) => s.path[0]).join(" ")})`;
    case "text":
      return " ";
  }
}

function zshOption(o: OptionSpec, program: Spec): string[] {
  const description = `[${zshText(o.description)}]`;
  const value = o.value === null ? "" : `:${o.value}:${zshValue(o.value, program)}`;
  const star = o.repeatable ? "*" : "";
  const out: string[] = [];
  if (o.short !== null) out.push(`'${star}${o.short}${o.value === null ? "" : "+"}${description}${value}'`);
  if (o.long !== null) out.push(`'${star}${o.long}${o.value === null ? "" : "="}${description}${value}'`);
  return out;
}

function zshFunction(spec: Spec, program: Spec): string {
  const name = `_modalias_${spec.path.join("_").replace(/-/g, "_") || "main"}`;
  const specs = spec.options.flatMap((o) => zshOption(o, program));
  if (spec.subcommands.length > 0) {
    const list = spec.subcommands.map((s) => `'${s.path.at(-1)}:${zshText(s.description)}'`).join(" ");
    const dispatch = spec.subcommands
      .map((s) => `    ${s.path.at(-1)}) _modalias_${s.path.join("_").replace(/-/g, "_")} ;;`)
      .join("\n");
    return `${name}() {
  local -a commands=(${list})
  _arguments -C ${specs.join(" ")} '1:command:->command' '*::argument:->argument' && return
  case $state in
    command) _describe command commands ;;
    argument)
      case $words[1] in
${dispatch}
      esac ;;
  esac
}`;
  }
  const argument =
    spec.argument === null
      ? ""
      : ` '${spec.argument.variadic ? "*" : "1"}:${spec.argument.kind}:${zshValue(spec.argument.kind, program)}'`;
  return `${name}() {\n  _arguments -s ${specs.join(" ")}${argument}\n}`;
}

function zshScript(program: Spec): string {
  const functions = [program, ...allSpecs(program)].map((s) => zshFunction(s, program));
  return `#compdef modalias
# zsh completion for modalias (generated by \`modalias completion zsh\`)
${functions.join("\n\n")}

_modalias_main "$@"
`;
}

/** Text inside a single-quoted fish string. */
function fishText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

function fishValue(kind: ValueKind, program: Spec): string {
  switch (kind) {
    case "file":
      return "-r -F";
    case "dir":
      return "-x -a '(__fish_complete_directories)'";
    case "version":
      return `-x -a '(${VERSIONS})'`;
    case "command":
      return "-x -a '(__fish_complete_command)'";
    case "device":
      return `-x -a '(${DEVICES})'`;
    case "shell":
      return `-x -a '${SHELLS.join(" ")}'`;
    case "command-name":
      return `-x -a '${program.subcommands.map((s) => s.path[0]).join(" ")}'`;
    case "text":
      return "-x";
  }
}

/** The fish condition that the command line is at `spec`. */
function fishCondition(spec: Spec, program: Spec): string {
  const [first, second] = spec.path;
  if (first === undefined) return "__fish_use_subcommand";
  const parts = [`__fish_seen_subcommand_from ${first}`];
  const siblings = (program.subcommands.find((s) => s.path[0] === first)?.subcommands ?? []).map((s) => s.path[1]);
  if (second !== undefined) parts.push(`__fish_seen_subcommand_from ${second}`);
  else if (siblings.length > 0) parts.push(`not __fish_seen_subcommand_from ${siblings.join(" ")}`);
  return parts.join("; and ");
}

function fishScript(program: Spec): string {
  const lines = ["# fish completion for modalias (generated by `modalias completion fish`)", "complete -c modalias -f"];
  for (const spec of [program, ...allSpecs(program)]) {
    const when = `-n '${fishCondition(spec, program)}'`;
    for (const sub of spec.subcommands) {
      lines.push(`complete -c modalias ${when} -a ${sub.path.at(-1)} -d '${fishText(sub.description)}'`);
    }
    for (const o of spec.options) {
      const names = [o.short === null ? "" : `-s ${o.short.slice(1)}`, o.long === null ? "" : `-l ${o.long.slice(2)}`];
      const value = o.value === null ? "" : ` ${fishValue(o.value, program)}`;
      lines.push(
        `complete -c modalias ${when} ${names.filter(Boolean).join(" ")}${value} -d '${fishText(o.description)}'`,
      );
    }
    if (spec.argument !== null && spec.argument.kind !== "text") {
      lines.push(`complete -c modalias ${when} ${fishValue(spec.argument.kind, program)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
