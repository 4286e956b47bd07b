"""What a vendor below core must change: its smallest sets of changes, alike ones grouped, with the
sub-criteria they decide, the report's definition and section and the evidence the report accepts."""

from __future__ import annotations

from ...decide.qualify import MAX_CHANGES
from ...messages import joined, msg, value_label
from ...model.decision import Change, PathTo, VendorDecision
from ...model.fields import FIELDS
from ..blocks import Block, Heading, Tree, node
from ..describe import source_label, value_text, vendor_label

# One option: the changes of one or more minimal paths that differ only in the value of one change,
# each as (field, action, values, subs).
Option = list[tuple[str, str, list[str], list[str]]]
_CHANGE_KEY = {("add", False): "path.add", ("add", True): "path.add_one_of",
               ("set", False): "path.set", ("set", True): "path.set_one_of"}


def path_blocks(decisions: list[VendorDecision], lang: str) -> list[Block]:
    """A heading and a tree per vendor and target ([] when no vendor has paths computed)."""
    trees = [path_tree(vendor_label(d, lang), p, lang) for d in decisions for p in d.path_to or ()]
    return [Heading(msg("path.title", lang), level=2, hanging=True), *trees] if trees else []


def path_tree(vendor: str, path: PathTo, lang: str, level: int = 3) -> Tree:
    """One vendor's way to one target: what is short, each option, and the sub-criteria the options decide
    (`level`: the heading its label becomes in a document)."""
    what = [msg(key, lang, subs=joined(subs, lang)) for key, subs in (("path.short", path.unmet), ("path.unknown", path.unknown)) if subs]
    label = msg("path.vendor", lang, vendor=vendor, target=value_label(path.target, lang), what=msg("sep", lang).join(what))
    options = grouped(path.paths)
    children = [Tree(msg("path.option", lang, i=i, n=len(option), changes=msg("sep", lang).join(
        _change_text(change, lang) for change in option))) for i, option in enumerate(options, 1)]
    if path.more:
        children.append(Tree(msg("path.more", lang, n=path.more)))
    if not path.paths:
        children.append(Tree(msg("path.none_unknown" if path.unknown else "path.none", lang, max=MAX_CHANGES)))
    if path.blocked_by:
        facts = joined((f"{_field_title(f.field, lang)} = {value_label(value_text(f.value), lang)} ({source_label(f.source, lang)})"
                        for f in path.blocked_by), lang)
        children.append(Tree(msg("path.fixed", lang, facts=facts)))
    for sid, sub in path.subs.items():
        evidence = [Tree(msg("path.evidence", lang, evidence=sub.evidence.get(lang)))] if sub.evidence else []
        children.append(node(msg("path.sub", lang, sub=sid, title=sub.title.get(lang), source=source_label(sub.source, lang)),
                             evidence))
    return Tree(label, tuple(children), level)


def grouped(paths: list[list[Change]]) -> list[Option]:
    """The paths as options: paths alike but for the value of one change (same field and action) share one option."""
    options: list[Option] = []
    for path in paths:
        steps = [(c.field, c.action, [c.value], c.subs) for c in path]
        for option in options:
            at = _only_difference(option, steps)
            if at is not None:
                option[at][2].append(steps[at][2][0])
                break
        else:
            options.append(steps)
    return options


def _only_difference(option: Option, steps: Option) -> int | None:
    """The one position where `steps` differs from `option`, when only a value differs there (an option
    already grouped at a position differs from any path at it, so it only ever grows there)."""
    if len(option) != len(steps):
        return None
    differ = [i for i, (a, b) in enumerate(zip(option, steps)) if a != b]
    if len(differ) != 1:
        return None
    (field, action, _, subs), (other_field, other_action, _, other_subs) = option[differ[0]], steps[differ[0]]
    return differ[0] if (field, action, subs) == (other_field, other_action, other_subs) else None


def _change_text(step: tuple[str, str, list[str], list[str]], lang: str) -> str:
    """`chips supported: add one of Ascend, Cambricon (A1)`."""
    field, action, values, subs = step
    text = msg(_CHANGE_KEY[action, len(values) > 1], lang, field=_field_title(field, lang), value=joined((value_label(v, lang) for v in values), lang))
    return text + (msg("path.decides", lang, subs=joined(subs, lang)) if subs else "")


def _field_title(field: str, lang: str) -> str:
    """A fact's title from the catalogue (its name when it has none)."""
    spec = FIELDS.get(field)
    return spec.title.get(lang) if spec else field
