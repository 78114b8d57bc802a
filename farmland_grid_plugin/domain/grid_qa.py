"""What the grid QA reports: issue kinds, the layers they point at, and the issue record."""

from dataclasses import dataclass

from .messages import Message

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
