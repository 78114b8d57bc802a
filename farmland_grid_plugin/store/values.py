"""Values between Python and the QGIS data providers the stores write through.

Callers hand the store Python values (dates, aware datetimes, shapely or WKB geometries, spreadsheet
text such as "是" or "1"), and QGIS hands back QVariant and QDate; every backend that writes through
QGIS layers converts the same way, so the conversions live here, apart from any one backend.
"""

from datetime import date, datetime, timezone
from typing import Any, Optional, Union

from qgis.core import QgsCoordinateReferenceSystem, QgsExpression, QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QByteArray, QDate, QVariant

from ..domain import cases as domain

CrsLike = Union[str, QgsCoordinateReferenceSystem]  # an auth id ("EPSG:4490"), WKT, or a CRS


def qgs_crs(crs: CrsLike) -> QgsCoordinateReferenceSystem:
    """``crs`` (an auth id, WKT or a CRS) as a valid QGIS CRS; an invalid one is a programming error."""
    crs = crs if isinstance(crs, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(str(crs))
    if not crs.isValid():
        raise ValueError(f"invalid CRS {crs!r}")
    return crs


def new_feature(layer: QgsVectorLayer, values: dict, geometry: Optional[QgsGeometry]) -> QgsFeature:
    """A feature of ``layer`` with the given attribute values and geometry (None for none)."""
    feature = QgsFeature(layer.fields())
    for name, value in values.items():
        feature[name] = to_qgis(value)
    if geometry is not None:
        feature.setGeometry(geometry)
    return feature


def to_qgis(value: Any) -> Any:
    """Booleans as 0/1, times as ISO 8601 UTC text, dates as QDate: how the tables store them."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return domain.iso_utc(value)
    if isinstance(value, date):
        return QDate(value.year, value.month, value.day)
    return value


def from_qgis(value: Any) -> Any:
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def as_text(value: Any) -> Optional[str]:
    """Stripped text, None for nothing or blanks (a blank cell is no id)."""
    value = from_qgis(value)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def as_date(value: Any) -> Optional[date]:
    value = from_qgis(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value.strip()[:10]) if value.strip() else None
    return value


def as_flag(value: Any) -> bool:
    """Truth as spreadsheets and forms write it ("1", "yes", "是"…)."""
    value = from_qgis(value)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y", "t", "是")
    return bool(value)


def as_number(value: Any) -> Optional[float]:
    value = from_qgis(value)
    return None if value is None or value == "" else float(value)


def as_geometry(value: Any) -> Optional[QgsGeometry]:
    """A copy of ``value`` (QgsGeometry, WKB, WKT or shapely) the store may transform freely."""
    if value is None or isinstance(value, QgsGeometry):
        return QgsGeometry(value) if value is not None else None
    if isinstance(value, (bytes, bytearray, memoryview, QByteArray)):
        geometry = QgsGeometry()
        geometry.fromWkb(value.data() if isinstance(value, QByteArray) else bytes(value))
        return geometry
    if isinstance(value, str):
        return QgsGeometry.fromWkt(value)
    if hasattr(value, "wkb"):  # shapely
        return as_geometry(value.wkb)
    raise TypeError(f"not a geometry: {value!r}")


def write_time(now: Optional[datetime]) -> datetime:
    """The time of a write: aware, to the second (as stored), now by default."""
    now = now or datetime.now(timezone.utc)
    domain.iso_utc(now)  # refuses a naive datetime
    return now.replace(microsecond=0)


def local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def case_state(attributes: dict) -> domain.CaseState:
    return domain.CaseState(
        case_id=attributes["case_id"],
        status=attributes["status"],
        verdict=attributes.get("verdict"),
        verdict_reason=attributes.get("verdict_reason"),
        rectification=attributes.get("rectification"),
        due_date=attributes.get("due_date"),
        issued_on=attributes.get("issued_on"),
        accountable=bool(attributes.get("accountable")),
    )


def attributes_of(feature: QgsFeature) -> dict:
    return {name: from_qgis(feature.attribute(i)) for i, name in enumerate(feature.fields().names())}


def case_event(attributes: dict) -> domain.CaseEvent:
    return domain.CaseEvent(
        case_id=attributes["case_id"],
        from_status=attributes.get("from_status") or "",
        to_status=attributes.get("to_status") or "",
        action=attributes.get("action") or "",
        actor=attributes.get("actor") or "",
        time=domain.parse_iso_utc(attributes["time"]),
        note=attributes.get("note") or "",
        checks=attributes.get("checks") or "",
    )


def equals(field: str, value: Any) -> str:
    """A filter expression matching ``value`` exactly, quoted whatever it holds (O'Brien, say)."""
    return QgsExpression.createFieldEqualityExpression(field, value)
