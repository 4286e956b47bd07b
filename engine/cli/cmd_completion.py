"""`zhisuan completion bash|zsh|fish`: a shell completion script, made from the parser itself."""

from __future__ import annotations

import argparse

from .exit_codes import Exit

SHELLS = ("bash", "zsh", "fish")


def add_parser(sub, ctx) -> None:
    """Register the completion subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "completion",
        help=t("help.completion.summary"),
        description=t("help.completion.description"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(run=run, root=ctx.root)


def bundled_ids() -> dict[str, list[str]]:
    """The bundled vendor and profile ids, by the metavar of the arguments that take them."""
    from ..decide.bundle import bundle_root  # the file names are the ids; nothing is loaded

    root = bundle_root() / "profiles"
    vendors = sorted(p.stem for p in (root / "vendors").glob("*.yaml"))
    return {"VENDOR": vendors, "show VENDOR": ["show", *vendors],
            "PROFILE": sorted(p.stem for p in (root / "customers").glob("*.yaml"))}


def command_words(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """For each command path ('' for the top, 'rules show', …): the words that may follow it (bundled vendor and
    profile ids where a command takes one)."""
    words: dict[str, list[str]] = {}
    ids = bundled_ids()

    def walk(p: argparse.ArgumentParser, path: str) -> None:
        found: list[str] = []
        for action in p._actions:
            found += [o for o in action.option_strings if o.startswith("--")]
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found.append(name)
                    walk(child, f"{path} {name}".strip())
            elif action.choices and not action.option_strings:
                found += [str(c) for c in action.choices]
            elif not action.option_strings and action.metavar in ids:
                found += ids[action.metavar]
        words[path] = sorted(set(found))

    walk(parser, "")
    return words


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell`."""
    words = command_words(parser)
    if shell == "fish":
        lines = ["# zhisuan completion for fish", "complete -c zhisuan -f"]
        for path, choices in words.items():
            condition = (
                "__fish_use_subcommand" if not path else f"__fish_seen_subcommand_from {path.split()[-1]}"
            )
            for word in choices:
                if word.startswith("--"):
                    lines.append(f"complete -c zhisuan -n '{condition}' -l {word[2:]}")
                else:
                    lines.append(f"complete -c zhisuan -n '{condition}' -a {word}")
        return "\n".join(lines) + "\n"
    cases = "\n".join(f'        "{path}") echo "{" ".join(choices)}" ;;' for path, choices in words.items())
    body = f"""_zhisuan_words() {{
    case "$1" in
{cases}
        *) return 1 ;;
    esac
}}
_zhisuan() {{
    local cur path word words
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    path=""
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in -*) ;; *) path="${{path:+$path }}$word" ;; esac
    done
    # A value (a profile, a vendor id) is not a command: drop words until a command is known.
    until words=$(_zhisuan_words "$path"); do
        case "$path" in *" "*) path="${{path% *}}" ;; *) path="" ;; esac
    done
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _zhisuan zhisuan
"""
    if shell == "zsh":
        return "#compdef zhisuan\nautoload -U +X bashcompinit && bashcompinit\n" + body
    return "# zhisuan completion for bash\n" + body


def run(args: argparse.Namespace, env) -> int:
    """Print the script for the whole parser (the app hands it over as `args.root`)."""
    from ..render.present import show_text

    show_text(env, script(args.shell, args.root))
    return Exit.OK
