"""What the grid QA reports: issue kinds, the layers they point at, and the issue record."""

from dataclasses import dataclass

import numpy as np

from .messages import QT_TR_NOOP, Message

ISSUE_GAP = "gap"
ISSUE_OVERLAP = "overlap"
ISSUE_PARCEL_OVERLAP = "parcel_overlap"
ISSUE_OUTSIDE_PARENT = "outside_parent"
ISSUE_CODE_MISMATCH = "code_mismatch"
ISSUE_NO_PERSON = "no_person"
ISSUE_INVALID_CODE = "invalid_code"
ISSUE_INVALID_GEOMETRY = "invalid_geometry"
ISSUE_EMPTY_GEOMETRY = "empty_geometry"
ISSUE_ROSTER_UNKNOWN_UNIT = "roster_unknown_unit"
ISSUE_INVALID_AREA = "invalid_area"
ISSUE_DUPLICATE_ID = "duplicate_id"
ISSUE_INVALID_PHONE = "invalid_phone"

#: Issues whose area is measured on their geometry; the others carry parcel or cell figures.
GEOMETRY_MEASURED_ISSUES = frozenset({ISSUE_GAP, ISSUE_OVERLAP, ISSUE_PARCEL_OVERLAP, ISSUE_OUTSIDE_PARENT, ISSUE_INVALID_AREA})

LAYER_PARCELS = "parcels"
LAYER_BOUNDARIES = "boundaries"
LAYER_ROSTER = "roster"
LAYER_GRID = "grid"

SOURCE_PARCELS = "parcels"
SOURCE_BOUNDARY = "boundary"


@dataclass
class Issue:
    issue_type: str
    message: Message
    geometry: object = None
    level: int = None
    grid_code: str = ""
    other_code: str = ""
    layer: str = LAYER_PARCELS
    feature_id: str = ""
    area_m2: float = None


def duplicate_ids(keys, fids):
    """The survey identifiers (BSM) used by more than one feature: (identifier, member positions, Message naming
    the features by fid), in identifier order. Empty identifiers are not duplicates."""
    keys = np.asarray([("" if v is None else str(v)) for v in keys], dtype=object)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    repeated = np.flatnonzero((ordered[1:] == ordered[:-1]) & (ordered[1:] != ""))
    found = []
    for value in dict.fromkeys(ordered[repeated + 1].tolist()):
        members = order[ordered == value]
        message = Message(
            QT_TR_NOOP("Parcel identifier {id} is used by {count} features: {features}"),
            id=value,
            count=len(members),
            features=", ".join(f"fid {fids[m]}" for m in members),
        )
        found.append((value, members, message))
    return found
