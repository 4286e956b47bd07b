"""The command-line app: main → raw_main (the one error boundary) → a subcommand."""

from __future__ import annotations

import argparse

from ..errors import EngineUnavailableError, EvaluationError, ZhisuanError, printable
from ..messages import msg
from . import cmd_ask, cmd_audit, cmd_check, cmd_completion, cmd_init, cmd_rank, cmd_rules, cmd_schema, cmd_vendors
from .argparse_zh import speaking
from .env import Environment, OutputError, default_lang
from .exit_codes import Exit

SUBCOMMANDS = (cmd_check, cmd_rank, cmd_ask, cmd_vendors, cmd_init, cmd_audit, cmd_rules, cmd_schema, cmd_completion)
LANGS = ("zh", "en")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit 2, and hands help text back instead of printing it."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageExit(f"{self.prog}: {message}")

    def print_help(self, file=None) -> None:  # argparse calls this for -h/--help, then exits
        raise _Printed(self.format_help())


class _UsageExit(Exception):
    pass


class _Printed(Exception):
    """--help or --version: this text is the whole output."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _GlobalsParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageExit(message)


def _global_options(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """--lang, --debug and --no-pager wherever they stand, read by argparse itself (abbreviations such as
    `--lan zh` included) before the whole command line is parsed: the help and the errors of that parse
    are in this language. The rest of argv is returned too."""
    early = _GlobalsParser(add_help=False)
    early.add_argument("--lang", default=None)
    early.add_argument("--debug", action="store_true")
    early.add_argument("--no-pager", action="store_true")
    try:
        known, rest = early.parse_known_args(argv)
    except _UsageExit:  # `--lang` without a value, say: the full parse reports it
        known, rest = argparse.Namespace(lang=None, debug=False, no_pager=False), list(argv)
    if known.lang not in LANGS:
        known.lang = default_lang()
    return known, rest


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The full parser, with help text in `lang`."""

    def t(key: str) -> str:
        return msg(key, lang)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=lang, help=t("help.app.lang"))
    common.add_argument("--debug", action="store_true", help=t("help.app.debug"))
    common.add_argument("--no-pager", action="store_true", help=t("help.app.no_pager"))
    parser = _Parser(
        prog="zhisuan",
        parents=[common],
        description=t("help.app.description"),
        epilog=t("help.app.epilog"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=t("help.app.version"))
    ctx = Context(t, common, parser)
    sub = ctx.subparsers(parser, dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.add_parser(sub, ctx)
    return parser


class Context:
    """What subcommand modules need to build their parsers: translated help, shared options, the whole parser."""

    def __init__(self, t, common: argparse.ArgumentParser, root: argparse.ArgumentParser) -> None:
        self.t = t
        self.root = root  # `completion` completes it
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
    """--version: `zhisuan X.Y.Z` is the whole output (the version is looked up only then)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from ..version import tool_version

        raise _Printed(f"zhisuan {tool_version()}\n")


def raw_main(argv: list[str], env: Environment) -> int:
    """Parse and run; every error becomes one line on stderr and an exit code."""
    from ..render.present import show_text, show_traceback, warn

    early, rest = _global_options(argv)
    lang, debug = early.lang, early.debug
    if early.no_pager:
        env.pager = None
    try:
        try:
            if not rest:  # only the global options: a short help, not an error
                raise _Printed(_help(lang))
            with speaking(lang):
                args = build_parser(lang).parse_args(argv)
        except _Printed as done:
            show_text(env, done.text)
            return Exit.OK
        lang, debug = args.lang, args.debug
        args.argv = list(argv)  # the command line as given, for decision records
        return int(args.run(args, env))
    except _UsageExit as exc:
        warn(env, f"{printable(str(exc))} ({msg('hint.see_help', lang)})")
        return Exit.BAD_INPUT
    except EngineUnavailableError as exc:
        if debug:
            show_traceback(env)
        key = "error.engine_missing" if exc.missing else "error.engine_broken"
        warn(env, "zhisuan: " + msg(key, lang, reason=exc.message, command=exc.rebuild))
        return Exit.INTERNAL
    except EvaluationError as exc:
        _report(env, exc, debug, lang)
        return Exit.INTERNAL
    except ZhisuanError as exc:
        _report(env, exc, debug, lang)
        return Exit.BAD_INPUT
    except KeyboardInterrupt:
        warn(env, msg("error.interrupted", lang))
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return Exit.OK
    except OutputError as exc:
        warn(env, msg("error.output", lang, reason=exc))
        return Exit.BAD_INPUT
    except Exception as exc:  # the one place an unexpected error is turned into a message
        if debug:
            show_traceback(env)
        warn(env, msg("error.internal", lang, message=f"{type(exc).__name__}: {exc}"))
        return Exit.INTERNAL


def _help(lang: str) -> str:
    with speaking(lang):
        return build_parser(lang).format_help()


def _report(env: Environment, exc: ZhisuanError, debug: bool, lang: str = "en") -> None:
    from ..render.present import show_traceback, warn

    if debug:
        show_traceback(env)
    warn(env, f"zhisuan: {exc.render(lang)}")
