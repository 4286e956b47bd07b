"""Figures and policies quoted from the report, each with its section."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Frozen, NonEmpty, Provenance, Slug, Text
from .vocabulary import City, Region


class Figure(Provenance):
    """One number the report states."""

    id: Slug
    title: Text
    value: Annotated[float, Field(allow_inf_nan=False, strict=True)]
    unit: NonEmpty
    region: Region | None = Field(default=None, description="the province it is about; none for national figures")
    city: City | None = Field(default=None, description="the city it is about, if one")


class RegionPolicy(Provenance):
    """One regional policy the report lists, summarised in our own words."""

    id: Slug
    region: Region
    name: Text
    city: City | None = Field(default=None, description="the city that issued it; none for a province-wide policy")
    issued: Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")]
    summary: Text


class Figures(Frozen):
    """The file profiles/report/figures.yaml."""

    figures: list[Figure]


class Policies(Frozen):
    """The file profiles/report/policies.yaml."""

    policies: list[RegionPolicy]
