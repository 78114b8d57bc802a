"""The records delineation reads and writes: parcel and boundary columns, grid cells, the result."""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Parcels:
    """Parcel columns, one entry per feature; geometries in the working CRS.

    ``area_m2`` is the official area per parcel, or None to measure the (repaired) geometries.
    """

    geoms: np.ndarray
    codes: list
    farmland: np.ndarray
    area_m2: np.ndarray
    names: list
    ids: list
    #: the survey identifier (BSM) to check for duplicates, and feature ids to name them by; None: no check
    duplicate_key: list = None
    fids: list = None


@dataclass
class Boundaries:
    geoms: np.ndarray
    codes: list
    names: list
    ids: list


@dataclass
class Cell:
    grid_code: str
    level: int
    parent_code: str
    unit_name: str
    geometry: object
    farmland_m2: float
    farmland_count: int
    parcel_count: int
    source: str
    persons: list = field(default_factory=list)  # (name, role, phone)


@dataclass
class GridResult:
    cells: list
    issues: list
    parcel_cells: np.ndarray  # bottom grid code of each parcel ('' where none)
