"""Figures and policies quoted from the report, each with its section."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Frozen, NonEmpty, Provenance, Slug, Text
from .vocabulary import Region


class Figure(Provenance):
    """One number the report states."""

    id: Slug
    title: Text
    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: NonEmpty


class Policy(Provenance):
    """One regional policy the report lists, summarised in our own words."""

    id: Slug
    region: Region
    name: Text
    issued: Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")]
    summary: Text


class Figures(Frozen):
    """The file profiles/report/figures.yaml."""

    figures: list[Figure]


class Policies(Frozen):
    """The file profiles/report/policies.yaml."""

    policies: list[Policy]
