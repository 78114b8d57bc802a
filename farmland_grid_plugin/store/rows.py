"""The rows the case stores write, prepared once for every backend.

What a caller hands ``issue`` and ``add_evidence`` (spreadsheet text, QDate, WKB, WGS 84 coordinates) becomes
the values of one table row here: ids, township and village codes from the unit code, due dates, numbers,
the evidence check columns, geometries in the workspace CRS. The stores only write them, so the GeoPackage
and the PostgreSQL workspace hold the same values for the same input.
"""

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP, DomainError
from .cases import EVIDENCE_CHECK_NUMBERS, EVIDENCE_CHECK_TEXTS, ISSUE_FIELDS, CaseStoreError
from .values import CrsLike, as_date, as_flag, as_geometry, as_number, as_text, from_qgis, local_date, qgs_crs

WGS84 = "EPSG:4326"
VERDICT_ACTIONS = (domain.REPORT, domain.SEND_BACK, domain.APPROVE)  # their events keep the evidence flags

Row = Tuple[dict, Optional[QgsGeometry]]


def transform_to(store_crs: QgsCoordinateReferenceSystem, crs: Optional[CrsLike], context) -> Optional[QgsCoordinateTransform]:
    """The transformation from ``crs`` into the store's CRS; None when there is nothing to do."""
    if crs is None:
        return None
    source = qgs_crs(crs)
    if source == store_crs:
        return None
    return QgsCoordinateTransform(source, store_crs, context or QgsProject.instance().transformContext())


def issue_rows(
    patches: Iterable[Mapping[str, Any]],
    actor: str,
    now: datetime,
    note: str,
    rule: domain.DueRule,
    transform: Optional[QgsCoordinateTransform],
) -> List[Tuple[dict, Optional[QgsGeometry], domain.CaseEvent]]:
    """``(case values, multi-polygon or None, issue event)`` per patch, as ``CaseStore.issue`` describes them."""
    rows = []
    for index, patch in enumerate(patches, start=1):
        values = {name: as_text(patch.get(name)) for name in ISSUE_FIELDS}
        values["case_id"] = values["case_id"] or values["patch_id"]
        if values["case_id"] is None:
            raise CaseStoreError(
                QT_TR_NOOP("Patch number {index} has neither a case id nor a patch id, so it cannot be issued"), index=index
            )
        for name in ("area_mu", "pbf_mu", "farmland_mu"):
            values[name] = as_number(patch.get(name))
        unit = str(values["unit_code"] or "")
        if len(unit) >= 9 and not values["township_code"]:
            values["township_code"] = unit[:9]
        if len(unit) >= 12 and not values["village_code"]:
            values["village_code"] = unit[:12]
        values["accountable"] = as_flag(patch.get("accountable"))
        values["issued_on"] = as_date(patch.get("issued_on")) or local_date(now)
        due = as_date(patch.get("due_date"))
        values["due_date"] = due or domain.due_date(values["issued_on"], values["accountable"], rule)
        values.update(status=domain.ISSUED, updated_at=now, checks=checks.NO_PHOTO, photo_count=0, flagged_photos=0)
        geometry = as_geometry(patch.get("geometry"))
        if geometry is not None and not geometry.isNull():
            geometry.convertToMultiType()
            if transform is not None:
                geometry.transform(transform)
        else:
            geometry = None
        rows.append((values, geometry, domain.issue_event(values["case_id"], actor, now, note)))
    return rows


def evidence_actor(case_id: str, actor: str) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise DomainError(QT_TR_NOOP("Case {case_id}: the actor is missing; every step records who took it"), case_id=case_id)
    return actor


