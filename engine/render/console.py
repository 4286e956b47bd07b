"""A rich Console built from the environment: plain text when not a terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table


def make_console(stream, isatty: bool, color: bool, width: int) -> Console:
    """A Console that writes to `stream`; no colour or styling unless `color`."""
    return Console(
        file=stream,
        width=width,
        force_terminal=isatty,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,  # vendor text and sources contain [brackets]; never parse them as styles
        emoji=False,
        soft_wrap=False,
    )


def make_table(console: Console, *headers: str, wrap: tuple[int, ...] = ()) -> Table:
    """A table with `headers`; boxed on a terminal, plain columns in a pipe.

    Only the columns listed in `wrap` may wrap; the others keep their width.
    """
    table = Table(box=box.SIMPLE_HEAD if console.is_terminal else None, pad_edge=False, show_edge=False)
    for i, header in enumerate(headers):
        table.add_column(header, no_wrap=i not in wrap, overflow="fold")
    return table
