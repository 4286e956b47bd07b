"""Blocks drawn as rich tables and text and exported as one SVG picture that loads nothing from outside."""

from __future__ import annotations

import io

from .blocks import Block, Callout, Code, Facts, Heading, Items, Paragraph, Separator, Table, Tree, Verbatim, plain, preformatted, tree_lines

SVG_WIDTH = 160  # terminal columns of the picture

# rich's own SVG template with the web font's download addresses and the generator's link left
# out: the font is used when the machine has it (`local()`), else any monospace font.
_TEMPLATE = """\
<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
    <style>

    @font-face {{
        font-family: "Fira Code";
        src: local("FiraCode-Regular");
        font-style: normal;
        font-weight: 400;
    }}
    @font-face {{
        font-family: "Fira Code";
        src: local("FiraCode-Bold");
        font-style: bold;
        font-weight: 700;
    }}

    .{unique_id}-matrix {{
        font-family: Fira Code, monospace;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}

    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: arial;
    }}

    {styles}
    </style>

    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>

    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})" clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""


def render_svg(blocks: list[Block], lang: str) -> str:
    """The blocks as one SVG picture titled by the first level-1 heading; hashes and ids are never folded."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(record=True, file=io.StringIO(), width=_width(blocks), color_system="truecolor", force_terminal=True,
                      markup=False, highlight=False, emoji=False, soft_wrap=False)
    title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 1), "zhisuan")
    for block in blocks:
        if isinstance(block, Heading):
            console.print(Text(block.text, style="bold" if block.level > 2 else "bold underline"))
        elif isinstance(block, Paragraph):
            console.print(Text(block.text))
        elif isinstance(block, (Facts, Table)):
            facts = isinstance(block, Facts)
            rows = [tuple(plain(c) for c in row) for row in block.rows]
            table = RichTable(box=box.SQUARE, show_header=not facts, header_style="bold")
            for i, header in enumerate(("", "") if facts else block.headers):
                tokens = all(" " not in row[i] for row in rows)  # hashes and ids: never folded
                table.add_column(header, overflow="fold", no_wrap=tokens and not facts)
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            console.print(table)
        elif isinstance(block, Items):
            for depth, text in block.items:
                console.print(Text("  " * depth + "- " + text))
        elif isinstance(block, Tree):
            console.print(Text(block.label, style="bold"))
            for depth, text in tree_lines(block.children):
                console.print(Text("  " * depth + "- " + text))
        elif isinstance(block, Separator):
            console.rule(block.title)
        elif isinstance(block, Callout):
            console.print(Text(("⚠ " if block.alert else "✓ ") + block.text, style="bold red" if block.alert else "bold green"))
        elif isinstance(block, (Code, Verbatim)):
            console.print(Text(preformatted(block).rstrip("\n")))
        console.print()
    return console.export_svg(title=title, code_format=_TEMPLATE)


def _width(blocks: list[Block]) -> int:
    """The picture's width in columns: SVG_WIDTH, or wider where a table's longest words (and whole hashes
    and ids) need it, so that no value is ever broken inside a word."""
    from rich.cells import cell_len

    widest = SVG_WIDTH
    for block in blocks:
        if isinstance(block, (Facts, Table)):
            rows = [tuple(plain(c) for c in row) for row in block.rows]
            headers = ("", "") if isinstance(block, Facts) else block.headers
            need = 1
            for i, header in enumerate(headers):
                cells = [row[i] for row in rows]
                token = not isinstance(block, Facts) and all(" " not in c for c in cells)
                words = [cell_len(c) if token else max((cell_len(w) for w in c.split()), default=0) for c in cells + [header]]
                need += max(words, default=0) + 3  # a space either side and a border
            widest = max(widest, need)
    return widest
