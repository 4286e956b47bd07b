"""A rich Console built from the environment: plain text when not a terminal."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text


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
    """A table with `headers`, plain columns one space apart.

    Only the columns listed in `wrap` may wrap; the others keep their width.
    """
    # No box: a box's padding is not collapsed, so widths would differ between a terminal and a
    # pipe; on a terminal the header is bold instead of underlined.
    table = Table(box=None, pad_edge=False, show_edge=False, collapse_padding=True, header_style="bold")
    for i, header in enumerate(headers):
        table.add_column(header, no_wrap=i not in wrap, overflow="fold")
    return table


def _plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def print_table(console: Console, table: Table) -> None:
    """Print `table` so that no word is split and no value is cut.

    A column that does not wrap gets its longest cell; a wrapping column at least its longest
    word, then a share of the room left in proportion to what it could still use. When even
    the minimum does not fit the width, each row is printed as `header: value` lines instead.
    """
    mins, wants = [], []
    for column in table.columns:
        cells = [_plain(c) for c in column._cells] + [_plain(column.header)]
        full = max(cell_len(c) for c in cells)
        # a wrapping column narrower than 8 cells (4 CJK characters) reads badly: keep at least that
        least = full if column.no_wrap else max(max(_longest_unit(c) for c in cells), min(full, 8))
        mins.append(least)
        wants.append(full)
    room = console.width - _gaps(table)
    if sum(mins) > room:
        _print_as_list(console, table)
        return
    spare = room - sum(mins)
    growth = [want - least for least, want in zip(mins, wants)]
    total_growth = sum(growth) or 1
    for column, least, grow in zip(table.columns, mins, growth):
        column.width = least + min(grow, spare * grow // total_growth)
    console.print(table)


def _longest_unit(text: str) -> int:
    """The widest run a line may not be broken inside: a word, or one CJK character (lines may
    break between CJK characters, as Chinese text does)."""
    longest = run = 0
    for ch in text:
        if ch.isspace():
            run = 0
        elif cell_len(ch) > 1:  # a wide (CJK) character is a unit of its own
            longest, run = max(longest, cell_len(ch)), 0
            continue
        else:
            run += cell_len(ch)
        longest = max(longest, run)
    return longest


def _gaps(table: Table) -> int:
    """Columns of the screen that padding takes: one between columns when padding collapses."""
    return len(table.columns) - 1


def _print_as_list(console: Console, table: Table) -> None:
    headers = [_plain(c.header) for c in table.columns]
    for row in zip(*(c._cells for c in table.columns)):
        first, *rest = row
        print_line(console, f"{headers[0]} {_plain(first)}")
        for header, cell in zip(headers[1:], rest):
            print_line(console, f"  {header}: {_plain(cell)}")


def print_line(console: Console, line: str) -> None:
    """Print `line` wrapped at word boundaries, continuation lines indented under its text.

    The indent is the line's own leading spaces plus two, so a wrapped item reads as one.
    """
    lead = len(line) - len(line.lstrip(" "))
    indent = lead + 2
    width = max(console.width - indent, 20)
    wrapped = Text(line.lstrip(" ")).wrap(console, width)
    for i, part in enumerate(wrapped):
        console.print(" " * (lead if i == 0 else indent) + part.plain.rstrip())
