"""Process exit codes."""

from enum import IntEnum


class Exit(IntEnum):
    """0 ok, 1 a negative answer, 2 bad input or usage, 3 internal error, 130 interrupted."""

    OK = 0
    NEGATIVE = 1
    BAD_INPUT = 2
    INTERNAL = 3
    INTERRUPTED = 130
