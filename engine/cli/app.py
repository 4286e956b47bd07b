"""The command-line entry point: main → raw_main (the one error boundary) → a subcommand."""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback

from ..errors import EngineUnavailableError, EvaluationError, ZhisuanError, printable
from ..messages import msg
from . import cmd_ask, cmd_audit, cmd_check, cmd_completion, cmd_init, cmd_rank, cmd_rules, cmd_schema
from .argparse_zh import speaking
from .env import Environment, OutputError, default_lang
from .exit_codes import Exit

SUBCOMMANDS = (cmd_check, cmd_rank, cmd_ask, cmd_init, cmd_audit, cmd_rules, cmd_schema, cmd_completion)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit 2 instead of printing usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageExit(f"{self.prog}: {message}")


class _UsageExit(Exception):
    pass


def _lang_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return default_lang()


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The full parser, with help text in `lang`."""

    def t(key: str) -> str:
        return msg(key, lang)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=lang, help=t("help.app.output_language"))
    common.add_argument("--debug", action="store_true", help=t("help.app.show_tracebacks_on_errors"))
    common.add_argument(
        "--no-pager", action="store_true", help=t("help.app.never_page_long_output")
    )
    parser = _Parser(
        prog="zhisuan",
        parents=[common],
        description=t("help.app.zhisuan_decision_support_for"),
        epilog=t("help.app.run_zhisuan_command_help"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=t("help.app.print_the_version"))
    ctx = Context(t, common)
    sub = ctx.subparsers(parser, dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.add_parser(sub, ctx)
    return parser


class Context:
    """What subcommand modules need to build their parsers: translated help and shared options."""

    def __init__(self, t, common: argparse.ArgumentParser) -> None:
        self.t = t
        self._common = common

    def subparsers(self, parser: argparse.ArgumentParser, **kwargs):
        """Subparsers whose every parser also accepts --lang and --debug after its name."""
        sub = parser.add_subparsers(required=True, parser_class=_Parser, **kwargs)
        original = sub.add_parser

        def add_parser(name, **kw):
            kw.setdefault("parents", [self._common])
            return original(name, **kw)

        sub.add_parser = add_parser
        return sub


class _Version(argparse.Action):
    """--version: print `zhisuan X.Y.Z` and stop, looking the version up only then."""

    def __call__(self, parser, namespace, values, option_string=None):
        from ..version import tool_version

        print(f"zhisuan {tool_version()}")
        parser.exit()


def _no_command(argv: list[str]) -> bool:
    """True when argv holds only the global options (--lang X, --debug)."""
    rest = [a for a in argv if a not in ("--debug", "--no-pager") and not a.startswith("--lang=")]
    if "--lang" in rest:
        i = rest.index("--lang")
        rest = rest[:i] + rest[i + 2:]
    return not rest


def raw_main(argv: list[str], env: Environment) -> int:
    """Parse and run; every error becomes one line on stderr and an exit code."""
    lang = _lang_from_argv(argv)
    lang = lang if lang in ("zh", "en") else "en"
    debug = "--debug" in argv
    if "--no-pager" in argv:
        env.pager = None
    if _no_command(argv):  # a short help, not an error
        with speaking(lang):
            text = build_parser(lang).format_help()
        try:
            env.stdout.write(text)
        except OutputError as exc:
            env.stderr.write(msg("error.output", lang, reason=exc) + "\n")
            return Exit.BAD_INPUT
        return Exit.OK
    try:
        try:
            with contextlib.redirect_stdout(env.stdout), speaking(lang):  # --help to the injected stream
                args = build_parser(lang).parse_args(argv)
        except SystemExit as done:  # --help: argparse has printed and wants to stop
            return int(done.code or 0)
        args.argv = list(argv)  # the command line as given, for decision records
        return int(args.run(args, env))
    except _UsageExit as exc:
        env.stderr.write(f"{printable(str(exc))} ({msg('hint.see_help', lang)})\n")
        return Exit.BAD_INPUT
    except EngineUnavailableError as exc:
        if debug:
            traceback.print_exc(file=env.stderr)
        key = "error.engine_missing" if exc.missing else "error.engine_broken"
        env.stderr.write("zhisuan: " + msg(key, lang, reason=exc.message, command=exc.rebuild) + "\n")
        return Exit.INTERNAL
    except EvaluationError as exc:
        _report(env, exc, debug, lang)
        return Exit.INTERNAL
    except ZhisuanError as exc:
        _report(env, exc, debug, lang)
        return Exit.BAD_INPUT
    except KeyboardInterrupt:
        env.stderr.write(msg("error.interrupted", lang) + "\n")
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return Exit.OK
    except OutputError as exc:
        env.stderr.write(msg("error.output", lang, reason=exc) + "\n")
        return Exit.BAD_INPUT
    except Exception as exc:  # the one place an unexpected error is turned into a message
        if debug:
            traceback.print_exc(file=env.stderr)
        env.stderr.write(msg("error.internal", lang, message=f"{type(exc).__name__}: {exc}") + "\n")
        return Exit.INTERNAL


def _report(env: Environment, exc: ZhisuanError, debug: bool, lang: str = "en") -> None:
    if debug:
        traceback.print_exc(file=env.stderr)
    env.stderr.write(f"zhisuan: {exc.render(lang)}\n")


if __name__ == "__main__":
    from .entry import main

    sys.exit(main())
