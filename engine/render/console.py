"""Blocks on a terminal (the `table` format), drawn with rich: plain text when not a terminal."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree as RichTree

from .blocks import Block, Callout, Code, Facts, Heading, Items, Paragraph, Separator, Styled, Table, Tree, Verbatim, plain, preformatted, tree_lines

TREE_MIN_WIDTH = 60


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


def render_text(blocks: list[Block], isatty: bool, color: bool, width: int) -> str:
    """The blocks as terminal text: `Verbatim` and `Code` as they are, the rest drawn by rich.

    Off a terminal every drawn line loses its trailing spaces (rich pads to the width).
    """
    out: list[str] = []
    run: list[Block] = []

    def flush() -> None:
        if not run:
            return
        buffer = io.StringIO()
        draw(make_console(buffer, isatty, color, width), run)
        text = buffer.getvalue()
        out.append(text if isatty else "".join(line.rstrip() + "\n" for line in text.splitlines()))
        run.clear()

    for block in blocks:
        if isinstance(block, (Verbatim, Code)):
            flush()
            out.append(preformatted(block))
        else:
            run.append(block)
    flush()
    return "".join(out)


def draw(console: Console, blocks: list[Block]) -> None:
    """Print each block on `console`."""
    for block in blocks:
        if isinstance(block, Heading):
            if block.level > 1:
                console.print()
            print_line(console, block.text, hanging=block.hanging)
        elif isinstance(block, Paragraph):
            print_line(console, block.text, hanging=block.hanging)
        elif isinstance(block, Items):
            for depth, text in block.items:
                print_line(console, "  " * depth + text)
        elif isinstance(block, Facts):
            for key, value in block.rows:
                print_line(console, f"{key}: {value}")
        elif isinstance(block, Table):
            print_table(console, block)
        elif isinstance(block, Tree):
            if console.width < TREE_MIN_WIDTH:  # guide lines would leave a word no room: lines indented instead
                print_line(console, block.label)
                for depth, label in tree_lines(block.children, 1):
                    print_line(console, "  " * depth + label)
            else:
                console.print(_rich_tree(block))
        elif isinstance(block, Separator):
            console.rule(block.title, style="bold")
        elif isinstance(block, Callout):
            print_line(console, ("! " if block.alert else "✓ ") + block.text)
        else:
            raise TypeError(f"not a block for a terminal: {block!r}")


def _rich_tree(tree: Tree, parent: RichTree | None = None) -> RichTree:
    here = RichTree(tree.label) if parent is None else parent.add(tree.label)
    for child in tree.children:
        _rich_tree(child, here)
    return here


def print_table(console: Console, table: Table) -> None:
    """Print `table` so that no word is split and no value is cut.

    A column that does not wrap gets its longest cell; a wrapping column at least its longest
    word, then a share of the room left in proportion to what it could still use. When even
    the minimum does not fit the width, each row is printed as `header: value` lines instead.
    """
    columns = [[plain(row[i]) for row in table.rows] + [table.headers[i]] for i in range(len(table.headers))]
    mins, wants = [], []
    for i, cells in enumerate(columns):
        full = max(cell_len(c) for c in cells)
        # a wrapping column narrower than 8 cells (4 CJK characters) reads badly: keep at least that
        least = max(max(_longest_unit(c) for c in cells), min(full, 8)) if i in table.wrap else full
        mins.append(least)
        wants.append(full)
    room = console.width - (len(columns) - 1)  # one column of padding between columns
    if sum(mins) > room:
        _print_as_list(console, table)
        return
    spare = room - sum(mins)
    growth = [want - least for least, want in zip(mins, wants)]
    total_growth = sum(growth) or 1
    # No box: a box's padding is not collapsed, so widths would differ between a terminal and a
    # pipe; on a terminal the header is bold instead of underlined.
    grid = RichTable(box=None, pad_edge=False, show_edge=False, collapse_padding=True, header_style="bold")
    for i, (header, least, grow) in enumerate(zip(table.headers, mins, growth)):
        grid.add_column(header, no_wrap=i not in table.wrap, overflow="fold", width=least + min(grow, spare * grow // total_growth))
    for row in table.rows:
        grid.add_row(*(Text(cell.text, style=cell.style) if isinstance(cell, Styled) else plain(cell) for cell in row))
    console.print(grid)


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


def _print_as_list(console: Console, table: Table) -> None:
    for first, *rest in table.rows:
        print_line(console, f"{table.headers[0]} {plain(first)}")
        for header, cell in zip(table.headers[1:], rest):
            print_line(console, f"  {header}: {plain(cell)}")


def print_line(console: Console, line: str, hanging: bool = True) -> None:
    """Print `line` wrapped at word boundaries, continuation lines indented under its text (`hanging`).

    The indent is the line's own leading spaces plus two, so a wrapped item reads as one. No word
    is ever split: a word longer than the room makes its line longer than the screen instead.
    """
    lead = len(line) - len(line.lstrip(" "))
    indent = lead + 2 if hanging else lead
    text = line.lstrip(" ")
    width = max(console.width - indent, 20, _longest_unit(text))
    for i, part in enumerate(Text(text).wrap(console, width)):
        console.print(" " * (lead if i == 0 else indent) + part.plain.rstrip(), soft_wrap=True)
