"""Comparing two outcomes (a record replayed, two rule sets, a rule left out): what changed, and the rules responsible."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One outcome that differs: where (vendor and what), before and after."""

    vendor: str
    what: str  # track, supplier_type, criteria.T, sub.T1, missing; place, score, to_confirm, need.<id>
    before: str | None
    after: str | None


def check_changes(before: dict, after: dict) -> list[Change]:
    """Differences between two check documents, vendor by vendor, in a stable order."""
    old = {v["id"]: v for v in before["vendors"]}
    new = {v["id"]: v for v in after["vendors"]}
    changes: list[Change] = []
    for vid in sorted(set(old) | set(new)):
        a, b = old.get(vid), new.get(vid)
        if a is None or b is None:
            changes.append(Change(vid, "missing", "present" if a else None, "present" if b else None))
            continue
        for key in ("track", "supplier_type"):
            if a[key] != b[key]:
                changes.append(Change(vid, key, a[key], b[key]))
        for cid in sorted(a["criteria"]):
            ca, cb = a["criteria"][cid], b["criteria"].get(cid, {})
            if ca["status"] != cb.get("status"):
                changes.append(Change(vid, f"criteria.{cid}", ca["status"], cb.get("status")))
            for sid in sorted(ca["sub"]):
                sa, sb = ca["sub"][sid]["status"], cb.get("sub", {}).get(sid, {}).get("status")
                if sa != sb:
                    changes.append(Change(vid, f"sub.{sid}", sa, sb))
    return changes


def rank_changes(before: dict, after: dict) -> list[Change]:
    """Differences between two rankings: a `place` when a vendor moved, was excluded or came back (with its score),
    a `score` when only its score moved, `to_confirm` when the musts to confirm with it changed, and `need.<id>`
    when what the evidence says of a stated need did."""
    def places(document: dict) -> dict[str, tuple]:
        found = {r["vendor"]: (r["rank"], r["score"]) for r in document["ranking"]}
        found.update({e["vendor"]: ("excluded", None) for e in document["excluded"]})
        return found

    def shown(place: tuple | None) -> str | None:
        return None if place is None else "excluded" if place[0] == "excluded" else f"#{place[0]} {place[1]:g}"

    a, b = places(before), places(after)
    needs_a, needs_b = _needs(before), _needs(after)
    changes = []
    for vendor in sorted(set(a) | set(b)):
        old, new = a.get(vendor), b.get(vendor)
        if old != new:
            if old is not None and new is not None and old[0] == new[0]:
                changes.append(Change(vendor, "score", f"{old[1]:g}", f"{new[1]:g}"))
            else:
                changes.append(Change(vendor, "place", shown(old), shown(new)))
        old_needs, new_needs = needs_a.get(vendor, {}), needs_b.get(vendor, {})
        for what in sorted(set(old_needs) & set(new_needs)):  # a vendor gone or excluded is its place
            if old_needs[what] != new_needs[what]:
                changes.append(Change(vendor, what, old_needs[what], new_needs[what]))
    return changes


def _needs(document: dict) -> dict[str, dict[str, str]]:
    """Per vendor: `to_confirm` (the musts to confirm, or `-`) and `need.<id>` (its status), where a document has them."""
    found = {}
    for r in document["ranking"] + document["excluded"]:
        row = {f"need.{m['need']}": m["status"] for m in r.get("needs", [])}
        if "to_confirm" in r:
            row["to_confirm"] = ", ".join(r["to_confirm"]) or "-"
        found[r["vendor"]] = row
    return found


def _traces(document: dict) -> list[tuple[str, list]]:
    if "vendors" in document:
        return [(v["id"], v["trace"]) for v in document["vendors"]]
    return [(r["vendor"], r["trace"]) for r in document["ranking"] + document["excluded"]]


