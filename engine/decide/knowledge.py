"""Finds and loads the bundled (or given) rules and vendor profiles."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path

from ..compile.compiler import RuleBase, SourcedRule, compile_rules
from ..compile.facts import PROFILE_INPUTS
from ..errors import LoadError, Location, RuleError, ZhisuanError, flatten, printable, raise_all
from ..messages import M
from ..model.conformance import Conformance
from ..model.profile import Profile
from ..model.questions import Questionnaire
from ..model.report import Figures, Policies
from ..model.weights import WeightsFile
from ..model.rules import Policy, RuleFile
from ..model.vendor import Vendor
from ..runtime.limits import refuse_over_limits
from ..suggest import did_you_mean
from ..loader.validate import validate
from ..loader.yaml_source import STDIN, Document, load, parse, read_text

ELIGIBILITY_RULES = ("eligibility/*.yaml", "classification.yaml")
ADVICE_RULES = ("advice/*.yaml",)
SAMPLE_PROFILE = "dongguan-factory-smb"


def bundle_root() -> Path:
    """The folder holding `rules/` and `profiles/`: the checkout, or the installed package data."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "bundled"
    if (installed / "rules").is_dir():
        return installed
    return package.parent


# Every file that decides an outcome or a question: one version covers them all.
RULE_FILES = ("eligibility/*.yaml", "classification.yaml", "policy.yaml", "advice/*.yaml", "weights.yaml", "questions.yaml")


@dataclass(frozen=True)
class RulesIdentity:
    """The rules version and the files it covers (relative to the rules folder), each with its sha256."""

    version: str
    files: tuple[tuple[str, str], ...]


def rule_file_texts(rules_dir: Path | None = None) -> list[tuple[str, str]]:
    """(name relative to the rules folder, content) of every file the rules version covers, in name order."""
    root = _display_root(rules_dir)
    folder = rules_dir or root / "rules"
    return [
        (path.relative_to(folder).as_posix(), read_text(path, _display(path, root)))  # a copy keeps its names
        for path in sorted({p for pattern in RULE_FILES for p in folder.glob(pattern)})
    ]


def identity_of(texts: list[tuple[str, str]]) -> RulesIdentity:
    """The rules version of these (name, content) files: sha256 over each name and its content's sha256."""
    files = tuple((name, hashlib.sha256(text.encode()).hexdigest()) for name, text in sorted(texts))
    version = hashlib.sha256("".join(f"{name}\0{sha}\n" for name, sha in files).encode()).hexdigest()
    return RulesIdentity(version, files)


def is_rule_file(name: str) -> bool:
    """True for a name (relative to the rules folder) that the rules version covers, and that stays inside the folder."""
    parts = name.split("/")
    if "\\" in name or "\0" in name or any(part in ("", ".", "..") for part in parts):
        return False
    return any(len(parts) == len(pattern.split("/")) and all(fnmatchcase(part, glob) for part, glob in zip(parts, pattern.split("/")))
               for pattern in RULE_FILES)  # the whole name against each pattern: no extra folders


def write_rule_files(texts: list[tuple[str, str]], folder: Path) -> Path:
    """Write (name, content) rule files under `folder`/rules (as a record kept them); the rules folder.

    Only names a rules folder holds are written: nothing can land outside it.
    """
    rules = folder / "rules"
    for name, text in texts:
        if not is_rule_file(name):
            raise LoadError(M("load.rule_file_name", name=repr(name)), Location(str(folder)), M("hint.audit_verify"))
        target = rules.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return rules


def rules_identity(rules_dir: Path | None = None) -> RulesIdentity:
    """sha256 over the rule files (name and content, in name order) that `check`, `rank` and `ask` use."""
    return identity_of(rule_file_texts(rules_dir))


@dataclass(frozen=True)
class LoadedVendor:
    """A validated vendor and the parsed document it came from (for file:line)."""

    vendor: Vendor
    doc: Document


