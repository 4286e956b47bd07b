"""Blocks as one self-contained HTML file: inline style, every text escaped, nothing loaded from outside.

A pure function of the blocks: the same blocks give the same bytes. The tests open it in a
headless browser.
"""

from __future__ import annotations

import html

from .blocks import Block, Callout, Code, Facts, Heading, Items, Paragraph, Separator, Table, Tree, Verbatim, plain, preformatted, tree_lines

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #1b1b1b; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #f2f2f2; }
table.facts th { background: none; font-weight: 600; }
td { font-family: ui-monospace, monospace; font-size: 0.9em; }
.wide { overflow-x: auto; }
.callout { padding: 0.6em 1em; border-left: 0.4em solid #2e7d32; background: #eef7ee; font-weight: 600; }
.callout.alert { border-left-color: #c62828; background: #fdecea; color: #8e1b1b; }
""".strip()

# The CSP forbids any load at all, inline style aside: even a stray reference could not reach the network.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def render_html(blocks: list[Block], lang: str) -> str:
    """The blocks as one HTML document titled by its first heading, in `lang`."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "zhisuan")
    body = "\n".join(_html(block) for block in blocks)
    head = (
        f'<!DOCTYPE html>\n<html lang="{"zh" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
    )
    return head + body + "\n</body>\n</html>\n"


def _row(cells, tag: str) -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(plain(c))}</{tag}>" for c in cells) + "</tr>"


def _html(block: Block) -> str:
    esc = html.escape
    if isinstance(block, Heading):
        return f"<h{block.level}>{esc(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{esc(block.text)}</p>"
    if isinstance(block, Facts):
        rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in block.rows)
        return f'<table class="facts"><tbody>{rows}</tbody></table>'
    if isinstance(block, Table):  # cells break at spaces only; a table wider than the page scrolls
        rows = "\n".join(_row(row, "td") for row in block.rows)
        return f'<div class="wide"><table><thead>{_row(block.headers, "th")}</thead><tbody>\n{rows}\n</tbody></table></div>'
    if isinstance(block, Callout):
        return f'<p class="callout{" alert" if block.alert else ""}" role="{"alert" if block.alert else "status"}">{esc(block.text)}</p>'
    if isinstance(block, Items):
        return _list([(depth, esc(text)) for depth, text in block.items])
    if isinstance(block, Tree):
        return f"<h{block.level}>{esc(block.label)}</h{block.level}>\n" + _list([(depth, html.escape(label)) for depth, label in tree_lines(block.children)])
    if isinstance(block, Separator):
        return f"<hr>\n<h2>{esc(block.title)}</h2>"
    if isinstance(block, (Code, Verbatim)):
        return f"<pre>{esc(preformatted(block).rstrip(chr(10)))}</pre>"
    raise TypeError(f"not a block: {block!r}")


def _list(items: list[tuple[int, str]]) -> str:
    """Nested <ul> from (depth, escaped text) items; a depth that jumps by more than one gets empty items between."""
    parts, depth = ["<ul>"], 0
    for level, text in items:
        while depth < level:  # deeper: open a list inside the last item (an empty one where there is none)
            if parts[-1].endswith("</li>"):
                parts[-1] = parts[-1][: -len("</li>")]
            else:
                parts.append("<li>")
            parts.append("<ul>")
            depth += 1
        while depth > level:
            parts.append("</ul></li>")
            depth -= 1
        parts.append(f"<li>{text}</li>")
    while depth > 0:
        parts.append("</ul></li>")
        depth -= 1
    parts.append("</ul>")
    return "".join(parts)
