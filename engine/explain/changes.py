"""Comparing two outcomes (a record replayed, two rule sets, a rule left out): what changed, and the rules responsible."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One outcome that differs: where (vendor and what), before and after."""

    vendor: str
    what: str  # track, supplier_type, criteria.T, sub.T1, missing
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
    """Differences between two rankings: places and scores, and who is excluded."""
    def places(document: dict) -> dict[str, str]:
        found = {r["vendor"]: f"#{r['rank']} {r['score']:g}" for r in document["ranking"]}
        found.update({e["vendor"]: "excluded" for e in document["excluded"]})
        return found

    a, b = places(before), places(after)
    return [Change(v, "place", a.get(v), b.get(v)) for v in sorted(set(a) | set(b)) if a.get(v) != b.get(v)]


def _traces(document: dict) -> list[tuple[str, list]]:
    if "vendors" in document:
        return [(v["id"], v["trace"]) for v in document["vendors"]]
    return [(r["vendor"], r["trace"]) for r in document["ranking"] + document["excluded"]]


def responsible_rules(before: dict, after: dict) -> list[str]:
    """Rules whose firing, effect application or presence differs between the two traces."""
    def fired(document: dict) -> dict[tuple[str, str], tuple]:
        return {(vid, e["rule"]): (e["fired"], e["applied"]) for vid, trace in _traces(document) for e in trace}

    a, b = fired(before), fired(after)
    return sorted({key[1] for key in set(a) | set(b) if a.get(key) != b.get(key)})


def changed_rules(before: dict, after: dict) -> dict[str, list[str]]:
    """Rule ids added, removed and modified between two {id: compiled rule} tables (by the rules' definitions)."""
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "modified": sorted(r for r in set(before) & set(after) if before[r].rule != after[r].rule),
    }