def _display_root(rules_dir: Path | None) -> Path:
    """What file names are shown relative to: the bundle for the bundled rules (`rules/…`), else the
    current folder, so that a location in a given rules folder can be opened from where the command ran."""
    return bundle_root() if rules_dir is None else Path.cwd()


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def read_rules(
    rules_dir: Path | None = None, patterns: tuple[str, ...] = ELIGIBILITY_RULES, strict: bool = True
) -> tuple[list[SourcedRule], Policy | None]:
    """The validated rules of the files matching `patterns` in rules_dir (default: bundled), and the policy.

    `strict=False` skips files that do not load (what `rules lint` reads beside the load errors);
    a missing folder or no matching file is raised either way.
    """
    root = _display_root(rules_dir)
    rules_dir = rules_dir or root / "rules"
    if not rules_dir.is_dir():
        raise LoadError(M("load.no_rules_folder"), Location(str(rules_dir)), M("hint.rules_folder"))
    files = sorted({p for pat in patterns for p in rules_dir.glob(pat)})
    if not files:
        raise LoadError(M("load.no_rule_files"), Location(str(rules_dir)), M("hint.expected_files", files=", ".join(patterns)))
    sourced: list[SourcedRule] = []
    errors: list[ZhisuanError] = []  # every file's problems at once
    policy = None
    for path in files + [rules_dir / "policy.yaml"]:
        display = _display(path, root)
        try:
            text = read_text(path, display)
            doc = parse(text, display)
            if path.name == "policy.yaml":
                policy = validate(Policy, doc)
                continue
            rule_file = validate(RuleFile, doc)
        except ZhisuanError as exc:
            errors += flatten(exc)
            continue
        for i, rule in enumerate(rule_file.rules):
            sourced.append(SourcedRule(rule, lambda p, d=doc, i=i: d.locate(("rules", i) + tuple(p))))
    if strict:
        raise_all(errors)
    return sourced, policy


def load_rule_base(
    rules_dir: Path | None = None,
    patterns: tuple[str, ...] = ELIGIBILITY_RULES,
    given: frozenset[str] = frozenset(),
    version: str | None = None,
) -> RuleBase:
    """Load, validate and compile the rule files matching `patterns` in rules_dir (default: bundled).

    `version` is the rules version when the caller has it already (else the files are hashed here).
    """
    sourced, policy = read_rules(rules_dir, patterns)
    base = compile_rules(sourced, policy, version or rules_identity(rules_dir).version, given)
    refuse_over_limits(base)  # every command refuses what durable would fail on, at the rule's line
    return base


def load_vendor_file(path: Path, display: str | None = None) -> LoadedVendor:
    """Load and validate one vendor YAML file."""
    doc = load(path, display)
    return LoadedVendor(validate(Vendor, doc), doc)


def load_vendors(root: Path | None = None) -> list[LoadedVendor]:
    """All bundled vendors, sorted by id; each file must be named after its vendor's id."""
    root = root or bundle_root()
    vendors = [load_vendor_file(p, _display(p, root)) for p in sorted((root / "profiles" / "vendors").glob("*.yaml"))]
    ids: dict[str, str] = {}
    for lv in vendors:
        stem = Path(lv.doc.file).stem
        if stem != lv.vendor.id:
            raise LoadError(M("load.vendor_file_name", stem=repr(stem), id=repr(lv.vendor.id)), lv.doc.locate(("id",)))
        if lv.vendor.id in ids:
            raise LoadError(M("load.vendor_id_taken", id=repr(lv.vendor.id), other=ids[lv.vendor.id]), lv.doc.locate(("id",)))
        ids[lv.vendor.id] = lv.doc.file
    return sorted(vendors, key=lambda lv: lv.vendor.id)


def load_report_data(root: Path | None = None) -> tuple[Figures, Policies]:
    """The report's figures and policies from profiles/report/."""
    folder = (root or bundle_root()) / "profiles" / "report"
    figures = validate(Figures, load(folder / "figures.yaml", "profiles/report/figures.yaml"))
    policies = validate(Policies, load(folder / "policies.yaml", "profiles/report/policies.yaml"))
    return figures, policies


@dataclass(frozen=True)
class AdviceKnowledge:
    """What `rank` needs: eligibility rules, advice rules, weights, and one version for all."""

    eligibility: RuleBase
    advice: RuleBase
    weights: WeightsFile
    version: str
    figures: Figures
    policies: Policies

    def all_rules(self) -> dict:
        """Every rule of both bases by id."""
        return {**self.eligibility.by_id, **self.advice.by_id}


