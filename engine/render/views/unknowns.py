"""What the unknown facts decide: the results they cannot change ("partial whatever T3 is"), and those they
can, with the unknowns that alone would settle each."""

from __future__ import annotations

from ...messages import joined, msg, value_label
from ...model.decision import Decider, VendorDecision
from ...model.fields import FIELDS
from ..blocks import Block, Heading, Tree, node
from ..describe import value_text, vendor_label

LISTED_UNKNOWNS = 4  # past this many, a result says how many unknowns decide it, not which


def unknown_blocks(decisions: list[VendorDecision], lang: str) -> list[Block]:
    """A heading and one tree per vendor with unknown facts that matter or not ([] when none has any)."""
    trees = [node(vendor_label(d, lang), [Tree(line) for line in unknown_lines(d, lang)])
             for d in decisions if d.settled or d.unsettled]
    return [Heading(msg("settle.title", lang), level=2), *trees] if trees else []


def unknown_lines(d: VendorDecision, lang: str) -> list[str]:
    """One line per result: settled whatever the unknowns are, or undetermined with what decides it (one line
    for all when many unknowns are in play and none alone settles anything)."""
    many = {f for r in (*d.settled, *d.unsettled) for f in r.unknowns}
    if len(many) > LISTED_UNKNOWNS and not any(u.deciders for u in d.unsettled):
        held = msg("settle.compact_held", lang, facts=joined((_fact(s.fact, lang) for s in d.settled), lang)) if d.settled else ""
        return [msg("settle.compact", lang, n=len(many), open=joined((_fact(u.fact, lang) for u in d.unsettled), lang), held=held)]
    lines = [msg("settle.holds", lang, fact=_fact(s.fact, lang), value=value_label(s.value, lang),
                 unknowns=joined((_field(f, lang) for f in s.unknowns), lang)) for s in d.settled]
    for u in d.unsettled:
        values = joined((value_label(v, lang) for v in u.values), lang)
        if len(u.unknowns) > LISTED_UNKNOWNS:
            line = msg("settle.open_many", lang, fact=_fact(u.fact, lang), values=values, n=len(u.unknowns))
        else:
            line = msg("settle.open", lang, fact=_fact(u.fact, lang), values=values,
                       unknowns=joined((_field(f, lang) for f in u.unknowns), lang))
        if u.deciders:
            line += msg("settle.deciders", lang, deciders=msg("sep", lang).join(_decider(x, lang) for x in u.deciders))
        lines.append(line)
    return lines


def _fact(fact: str, lang: str) -> str:
    """`track`, `supplier type`, `T third-party`."""
    if fact == "track":
        return msg("column.track", lang)
    if fact == "supplier_type":
        return msg("column.type", lang)
    criterion = fact.split(".")[1]
    return f"{criterion} {msg(f'criterion.{criterion}', lang)}"


def _field(field: str, lang: str) -> str:
    spec = FIELDS.get(field)
    return spec.title.get(lang) if spec else field


def _decider(x: Decider, lang: str) -> str:
    """`T3 recorded status met → met`, `pricing options with pay_as_you_go → met`."""
    if x.element is not None:
        key = "settle.with" if x.value else "settle.without"
        cause = msg(key, lang, field=_field(x.field, lang), element=value_label(x.element, lang))
    else:
        cause = f"{_field(x.field, lang)} {value_label(value_text(FIELDS[x.field].to_user(x.value)), lang)}"
    return f"{cause} → {value_label(x.gives, lang)}"
