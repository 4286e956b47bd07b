"""The console-script entry: Ctrl-C and unwritable streams are handled before anything heavy loads."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run zhisuan; an interrupt during start-up is exit 130, a failed final flush exit 2."""
    try:
        from .app import raw_main
        from .env import Environment, OutputError, default_lang
        from .exit_codes import Exit
        from ..render.messages import msg
    except KeyboardInterrupt:
        _say_interrupted()
        return 130
    env = Environment.from_process()
    code = raw_main(sys.argv[1:] if argv is None else argv, env)
    if getattr(env.stdout, "failed", False):  # already reported by raw_main
        _silence_stdout()
        return code
    try:
        env.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OutputError as exc:
        env.stderr.write(msg("error.output", default_lang(), reason=exc) + "\n")
        _silence_stdout()
        return Exit.BAD_INPUT
    return code


def _say_interrupted() -> None:
    lang_zh = (os.environ.get("ZHISUAN_LANG") or os.environ.get("LANG", "")).lower().startswith("zh")
    try:
        sys.stderr.write("已中断\n" if lang_zh else "interrupted\n")
    except (OSError, ValueError, AttributeError):
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit does not fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
