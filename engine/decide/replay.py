"""A record decided again (replay), and two rule sets compared over the same inputs (diff)."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location, UsageError, ZhisuanError
from ..explain.changes import (Change, RuleEdit, WeightEdit, changed_files, changed_rules, check_changes, rank_changes,
                               responsible_rules, rule_edits, used_weight_edits, weight_edits)
from ..loader.git_source import rule_files_at, working_rules
from ..messages import M
from ..model.profile import Profile
from ..model.vendor import Vendor
from .check import check
from .identity import is_rule_file, rules_identity, write_rule_files
from .inputs import load_vendors, profile_corpus
from .knowledge import AdviceKnowledge, load_advice_knowledge, load_rule_base
from .rank import RankOptions, rank

__all__ = ["DiffSection", "KeptFile", "Replay", "RuleSetDiff", "WeightEdit", "diff_rule_sets", "replay"]


@dataclass(frozen=True)
class KeptFile:
    """A rule file a record kept: its name, the sha256 it was kept under, and its content (None: missing)."""

    name: str
    sha256: str
    text: str | None


@dataclass(frozen=True)
class Replay:
    """A record decided again: what changed, the rules whose firing differs and the weights the ranking used that
    differ; and the rules, segment weights and rule files changed since."""

    record: int
    intact: bool
    version_then: str
    version_now: str
    changes: list[Change]
    rules: list[str]
    since: dict[str, list[str]] | None  # None: the record's rules could not be compared
    kept_files: bool
    recorded_rules: bool
    edits: list[RuleEdit] = field(default_factory=list)  # what changed in each rule modified since the record
    weights: list[WeightEdit] = field(default_factory=list)  # the weights the ranking used, where they differ
    weight_edits: list[WeightEdit] = field(default_factory=list)  # the segments' weights changed since the record
    files: dict[str, list[str]] | None = None  # rule files added, removed, modified since (None: the record kept none)


def replay(record_id: int, body: dict, intact: bool, kept: list[KeptFile], rules_dir: Path | None,
           recorded_rules: bool) -> Replay:
    """Decide a record's inputs again with `rules_dir` (default: bundled) or, with `recorded_rules`, the files it kept."""
    if recorded_rules and rules_dir is not None:
        raise UsageError(M("usage.recorded_or_rules"), hint=M("hint.recorded_or_rules"))
    if recorded_rules and not kept:
        raise UsageError(M("audit.no_rule_files", id=record_id))
    if any(f.text is None or hashlib.sha256(f.text.encode()).hexdigest() != f.sha256 for f in kept):
        raise UsageError(M("audit.rule_file_altered", id=record_id), hint=M("hint.audit_verify"))
    kind = body["kind"]
    with tempfile.TemporaryDirectory(prefix="zhisuan-replay-") as folder:
        then_dir = write_rule_files([(f.name, f.text) for f in kept], Path(folder)) if kept else None
        now = _rules_for(kind, then_dir if recorded_rules else rules_dir)
        then = (now if recorded_rules else _rules_for(kind, then_dir, quiet=True)) if then_dir else None
    before = body["outcome"]
    after = _decide_again(body, now)
    changes = (check_changes if kind == "check" else rank_changes)(before, after)
    since = changed_rules(_rule_table(then), _rule_table(now)) if then is not None else None
    kept_names = [(f.name, f.sha256) for f in kept]
    now_files = kept_names if recorded_rules else list(rules_identity(rules_dir).files)
    return Replay(
        record=record_id, intact=intact, version_then=before["rules_version"], version_now=after["rules_version"],
        changes=changes, rules=responsible_rules(before, after, frozenset(since["modified"] if since else ())),
        since=since, kept_files=bool(kept), recorded_rules=recorded_rules,
        edits=rule_edits(_rule_table(then), _rule_table(now)) if then is not None else [],
        weights=[] if kind == "check" else used_weight_edits(before, after),
        weight_edits=weight_edits(_weight_table(then), _weight_table(now)) if isinstance(then, AdviceKnowledge) else [],
        files=changed_files(kept_names, now_files) if kept else None,
    )


def _rules_for(kind: str, rules_dir: Path | None, quiet: bool = False):
    """What deciding a `kind` record needs from `rules_dir` (default: bundled): the eligibility rule base
    for a check (its --rules folder may hold no advice), the whole advice knowledge otherwise.

    `quiet`: None instead of an error when the rules do not load (a record's kept rules, written for
    another version, say: comparing rules is a courtesy, the replay does not depend on it).
    """
    try:
        return load_rule_base(rules_dir) if kind == "check" else load_advice_knowledge(rules_dir)
    except ZhisuanError:
        if quiet:
            return None
        raise


def _rule_table(rules) -> dict:
    """Every rule of a rule base or of an advice knowledge, by id."""
    return rules.all_rules() if isinstance(rules, AdviceKnowledge) else rules.by_id


def _weight_table(kb: AdviceKnowledge) -> dict[str, dict[str, float]]:
    """Every segment's D1–D5 weights, by segment."""
    return {segment: dict(weights.weights) for segment, weights in kb.weights.segments.items()}


