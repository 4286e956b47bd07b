"""The vendors and buyer profiles a command works on: bundled, named on the command line, or from files."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import LoadError, Location, UsageError, ZhisuanError, flatten, printable, raise_all
from ..loader.validate import validate
from ..loader.yaml_source import STDIN, Document, load
from ..messages import M, Msg
from ..model.profile import Profile
from ..model.vendor import Vendor
from ..suggest import did_you_mean
from ..text import visible
from .bundle import bundle_root, display_name

__all__ = [
    "SAMPLE_PROFILE", "LoadedProfile", "LoadedVendor", "ResolvedProfile", "VendorSet", "bundled_profiles",
    "load_profile_file", "load_vendor_file", "load_vendors", "profile_corpus", "profile_id_from", "profiles_in",
    "check_save_target", "resolve_profile", "save_profile", "vendor_set",
]

SAMPLE_PROFILE = "dongguan-factory-smb"


@dataclass(frozen=True)
class LoadedVendor:
    """A validated vendor and the parsed document it came from (for file:line)."""

    vendor: Vendor
    doc: Document


def load_vendor_file(path: Path, display: str | None = None) -> LoadedVendor:
    """Load and validate one vendor YAML file."""
    doc = load(path, display)
    return LoadedVendor(validate(Vendor, doc), doc)


def load_vendors(root: Path | None = None) -> list[LoadedVendor]:
    """All bundled vendors, sorted by id; each file must be named after its vendor's id."""
    root = root or bundle_root()
    vendors = [load_vendor_file(p, display_name(p, root)) for p in sorted((root / "profiles" / "vendors").glob("*.yaml"))]
    ids: dict[str, str] = {}
    for lv in vendors:
        stem = Path(lv.doc.file).stem
        if stem != lv.vendor.id:
            raise LoadError(M("load.vendor_file_name", stem=repr(stem), id=repr(lv.vendor.id)), lv.doc.locate(("id",)))
        if lv.vendor.id in ids:
            raise LoadError(M("load.vendor_id_taken", id=repr(lv.vendor.id), other=ids[lv.vendor.id]), lv.doc.locate(("id",)))
        ids[lv.vendor.id] = lv.doc.file
    return sorted(vendors, key=lambda lv: lv.vendor.id)


@dataclass(frozen=True)
class VendorSet:
    """The vendors by id, the ids `--file` gave, and the document each vendor came from."""

    vendors: dict[str, Vendor]
    given: list[str]
    docs: dict[str, Document]

    def sources(self, ids) -> dict[str, dict]:
        """Each vendor's file and the line of every value in it, as a decision record keeps them."""
        return {vid: {"file": visible(self.docs[vid].file), "lines": self.docs[vid].lines()} for vid in sorted(ids)}

    def chosen(self, ids: list[str]) -> list[str]:
        """The ids a check works on: the files' vendors, then `ids` (default: every vendor, unless files were given).

        An id that is not a vendor is a usage error with the nearest id.
        """
        for vid in ids:
            if vid not in self.vendors:
                raise UsageError(M("error.unknown_vendor", id=vid),
                                 hint=did_you_mean(vid, self.vendors) or M("hint.vendor_ids", ids=", ".join(sorted(self.vendors))))
        if ids or not self.given:
            return list(dict.fromkeys(self.given + (ids or sorted(self.vendors))))
        return list(self.given)


def vendor_set(files: list[Path]) -> VendorSet:
    """Bundled vendors by id with the `--file` vendors added, and the ids the files gave.

    A file whose id is already taken (by a bundled vendor or an earlier file) with other
    content is refused at its `id:` line; an identical copy is accepted once.
    """
    bundled = load_vendors()
    vendors = {lv.vendor.id: lv.vendor for lv in bundled}
    docs = {lv.vendor.id: lv.doc for lv in bundled}
    given: list[str] = []
    loaded_files, errors = [], []
    for path in files:  # every file's errors at once
        try:
            loaded_files.append(load_vendor_file(path))
        except ZhisuanError as exc:
            errors += flatten(exc)
    raise_all(errors)
    for loaded in loaded_files:
        vendor = loaded.vendor
        if vendor.id in vendors and vendors[vendor.id] != vendor:
            raise UsageError(M("error.duplicate_vendor", id=vendor.id), loaded.doc.locate(("id",)), M("hint.rename_id"))
        vendors[vendor.id] = vendor
        docs[vendor.id] = loaded.doc
        if vendor.id not in given:
            given.append(vendor.id)
    return VendorSet(vendors, given, docs)


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


