"""What a command says of the vendor files it was given (`--file`): the template placeholders still in them."""

from __future__ import annotations

from ..messages import joined, msg


def warn_template_values(env, known, lang: str) -> None:
    """Say which `--file` vendors still hold the template's placeholders, and on which lines."""
    from ..decide.templates import template_leftovers
    from ..render.present import warn

    for vid in known.given:
        doc = known.docs[vid]
        left = sorted({doc.locate(path).line for path in dict.fromkeys(template_leftovers(doc.data))} - {None})
        if left:
            shown = joined([*map(str, left[:SHOWN_LINES]), *(["…"] if len(left) > SHOWN_LINES else [])], lang)
            warn(env, msg("check.template_left", lang, file=doc.file, n=len(left), lines=shown))


SHOWN_LINES = 8