def load_advice_knowledge(rules_dir: Path | None = None) -> AdviceKnowledge:
    """Load the eligibility and advice rule bases and the weights file."""
    version = rules_identity(rules_dir).version  # every rule file hashed once for both bases
    eligibility = load_rule_base(rules_dir, version=version)
    provided = frozenset(r.writes for r in eligibility.by_id.values() if r.writes)
    advice = load_rule_base(rules_dir, ADVICE_RULES, given=provided, version=version)
    root = _display_root(rules_dir)
    path = (rules_dir or root / "rules") / "weights.yaml"
    display = _display(path, root)
    text = read_text(path, display)
    weights = validate(WeightsFile, parse(text, display))
    eligibility_ids = {rule_id.lower(): rule for rule_id, rule in eligibility.by_id.items()}
    for rule_id, rule in advice.by_id.items():
        other = eligibility_ids.get(rule_id.lower())  # ids differing only in case are one id to a reader
        if other is not None:
            raise RuleError(M("rule.id_in_both", id=repr(other.id), at=str(other.location)), rule.location, M("hint.rule_ids_case"))
    figures, policies = load_report_data()  # the report's own data, whichever rules are used
    return AdviceKnowledge(eligibility, advice, weights, version, figures, policies)


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile and where it came from."""

    profile: Profile
    doc: Document


def bundled_profiles(root: Path | None = None) -> dict[str, Path]:
    """Bundled customer profiles by id (file stem)."""
    folder = (root or bundle_root()) / "profiles" / "customers"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def load_profile_file(path: Path, display: str | None = None) -> LoadedProfile:
    """Load and validate one profile YAML file; `id` and `name` default from the file name."""
    doc = load(path, display)
    if isinstance(doc.data, dict):
        stem = "stdin" if str(path) == STDIN else printable(path.stem)
        defaults = {"id": profile_id_from(path), "name": {"zh": stem, "en": stem}}
        doc = replace(doc, data={**{k: v for k, v in defaults.items() if k not in doc.data}, **doc.data})
    return LoadedProfile(validate(Profile, doc), doc)


def profile_id_from(path: Path) -> str:
    """A valid profile id made from a file name: lower case, other characters as '-'."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")
    if not slug[:1].isalpha():
        slug = f"p-{slug}" if slug else "buyer"
    return slug[:40].rstrip("-_")


def load_questionnaire(rules_dir: Path | None = None) -> Questionnaire:
    """rules/questions.yaml: the questions of `zhisuan ask`, each checked to fill a profile field rules read."""
    root = _display_root(rules_dir)
    path = (rules_dir or root / "rules") / "questions.yaml"
    doc = load(path, _display(path, root))
    questionnaire = validate(Questionnaire, doc)
    for i, question in enumerate(questionnaire.questions):
        if question.field not in PROFILE_INPUTS:
            raise LoadError(
                M("load.question_field", id=question.id, field=repr(question.field)),
                doc.locate(("questions", i, "field")),
                did_you_mean(question.field, PROFILE_INPUTS) or M("hint.allowed", choices=", ".join(PROFILE_INPUTS)),
            )
    return questionnaire


def load_conformance(kb: AdviceKnowledge, rules_dir: Path | None = None) -> Conformance:
    """rules/conformance.yaml, with every rule, figure, policy and vendor id it names checked."""
    root = _display_root(rules_dir)
    path = (rules_dir or root / "rules") / "conformance.yaml"
    doc = load(path, _display(path, root))
    table = validate(Conformance, doc)
    known = {
        "encoded_by": set(kb.all_rules()),
        "context": {f.id for f in kb.figures.figures} | {p.id for p in kb.policies.policies},
        "risks": {lv.vendor.id for lv in load_vendors() if lv.vendor.risks},
    }
    for i, item in enumerate(table.advice):
        for key, ids in known.items():
            for j, name in enumerate(getattr(item, key)):
                if name not in ids:
                    raise RuleError(
                        M("rule.conformance_unknown", item=item.id, key=key, name=repr(name)),
                        doc.locate(("advice", i, key, j)),
                        did_you_mean(name, ids),
                    )
    return table
