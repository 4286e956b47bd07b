"""The console-script entry: Ctrl-C and unwritable streams are handled before anything heavy loads."""

from __future__ import annotations

import gc
import os
import signal
import sys

from ..messages import msg  # light: the catalogue and the environment import nothing heavy
from .env import default_lang


def _interrupted_while_starting(signum, frame) -> None:
    """Until the app is loaded there is nothing to clean up: say so and leave with 130."""
    _say_interrupted()
    os._exit(130)


# Set when this module is imported, so no instant of start-up is left to a traceback.
signal.signal(signal.SIGINT, _interrupted_while_starting)


def main(argv: list[str] | None = None) -> int:
    """Run zhisuan; an interrupt during start-up is exit 130, a failed final flush exit 2."""
    from .app import raw_main
    from .env import Environment, OutputError
    from .exit_codes import Exit

    signal.signal(signal.SIGINT, signal.default_int_handler)  # from here raw_main handles Ctrl-C
    # Decisions and traces are many small objects without cycles (reference counting frees
    # them); with the default threshold the cyclic collector rescans them so often that it
    # took 40% of a large `check` (bench/run). Collect less often, not never.
    gc.set_threshold(50_000, 50, 1000)
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
    try:
        sys.stderr.write(msg("error.interrupted", default_lang()) + "\n")
        sys.stderr.flush()
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
