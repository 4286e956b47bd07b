"""The report blocks of `audit_report` as Markdown, as one self-contained HTML file, or as SVG.

Each renderer is a pure function of the blocks: the same record gives the same bytes. The
HTML and the SVG refer to nothing outside themselves (no font, script, style sheet or image
from the network); the HTML is checked in a headless browser by the tests.
"""

from __future__ import annotations

import html
import io
import re

from .audit_report import Block, Facts, Heading, Paragraph, Table
from .markdown import markdown_table

SVG_WIDTH = 160  # terminal columns of the SVG picture

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #1b1b1b; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #f2f2f2; }
table.facts th { background: none; font-weight: 600; }
td { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
""".strip()

# The CSP forbids any load at all, inline style aside: even a stray reference could not reach the network.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _markdown_cell(text: str) -> str:
    """A cell's lines joined by <br>, their indentation kept as no-break spaces."""
    lines = text.split("\n")
    return "<br>".join("\u00a0" * (len(line) - len(line.lstrip(" "))) + line.lstrip(" ") for line in lines)


def report_markdown(blocks: list[Block], lang: str) -> str:
    """The report as a Markdown document (pipes in table cells escaped)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Facts):
            lines += [f"- {key}: {value}" for key, value in block.rows] + [""]
        elif isinstance(block, Table):
            rows = [[_markdown_cell(cell) for cell in row] for row in block.rows]
            lines += markdown_table(list(block.headers), rows) + [""]
        else:
            lines += [block.text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _row(cells: tuple[str, ...], tag: str) -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def report_html(blocks: list[Block], lang: str) -> str:
    """The report as one self-contained HTML file: inline style, every text escaped, no external URL."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "zhisuan")
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Facts):
            rows = "".join(f'<tr><th scope="row">{html.escape(k)}</th><td>{html.escape(v)}</td></tr>' for k, v in block.rows)
            body.append(f'<table class="facts"><tbody>{rows}</tbody></table>')
        elif isinstance(block, Table):
            rows = "\n".join(_row(row, "td") for row in block.rows)
            body.append(f"<table><thead>{_row(block.headers, 'th')}</thead><tbody>\n{rows}\n</tbody></table>")
        else:
            body.append(f"<p>{html.escape(block.text)}</p>")
    head = (
        f'<!DOCTYPE html>\n<html lang="{"zh" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


# What rich's SVG template refers to outside the file: the web font's URLs and a comment with a link.
_FONT_URL = re.compile(r',\s*url\("https?://[^"]*"\)\s*format\("[^"]*"\)')
_LINK_COMMENT = re.compile(r"\s*<!--[^>]*https?://[^>]*-->")


def report_svg(blocks: list[Block], lang: str) -> str:
    """The report drawn as rich tables and exported as SVG, with rich's web-font URLs removed."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(record=True, file=io.StringIO(), width=SVG_WIDTH, color_system="truecolor", force_terminal=True,
                      markup=False, highlight=False, emoji=False, soft_wrap=False)
    title = "zhisuan"
    for block in blocks:
        if isinstance(block, Heading):
            title = block.text if block.level == 1 else title
            console.print(Text(block.text, style="bold" if block.level > 2 else "bold underline"))
        elif isinstance(block, Paragraph):
            console.print(Text(block.text))
        else:
            facts = isinstance(block, Facts)
            table = RichTable(box=box.SQUARE, show_header=not facts, header_style="bold")
            for i, header in enumerate(("", "") if facts else block.headers):
                tokens = all(" " not in row[i] for row in block.rows)  # hashes and ids: never folded
                table.add_column(header, overflow="fold", no_wrap=tokens and not facts)
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))
            console.print(table)
        console.print()
    svg = console.export_svg(title=title)
    return _LINK_COMMENT.sub("", _FONT_URL.sub("", svg))


RENDERERS = {"markdown": report_markdown, "html": report_html, "svg": report_svg}