def _decide_again(body: dict, rules) -> dict:
    """The record's inputs through `rules` (from _rules_for), as the same command's full JSON document."""
    vendors = [Vendor.model_validate(v) for v in body["inputs"]["vendors"]]
    if body["kind"] == "check":
        paths = any("path_to" in v for v in body["outcome"]["vendors"])  # records from before paths have none
        return check(rules, vendors, "full", paths=paths).model_dump(mode="json")
    then = body["outcome"]
    overrides = {d: w["value"] for d, w in then["weights"].items() if w["origin"] == "command line"}
    stability, assessed = then["stability"], then.get("assessments")
    options = RankOptions(weights=overrides, draws=stability["draws"], spread=stability["spread"], seed=stability["seed"],
                          explain="full", assess=assessed is not None,
                          assessment_draws=assessed["draws"] if assessed else 0,
                          flag_probability=assessed["flag_probability"] if assessed else 0.1)
    profile = Profile.model_validate(body["inputs"]["profile"])
    return rank(rules, profile, vendors, then["profile_source"], options).model_dump(mode="json")


@dataclass(frozen=True)
class DiffSection:
    """One part of the comparison (`check`, or `rank PROFILE`): what changed, the rules whose firing differs and
    the weights the ranking used that differ."""

    where: str
    changes: list[Change]
    rules: list[str]
    weights: list[WeightEdit] = field(default_factory=list)


@dataclass(frozen=True)
class RuleSetDiff:
    """Two rule sets over the same vendors and buyers: their versions, the rules, segment weights and rule files
    that differ, and every section."""

    versions: tuple[str, str]
    rules: dict[str, list[str]]
    sections: list[DiffSection]
    edits: list[RuleEdit] = field(default_factory=list)  # what changed in each modified rule
    weight_edits: list[WeightEdit] = field(default_factory=list)  # each segment's weight that differs
    files: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "removed": [], "modified": []})

    @property
    def changed(self) -> list[DiffSection]:
        """The sections where something changed."""
        return [s for s in self.sections if s.changes]


def diff_rule_sets(revisions: list[str], dirs: list[Path], profiles: Path | None, cwd: Path) -> RuleSetDiff:
    """Every classification (bundled vendors) and ranking (`profiles`, default the bundled buyers) that the
    old and the new rule set decide differently."""
    with tempfile.TemporaryDirectory(prefix="zhisuan-diff-") as folder:
        (old, old_files), (new, new_files) = _two_rule_sets(revisions, dirs, Path(folder), cwd)
    vendors = [lv.vendor for lv in load_vendors()]
    rules = changed_rules(old.all_rules(), new.all_rules())
    edited = frozenset(rules["modified"])
    checked = [check(kb.eligibility, vendors, "full").model_dump(mode="json") for kb in (old, new)]
    sections = [DiffSection("check", check_changes(*checked), responsible_rules(*checked, edited))]
    options = RankOptions(weights={}, draws=0, explain="full", assess=False)  # a diff compares places, scores and needs
    for profile, name in profile_corpus(profiles):
        ranked = [rank(kb, profile, vendors, name, options).model_dump(mode="json") for kb in (old, new)]
        sections.append(DiffSection(f"rank {profile.id}", rank_changes(*ranked), responsible_rules(*ranked, edited),
                                    used_weight_edits(*ranked)))
    return RuleSetDiff((old.version, new.version), rules, sections, rule_edits(old.all_rules(), new.all_rules()),
                       weight_edits(_weight_table(old), _weight_table(new)), changed_files(old_files, new_files))


def _two_rule_sets(revisions: list[str], dirs: list[Path], folder: Path, cwd: Path) -> list[tuple[AdviceKnowledge, list]]:
    """The old and the new rule sets, loaded, each with its rule files' (name, sha256): from git revisions (written
    under `folder`), then folders.

    One revision alone is compared with the working tree's rules/ of its repository, as `git diff REV` would.
    """
    if (len(revisions), len(dirs)) not in ((2, 0), (0, 2), (1, 1), (1, 0)):
        raise UsageError(M("usage.diff_two"), hint=M("hint.diff_two"))
    sets = []
    for i, rev in enumerate(revisions):
        written = write_rule_files([(n, t) for n, t in rule_files_at(rev, cwd) if is_rule_file(n)], folder / f"rev{i}")
        try:
            sets.append(_with_files(written))
        except ZhisuanError as exc:  # say which revision, not the temporary folder it was written to
            raise LoadError(M("git.rules_at", rev=rev, reason=exc), Location(rev), M("hint.git_rules_at")) from None
    new = list(dirs) or ([working_rules(cwd)] if len(revisions) == 1 else [])
    return sets + [_with_files(d) for d in new]


def _with_files(rules_dir: Path) -> tuple[AdviceKnowledge, list[tuple[str, str]]]:
    """The rule set of `rules_dir` and its rule files' (name, sha256)."""
    return load_advice_knowledge(rules_dir), list(rules_identity(rules_dir).files)