def responsible_rules(before: dict, after: dict, edited: frozenset[str] = frozenset()) -> list[str]:
    """Rules whose firing, effect application or presence differs between the two traces, and the `edited`
    rules (their points or effect changed) that fired in either: what moved these outcomes."""
    def fired(document: dict) -> dict[tuple[str, str], tuple]:
        return {(vid, e["rule"]): (e["fired"], e["applied"]) for vid, trace in _traces(document) for e in trace}

    a, b = fired(before), fired(after)
    moved = {key[1] for key in set(a) | set(b) if a.get(key) != b.get(key)}
    moved |= {key[1] for key in set(a) | set(b) if key[1] in edited and (a.get(key, (False,))[0] or b.get(key, (False,))[0])}
    return sorted(moved)


def changed_rules(before: dict, after: dict) -> dict[str, list[str]]:
    """Rule ids added, removed and modified between two {id: compiled rule} tables (by the rules' definitions)."""
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "modified": sorted(r for r in set(before) & set(after) if before[r].rule != after[r].rule),
    }


@dataclass(frozen=True)
class RuleEdit:
    """What changed in one rule between two rule sets: which part (points, group, condition, effect, title,
    source) and its value before and after (None where a value says nothing, e.g. a condition)."""

    rule: str
    part: str
    before: object = None
    after: object = None


def rule_edits(before: dict, after: dict) -> list[RuleEdit]:
    """Every change of every rule modified between two {id: compiled rule} tables, part by part."""
    edits = []
    for rid in changed_rules(before, after)["modified"]:
        old, new = before[rid].rule, after[rid].rule
        old_score, new_score = old.then.score, new.then.score
        if old_score and new_score:
            if old_score.points != new_score.points:
                edits.append(RuleEdit(rid, "points", old_score.points, new_score.points))
            if old_score.group != new_score.group:
                edits.append(RuleEdit(rid, "group", old_score.group, new_score.group))
            same_effect = old.then.model_copy(update={"score": None}) == new.then.model_copy(update={"score": None})
            if old_score.reason != new_score.reason or not same_effect:
                edits.append(RuleEdit(rid, "effect"))
        elif old.then != new.then:
            edits.append(RuleEdit(rid, "effect", _written(old.then), _written(new.then)))
        if old.when != new.when:
            edits.append(RuleEdit(rid, "condition"))
        if old.title != new.title:
            edits.append(RuleEdit(rid, "title"))
        if old.source != new.source:
            edits.append(RuleEdit(rid, "source", old.source, new.source))
    return edits


def _written(then) -> object:
    """An effect as the value it writes (`track = core`), or None when it writes none."""
    write = then.writes()
    return f"{write[0]} = {write[1]}" if write else None


@dataclass(frozen=True)
class WeightEdit:
    """A dimension's weight that differs: of a segment between two rule sets, or as a buyer's ranking used it
    (`segment` is then the buyer's); None where the segment or the weight is not there."""

    segment: str
    dimension: str
    before: float | None
    after: float | None


def weight_edits(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]]) -> list[WeightEdit]:
    """Every weight that differs between two {segment: {dimension: weight}} tables, segments in the file's order."""
    segments = list(before) + [s for s in after if s not in before]
    edits = []
    for segment in segments:
        old, new = before.get(segment, {}), after.get(segment, {})
        edits += [WeightEdit(segment, d, old.get(d), new.get(d)) for d in sorted(set(old) | set(new)) if old.get(d) != new.get(d)]
    return edits


def used_weight_edits(before: dict, after: dict) -> list[WeightEdit]:
    """The weights two ranking documents used that differ (whatever set them: segment, profile, command line)."""
    table = lambda document: {document["profile"]["segment"]: {d: w["value"] for d, w in document["weights"].items()}}  # noqa: E731
    return weight_edits(table(before), table(after))


def changed_files(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Rule files added, removed and modified between two lists of (name, sha256)."""
    old, new = dict(before), dict(after)
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "modified": sorted(name for name in set(old) & set(new) if old[name] != new[name]),
    }
