"""Which of our assessments a ranking rests on: what flips #1 and the top three, how likely each vendor is first, what to confirm."""

from __future__ import annotations

from ...messages import joined, msg, value_label
from ...model.ranking import AssessmentChange, Assessments, FlipCheck
from ..blocks import Block, Heading, Items
from ..describe import number

SHOWN_FLIPS = 3


def assessment_blocks(a: Assessments | None, lang: str, level: int = 2, limit: int | None = SHOWN_FLIPS) -> list[Block]:
    """The flip conditions (the first `limit` flips of each, all with None), the likelihood under draws and the
    questions to put to vendors (nothing for an old record)."""
    if a is None:
        return []
    names = {v: name.get(lang) for v, name in a.names.items()}
    items: list[tuple[int, str]] = []
    for target, check in (("first", a.first), ("top3", a.top3)):
        items += flip_items(target, check, names, lang, limit)
    if a.closest:
        c = a.closest
        key = "assess.closest_tie" if c.lead == 0 else "assess.closest"  # a tie on the score goes to the larger F
        items.append((0, msg(key, lang, change=change_text(c.change, names, lang), runner=names.get(c.runner_up, c.runner_up),
                             lead=number(c.lead))))
    if a.likelihood:
        items.append((0, msg("assess.likelihood", lang, draws=a.draws, p=number(a.flag_probability), seed=a.seed)))
        items += [(1, msg("assess.likelihood_row", lang, name=names.get(p.vendor, p.vendor), first=_pct(p.first), top3=_pct(p.top3)))
                  for p in a.likelihood]
    blocks: list[Block] = [Heading(msg("assess.heading", lang), level), Items(tuple(items))]
    if a.confirm:
        blocks += [Heading(msg("assess.confirm", lang), level), Items(tuple((0, q.question.get(lang)) for q in a.confirm))]
    return blocks


def flip_items(target: str, check: FlipCheck, names: dict[str, str], lang: str, limit: int | None) -> list[tuple[int, str]]:
    """Whether #1 (`first`) or the top three (`top3`) holds, and the first `limit` smallest changes that do not."""
    items = [(0, msg(f"assess.{target}_holds_{check.holds_up_to}", lang, n=len(check.flips)))]
    for flip in check.flips[:limit]:
        top = "、".join(names.get(v, v) for v in flip.top) if lang == "zh" else ", ".join(names.get(v, v) for v in flip.top)
        after = msg(f"assess.after_{target}", lang, top=top or msg("assess.nobody", lang))
        items.append((1, f"{' + '.join(change_text(c, names, lang) for c in flip.changes)} → {after}"))
    if limit is not None and len(check.flips) > limit:
        items.append((1, msg("assess.more", lang, n=len(check.flips) - limit)))
    return items


def change_text(c: AssessmentChange, names: dict[str, str], lang: str) -> str:
    """One change of one of our assessments, in a few words: `华为云 D5 5→4 [D5.5]`."""
    name = names.get(c.vendor, c.vendor)
    head, _, item = c.field.partition(".")
    if head == "ratings":
        rung = f" [{c.rung}]" if c.rung else ""
        return msg("assess.change.rating", lang, name=name, dim=item, before=c.before, after=c.after) + rung
    if head == "shares":
        return msg("assess.change.share", lang, name=name, share=msg(f"share.{item}", lang), before=number(c.before),
                   after=number(c.after))
    label = value_label(item, lang)
    if not c.after:
        return msg("assess.change.without", lang, name=name, item=label)
    alike = msg("assess.change.alike", lang, others=joined((value_label(x, lang) for x in c.alike), lang))
    return msg("assess.change.with", lang, name=name, item=label) + (alike if c.alike else "")


def hinge_line(a: Assessments | None, lang: str) -> str:
    """One line for `ask`: whether the live #1 hinges on a single one of our assessments ('' when not analysed)."""
    if a is None:
        return ""
    if a.first.holds_up_to == 0 and a.first.flips:
        names = {v: name.get(lang) for v, name in a.names.items()}
        return msg("assess.hinges", lang, change=change_text(a.first.flips[0].changes[0], names, lang), n=len(a.first.flips))
    return msg("assess.no_hinge", lang)


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"
