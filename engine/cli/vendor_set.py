"""The vendors a command works on: the bundled ones plus `--file` ones, never silently replaced."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..loader.knowledge import load_vendor_file, load_vendors
from ..model.vendor import Vendor
from ..render.messages import msg


def vendor_set(files: list[Path], lang: str) -> tuple[dict[str, Vendor], list[str]]:
    """Bundled vendors by id with the `--file` vendors added, and the ids the files gave.

    A file whose id is already taken (by a bundled vendor or an earlier file) with other
    content is refused at its `id:` line; an identical copy is accepted once.
    """
    vendors = {lv.vendor.id: lv.vendor for lv in load_vendors()}
    given: list[str] = []
    for path in files:
        loaded = load_vendor_file(path)
        vendor = loaded.vendor
        if vendor.id in vendors and vendors[vendor.id] != vendor:
            raise UsageError(
                msg("error.duplicate_vendor", lang, id=vendor.id), loaded.doc.locate(("id",)), msg("hint.rename_id", lang)
            )
        vendors[vendor.id] = vendor
        if vendor.id not in given:
            given.append(vendor.id)
    return vendors, given
