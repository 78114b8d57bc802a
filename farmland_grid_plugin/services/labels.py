"""Stored codes in the user's words: issue types, source layers, code and case statuses, area methods.

Output fields keep ASCII codes (``invalid_geometry``, ``field:TBDLMJ``…) for scripts and models; what a
person reads (the attribute table through a value map, the log, the atlas footer) comes from here.
"""

from typing import Iterable, Optional

from qgis.core import QgsEditorWidgetSetup, QgsVectorLayer
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain import cases, coding, grid_qa, patrol
from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, METHOD_PLANAR
from ..i18n import render

CONTEXT = "FarmlandGridLabels"

ISSUE_TYPES = {
    grid_qa.ISSUE_GAP: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Gap between cells"),
    grid_qa.ISSUE_OVERLAP: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Overlapping cells"),
    grid_qa.ISSUE_PARCEL_OVERLAP: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Overlapping parcels"),
    grid_qa.ISSUE_OUTSIDE_PARENT: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Outside its parent cell"),
    grid_qa.ISSUE_CODE_MISMATCH: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Code does not match the boundary"),
    grid_qa.ISSUE_NO_PERSON: QT_TRANSLATE_NOOP("FarmlandGridLabels", "No responsible person"),
    grid_qa.ISSUE_INVALID_CODE: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Unusable unit code"),
    grid_qa.ISSUE_INVALID_GEOMETRY: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Invalid geometry (repaired)"),
    grid_qa.ISSUE_EMPTY_GEOMETRY: QT_TRANSLATE_NOOP("FarmlandGridLabels", "No geometry"),
    grid_qa.ISSUE_ROSTER_UNKNOWN_UNIT: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Roster unit not in the grid"),
    grid_qa.ISSUE_INVALID_AREA: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Unusable area"),
    grid_qa.ISSUE_DUPLICATE_ID: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Duplicate parcel identifier"),
    grid_qa.ISSUE_INVALID_PHONE: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Unusable phone number"),
}
SOURCE_LAYERS = {
    grid_qa.LAYER_PARCELS: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Parcels"),
    grid_qa.LAYER_BOUNDARIES: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Boundaries"),
    grid_qa.LAYER_ROSTER: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Roster"),
    grid_qa.LAYER_GRID: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Grid"),
}
CODE_STATUSES = {
    coding.KEPT: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Code kept"),
    coding.NEW: QT_TRANSLATE_NOOP("FarmlandGridLabels", "New code"),
    coding.SPLIT: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Split from an old parcel"),
    coding.MERGED: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Merged from old parcels"),
    coding.REGROUPED: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Moved to another group"),
    coding.REJECTED: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Not coded (see note)"),
    coding.RETIRED: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Code retired"),
}
PERIOD_STATUSES = {
    patrol.COMPLETED: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Completed"),
    patrol.PENDING: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Not yet done"),
    patrol.OVERDUE: QT_TRANSLATE_NOOP("FarmlandGridLabels", "Overdue"),
}
AREA_METHODS = {
    METHOD_FIELD: QT_TRANSLATE_NOOP("FarmlandGridLabels", "parcel land-class area {0}"),
    METHOD_ELLIPSOIDAL: QT_TRANSLATE_NOOP("FarmlandGridLabels", "ellipsoidal area on {0}"),
    METHOD_PLANAR: QT_TRANSLATE_NOOP("FarmlandGridLabels", "planar area in {0}"),
}
# The official field has its own name in the land survey: 图斑地类面积.
TBDLMJ_LABEL = QT_TRANSLATE_NOOP("FarmlandGridLabels", "parcel land-class area TBDLMJ")

#: Output field → the labels of its codes. ``status`` holds case statuses or patrol period statuses (no clash).
FIELD_LABELS = {
    "issue_type": ISSUE_TYPES,
    "layer": SOURCE_LAYERS,
    "code_status": CODE_STATUSES,
    "event": CODE_STATUSES,
    "status": PERIOD_STATUSES,
}
AREA_METHOD_FIELD = "area_method"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def area_method(value: Optional[str]) -> str:
    """``field:TBDLMJ`` → 图斑地类面积 TBDLMJ, ``ellipsoidal:CGCS2000`` → 椭球面积（CGCS2000）…; unknown text as it is."""
    if not value:
        return ""
    method, _, detail = str(value).partition(":")
    if method == METHOD_FIELD and detail.upper() == "TBDLMJ":
        return _tr(TBDLMJ_LABEL)
    return _tr(AREA_METHODS[method]).format(detail) if method in AREA_METHODS and detail else str(value)


# Printed documents (atlas pages, sign boards) are Chinese whatever the interface language, like their templates.
PRINTED_AREA_METHODS = {METHOD_FIELD: "图斑地类面积 {0}", METHOD_ELLIPSOIDAL: "椭球面积（{0}）", METHOD_PLANAR: "平面面积（{0}）"}


def printed_area_method(value: Optional[str]) -> Optional[str]:
    """``field:TBDLMJ`` → 图斑地类面积 TBDLMJ, for the printed page; unknown text as it is."""
    if not value:
        return value
    method, _, detail = str(value).partition(":")
    return PRINTED_AREA_METHODS[method].format(detail) if method in PRINTED_AREA_METHODS and detail else str(value)


def display(field: str, value) -> str:
    """The stored ``value`` of output field ``field`` as a person reads it (the value itself when not a known code)."""
    if value is None:
        return ""
    if field == AREA_METHOD_FIELD:
        return area_method(value)
    if field == "status" and value in cases.STATUS_LABELS:
        return render(cases.status_label(value))
    labels = FIELD_LABELS.get(field, {})
    return _tr(labels[value]) if value in labels else str(value)


def known_values(field: str) -> Iterable[str]:
    """The codes ``field`` may hold that are known before any data is read."""
    if field == "status":
        return (*PERIOD_STATUSES, *cases.STATUSES)
    return tuple(FIELD_LABELS.get(field, ()))


def labelled_fields(names: Iterable[str]):
    """Those of ``names`` whose stored codes have labels."""
    return [n for n in names if n in FIELD_LABELS or n == AREA_METHOD_FIELD]


def apply_value_maps(layer: QgsVectorLayer) -> None:
    """Value-map widgets on the layer's coded fields: the attribute table and forms show the labels, the data keeps the
    codes. Area methods are mapped as they occur in the layer (their detail is a field or CRS name)."""
    for name in labelled_fields(layer.fields().names()):
        index = layer.fields().lookupField(name)
        values = set(known_values(name))
        if name == AREA_METHOD_FIELD:
            values |= {v for v in layer.uniqueValues(index) if isinstance(v, str) and v}
        if not values:
            continue
        # Ordered by label, one {label: code} entry each: QGIS keeps this order in its drop-down.
        entries = sorted(((display(name, v), v) for v in values), key=lambda item: item[0])
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {"map": [{label: code} for label, code in entries]}))