@dataclass(frozen=True)
class ResolvedProfile:
    """The profile a command ranks for, where it came from, and a notice to print after the result (or None)."""

    loaded: LoadedProfile
    source: str
    notice: Msg | None = None


def resolve_profile(arg: str | None) -> ResolvedProfile:
    """PROFILE as given: a file, `-` (standard input), a bundled profile's id, or nothing (the bundled sample)."""
    bundled = bundled_profiles()
    if arg is None:
        path = bundled[SAMPLE_PROFILE]
        display = str(path.relative_to(bundle_root())) if path.is_relative_to(bundle_root()) else str(path)
        notice = M("rank.sample", id=SAMPLE_PROFILE, path=display)
        return ResolvedProfile(load_profile_file(path, display), f"bundled sample {SAMPLE_PROFILE}", notice)
    if arg == "-":
        return ResolvedProfile(load_profile_file(Path(arg)), "<stdin>")
    path = Path(arg)
    if not path.exists() and arg in bundled:
        return ResolvedProfile(load_profile_file(bundled[arg], f"profiles/customers/{arg}.yaml"), f"bundled {arg}")
    if not path.exists():
        raise LoadError(
            M("rank.unknown_profile", arg=arg),
            Location(arg),
            did_you_mean(arg, bundled) or M("hint.profile_choices", ids=", ".join(bundled)),
        )
    return ResolvedProfile(load_profile_file(path), printable(str(arg)))


def profiles_in(folder: Path) -> list[tuple[LoadedProfile, str]]:
    """Every `*.yaml` profile in `folder`, by file name, with where it came from; all errors at once."""
    if not folder.is_dir():
        raise LoadError(M("load.not_a_folder"), Location(printable(str(folder))), M("hint.check_path"))
    found, errors = [], []
    for path in sorted(folder.glob("*.yaml")):
        try:
            found.append((load_profile_file(path), printable(str(path))))
        except ZhisuanError as exc:
            errors += flatten(exc)
    raise_all(errors)
    if not found:
        raise LoadError(M("load.no_profiles"), Location(printable(str(folder))), M("hint.profiles_dir"))
    return found


def profile_corpus(folder: Path | None) -> list[tuple[Profile, str]]:
    """(profile, name) for every profile in `folder`, or for every bundled buyer when it is None."""
    if folder is not None:
        return [(loaded.profile, source) for loaded, source in profiles_in(folder)]
    return [(load_profile_file(path).profile, name) for name, path in bundled_profiles().items()]


def save_profile(path: Path, data: dict, force: bool) -> None:
    """Write a profile atomically (a temp file beside it, then rename); never over a file without `force`.

    Only a regular file is written or replaced, never a device, a FIFO or a folder; a file that is
    replaced keeps its permissions; the temp file is gone whatever happens.
    """
    import yaml

    check_save_target(path, force)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    folder = path.parent if str(path.parent) else Path(".")
    where = Location(printable(str(path)))
    temp = None
    try:
        handle, temp = tempfile.mkstemp(prefix=".zhisuan-", suffix=".yaml", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(text)
        check_save_target(path, force)  # it may have appeared, or changed, while the buyer was answering
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        else:
            os.chmod(temp, 0o666 & ~_umask())  # as open() would have made it
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise LoadError(M("load.cannot_write", reason=exc.strerror or str(exc)), where, M("hint.check_path")) from None
    finally:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)


def check_save_target(path: Path, force: bool) -> None:
    """Refuse a --save target that is not a regular file, is in no folder, or exists without `force`."""
    where = Location(printable(str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LoadError(M("load.no_folder"), where, M("hint.check_path"))
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise LoadError(M("load.save_not_regular"), where, M("hint.save_regular"))
    if path.exists() and not force:
        raise UsageError(M("ask.save_exists", path=printable(str(path))), hint=M("hint.save_force"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
