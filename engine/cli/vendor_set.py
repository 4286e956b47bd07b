"""The vendors a command works on: the bundled ones plus `--file` ones, never silently replaced."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, ZhisuanError, flatten, raise_all
from ..decide.inputs import load_vendor_file, load_vendors
from ..loader.yaml_source import Document
from ..model.vendor import Vendor
from ..messages import msg


@dataclass(frozen=True)
class VendorSet:
    """The vendors by id, the ids `--file` gave, and the document each vendor came from."""

    vendors: dict[str, Vendor]
    given: list[str]
    docs: dict[str, Document]

    def sources(self, ids) -> dict[str, dict]:
        """Each vendor's file and the line of every value in it, as a decision record keeps them."""
        return {vid: {"file": self.docs[vid].file, "lines": self.docs[vid].lines()} for vid in sorted(ids)}


def vendor_set(files: list[Path], lang: str) -> VendorSet:
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
            raise UsageError(
                msg("error.duplicate_vendor", lang, id=vendor.id), loaded.doc.locate(("id",)), msg("hint.rename_id", lang)
            )
        vendors[vendor.id] = vendor
        docs[vendor.id] = loaded.doc
        if vendor.id not in given:
            given.append(vendor.id)
    return VendorSet(vendors, given, docs)