def evidence_rows(
    case_id: str,
    records: Iterable[Mapping[str, Any]],
    actor: str,
    now: datetime,
    transform: Optional[QgsCoordinateTransform],
    from_wgs84: Optional[QgsCoordinateTransform],
) -> List[Row]:
    """``(evidence values, point or None)`` per record, as ``CaseStore.add_evidence`` describes them."""
    rows = []
    for index, record in enumerate(records, start=1):
        path = as_text(record.get("path"))
        if path is None:
            raise CaseStoreError(
                QT_TR_NOOP("Evidence number {index} for case {case_id} has no file path"), index=index, case_id=case_id
            )
        taken = from_qgis(record.get("taken"))
        if isinstance(taken, datetime):
            taken = domain.iso_utc(taken) if taken.tzinfo else taken.isoformat(timespec="seconds")
        values = {
            "case_id": case_id,
            "path": path,
            "taken": as_text(taken),
            "space_code": as_text(record.get("space_code")),
            "added_at": now,
            "added_by": actor,
        }
        for name in ("lon_wgs84", "lat_wgs84", "direction_deg", *EVIDENCE_CHECK_NUMBERS):
            values[name] = as_number(record.get(name))
        for name in EVIDENCE_CHECK_TEXTS:
            value = from_qgis(record.get(name))
            values[name] = domain.iso_utc(value) if isinstance(value, datetime) else as_text(value)
        size = as_number(record.get("size_bytes"))
        values["size_bytes"] = None if size is None else int(size)
        # '' is a clean photo; None one that was never checked.
        values["checks"] = None if record.get("checks") is None else checks.join_checks(checks.parse_checks(record["checks"]))
        geometry = as_geometry(record.get("geometry"))
        if geometry is not None and not geometry.isNull():
            if transform is not None:
                geometry.transform(transform)
        elif values["lon_wgs84"] is not None and values["lat_wgs84"] is not None:
            geometry = QgsGeometry.fromPointXY(QgsPointXY(values["lon_wgs84"], values["lat_wgs84"]))
            if from_wgs84 is not None:
                geometry.transform(from_wgs84)
        else:
            geometry = None
        rows.append((values, geometry))
    return rows


def new_only(rows: Sequence, key: Callable[[Any], str], taken: Iterable[str]) -> Tuple[list, List[str]]:
    """The rows whose key is neither taken nor repeated before them, and the keys skipped (in order)."""
    seen, kept, skipped = set(taken), [], []
    for row in rows:
        name = key(row)
        if name in seen:
            skipped.append(name)
            continue
        seen.add(name)
        kept.append(row)
    return kept, skipped


def case_check_values(evidence: Iterable[Tuple[Optional[float], Optional[str]]], rules: checks.CheckRules) -> dict:
    """The case's own flags, photo count, spread of directions and flagged photos over ``(direction, checks)`` of
    all its evidence: the case columns every evidence write sets."""
    evidence = list(evidence)
    result = checks.check_case([direction for direction, _ in evidence], rules)
    flagged = sum(bool(checks.parse_checks(photo_checks)) for _, photo_checks in evidence)
    spread = result.spread_deg
    return {"checks": result.checks, "photo_count": result.photo_count, "view_spread_deg": spread, "flagged_photos": flagged}


def verdict_event(
    event: domain.CaseEvent, case_checks: Optional[str], photos: Iterable[Tuple[str, Optional[str]]], seen_checks: Sequence[str]
) -> domain.CaseEvent:
    """A verdict's event with the evidence flags the case had (``photos``: (path, checks)) and those the dock saw."""
    named = [(Path(path).name, photo_checks) for path, photo_checks in photos]
    summary = "; ".join(filter(None, [checks.flag_summary(case_checks, named), *seen_checks]))
    return dataclasses.replace(event, checks=summary)


def changed_values(state: domain.CaseState, new_state: domain.CaseState, now: datetime) -> dict:
    """The case columns a step changes, with ``updated_at``."""
    changed = {
        field.name: getattr(new_state, field.name)
        for field in dataclasses.fields(new_state)
        if getattr(new_state, field.name) != getattr(state, field.name)
    }
    changed["updated_at"] = now
    return changed
