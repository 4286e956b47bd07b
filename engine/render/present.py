"""The presentation seam: the one way a command's output reaches standard output.

A command builds its result and calls `show(env, VIEW, result, fmt, lang)` once. The view (in
`render/views/`) turns the result into blocks, or into its JSON document; the renderer of the
chosen format, and only that one, is imported and writes them. On a terminal, output taller than
the screen goes through the pager. `env` is the command's environment: its streams, whether they
are a terminal, the width, the pager.

Everything written here, to stdout or stderr, passes the one text check first (engine.text): a
control or format character that reached a result anyway (a forged record, a file name) is
written escaped, never raw. Here, once, is where a block's text is held to one line: every text
of every block (a name, a path, a cell, a heading, a Verbatim line) has its tab and newline
escaped as well, so data cannot start a line (a forged error, a Markdown heading); only a Code
block keeps its line breaks. JSON and the documents (Markdown, HTML, SVG: a file, which declares or
assumes UTF-8) are written as UTF-8 bytes whatever the stream's encoding; only terminal text is
written in the stream's own.
"""

from __future__ import annotations

import shlex
import subprocess
from typing import Any

from ..json_text import dumps, dumps_line
from ..text import single_line, visible
from .blocks import Block, Code, Verbatim, map_text

def show(env, view: str, result: Any, fmt: str, lang: str, **options: Any) -> None:
    """Write `result` in `fmt` ("table" on a terminal, "markdown", "html", "svg", "json", "jsonl") through `view`."""
    chosen = _view(view)
    if getattr(chosen, {"json": "document", "jsonl": "lines"}.get(fmt, "blocks")) is None:
        raise ValueError(f"view {view!r} has no {fmt} form")  # a command offers only the formats its view has
    if fmt == "json":
        write_utf8(env, dumps(chosen.document(result, lang, **options)))
    elif fmt == "jsonl":
        write_utf8(env, "".join(dumps_line(value) for value in chosen.lines(result, lang, **options)))
    else:
        blocks = safe_blocks(chosen.blocks(result, lang, fmt, **options))
        if fmt == "table":
            from .console import render_text  # rich loads only when something is drawn

            drawn = any(not isinstance(b, (Verbatim, Code)) for b in blocks)  # text printed as it is is never paged
            _to_terminal(env, render_text(blocks, env.isatty, env.color, env.width), page=drawn)
        else:
            write_utf8(env, _renderer(fmt)(blocks, lang))


def safe_blocks(blocks: list[Block]) -> list[Block]:
    """Every text of `blocks` through the one text check: a Code block's line breaks kept, every other text one line."""
    return [Code(visible(b.text)) if isinstance(b, Code) else map_text([b], single_line)[0] for b in blocks]


def write_utf8(env, text: str) -> None:
    """Write `text` to stdout as UTF-8 bytes, whatever the stream's encoding (JSON, a Markdown, HTML or SVG document)."""
    write = getattr(env.stdout, "write_utf8", None)
    if write is not None:
        write(text)
    else:  # an in-memory stream: text is what it holds
        env.stdout.write(text)


def show_text(env, text: str) -> None:
    """Write text a command prints as it is (a completion script, the help, a template)."""
    env.stdout.write(visible(text))


def prompt(env, text: str) -> None:
    """Write a question or an answer's echo of an interactive session, at once."""
    env.stdout.write(visible(text))
    env.stdout.flush()


def show_traceback(env) -> None:
    """Write the traceback of the error being handled to stderr (--debug)."""
    import traceback

    env.stderr.write(visible(traceback.format_exc()))


def warn(env, text: str) -> None:
    """Write one message (an error, a warning, a notice) and its newline to stderr."""
    env.stderr.write(visible(text) + "\n")


def progress(env, label: str, streaming: bool = False):
    """A live count on a terminal's stderr while a batch runs (removed when done); elsewhere nothing, and
    nothing when `streaming` lines to the same terminal (they show the progress, and would cross the count).

    Use as `with progress(env, label) as tick:` and call `tick()` once per item.
    """
    from contextlib import nullcontext

    if not (hasattr(env.stderr, "isatty") and env.stderr.isatty()) or (streaming and env.isatty):
        return nullcontext(lambda: None)
    from .progress import Counter

    return Counter(env.stderr, label)


def _view(name: str):
    """The view `name` (`family` or `family.part`), importing only its family's module."""
    family, _, part = name.partition(".")
    if family == "check":
        from .views import check as module
    elif family == "rank":
        from .views import rank as module
    elif family == "rules":
        from .views import rules as module
    elif family == "audit":
        from .views import audit as module
    elif family == "ask":
        from .views import ask as module
    elif family == "init":
        from .views import init as module
    elif family == "schema":
        from .views import schema as module
    elif family == "vendors":
        from .views import vendors as module
    else:
        raise KeyError(f"no view {name!r}")
    return module.VIEWS[part or family]


def _renderer(fmt: str):
    """The function that turns blocks into a document of `fmt`."""
    if fmt == "markdown":
        from .markdown import render_markdown

        return lambda blocks, lang: render_markdown(blocks)
    if fmt == "html":
        from .html import render_html

        return render_html
    if fmt == "svg":
        from .svg import render_svg

        return render_svg
    raise KeyError(f"no format {fmt!r}")


def _to_terminal(env, text: str, page: bool) -> None:
    """On a terminal, page drawn text taller than the screen; otherwise write it."""
    if page and env.isatty and env.pager and text.count("\n") >= env.height and _page(env.pager, text):
        return
    env.stdout.write(text)


def _page(pager: str, text: str) -> bool:
    """Show `text` through the pager; False if the pager cannot be started."""
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False)
    except (OSError, ValueError):
        return False
    return True
