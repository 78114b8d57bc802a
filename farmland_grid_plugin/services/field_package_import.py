"""A returned field package into the workspace (回收): its photos copied into the workspace's evidence folder and
attached to their cases with the same 举证核验 as importevidence, the cases the patroller marked done reported
(the patroller as actor), and every feature or file that cannot be taken listed with its reason.

Idempotent: a photo's copy is named by its UUID, so a second import finds it attached; a done mark counts only
when the case has had no later step than the package was made.
"""

import os
import shutil
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Dict, List

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem

from ..domain import cases as case_rules
from ..domain import evidence_checks as checks
from ..domain import field_package as rules
from ..domain.exif import PhotoError, is_image_path, read_photo, unexpected_failure
from ..domain.messages import QT_TR_NOOP, DomainError
from ..i18n import render
from .evidence_audit import audit_photos, evidence_record, fingerprints
from .evidence_files import read_file_facts
from .field_package_files import package_files
from .field_package_return import Returned
from .files import writable_path
from .tracks import WGS84, transformer


@dataclass
class Outcome:
    """What the import did: evidence rows attached, case steps taken, and the rejected items."""

    evidence: List[dict] = field(default_factory=list)  # per attached photo: the output row and its position
    steps: List[tuple] = field(default_factory=list)  # (case id, action)
    rejected: List[tuple] = field(default_factory=list)  # (package, layer, item, reason, message)

    def reject(self, package, layer, item, reason, message):
        self.rejected.append((package, layer, item, reason, message))


def _message(text, **values) -> str:
    return render(DomainError(text, **values).message)


def import_returned(workspace, returned: Returned, manifest: rules.Manifest, actor: str, now: datetime,
                    check_rules: checks.CheckRules, outcome: Outcome) -> None:  # fmt: skip
    """Attach the package's evidence and take its case steps in ``workspace`` (open, this package's checked)."""
    package = manifest.package_id
    store = workspace.cases
    records = {
        c: store.case(c) for c in {m.case_id for m in returned.marks} | {e.case_id for e in returned.evidence if e.case_id}
    }
    last_step = {c: (store.events(c)[-1].time if r is not None and store.events(c) else None) for c, r in records.items()}
    photos_of: Dict[str, list] = {}
    for photo in returned.photos:
        photos_of.setdefault(photo.evidence_uuid, []).append(photo)
    points = {e.uuid: e for e in returned.evidence}
    referenced = set()
    for photo in returned.photos:
        if photo.evidence_uuid not in points:
            outcome.reject(
                package,
                rules.PHOTOS,
                photo.uuid,
                rules.ORPHAN_PHOTO,
                _message(QT_TR_NOOP("Photo {uuid} belongs to no evidence point of the package"), uuid=photo.uuid),
            )
            if photo.path:
                referenced.add(Path(photo.path).as_posix())
    to_package = transformer(store.crs, returned.crs) if store.crs != returned.crs else None
    new_by_case: Dict[str, list] = {}
    stored = store.all_evidence()
    for point in returned.evidence:
        photos = photos_of.get(point.uuid, [])
        referenced.update(Path(p.path).as_posix() for p in photos if p.path)
        reason, message = _point_problem(point, photos, manifest, records)
        if reason is not None:
            outcome.reject(package, rules.EVIDENCE, point.uuid, reason, message)
            for photo in photos:
                outcome.reject(package, rules.PHOTOS, photo.uuid, reason, message)
            continue
        attached = {Path(e.path).name for e in stored if e.case_id == point.case_id}
        for photo in photos:
            _take_photo(workspace, returned, package, point, photo, attached, new_by_case, outcome)
    for path in package_files(returned.folder):
        text = path.as_posix()
        if text == rules.MANIFEST or text in manifest.files or text in referenced or text.endswith((".qgs~", "-wal", "-shm")):
            continue
        if text.startswith(f"{rules.PHOTO_FOLDER}/") or is_image_path(text):
            outcome.reject(
                package,
                "file",
                text,
                rules.UNREFERENCED_FILE,
                _message(QT_TR_NOOP("{path} is in the package but no photo row names it"), path=text),
            )
    _attach(
        workspace,
        records,
        new_by_case,
        point_by_uuid=points,
        now=now,
        check_rules=check_rules,
        stored=stored,
        outcome=outcome,
        to_package=to_package,
        manifest=manifest,
        crs=returned.crs,
    )
    _steps(workspace, returned, manifest, records, last_step, new_by_case, actor, now, outcome)


def _point_problem(point, photos, manifest, records):
    if point.xy is None:
        return rules.NO_GEOMETRY, _message(QT_TR_NOOP("Evidence point {uuid} has no position"), uuid=point.uuid)
    if not point.case_id:
        return rules.NO_CASE, _message(QT_TR_NOOP("Evidence point {uuid} names no case"), uuid=point.uuid)
    if point.case_id not in manifest.cases:
        return rules.NOT_ASSIGNED, _message(
            QT_TR_NOOP("Case {case_id} was not handed to {person} in this package"),
            case_id=point.case_id,
            person=manifest.person,
        )
    if records.get(point.case_id) is None:
        return rules.UNKNOWN_CASE, _message(QT_TR_NOOP("The workspace has no case {case_id}"), case_id=point.case_id)
    if not photos:
        return rules.NO_PHOTO, _message(
            QT_TR_NOOP("Evidence point {uuid} of case {case_id} has no photo (note: {note})"),
            uuid=point.uuid, case_id=point.case_id, note=point.note or "—",
        )  # fmt: skip
    return None, None


def _take_photo(workspace, returned, package, point, photo, attached, new_by_case, outcome):
    """Check one photo row's file and copy it into the evidence folder; a rejection says why."""
    if not photo.path:
        outcome.reject(
            package,
            rules.PHOTOS,
            photo.uuid,
            rules.MISSING_FILE,
            _message(QT_TR_NOOP("Photo {uuid} names no file"), uuid=photo.uuid),
        )
        return
    source = returned.folder / photo.path
    inside = Path(os.path.abspath(source)).is_relative_to(Path(os.path.abspath(returned.folder)))
    if not inside or source.is_symlink():
        outcome.reject(
            package,
            rules.PHOTOS,
            photo.uuid,
            rules.OUTSIDE_PACKAGE,
            _message(QT_TR_NOOP("{path} is not a file inside the package"), path=photo.path),
        )
        return
    if not source.is_file():
        outcome.reject(
            package,
            rules.PHOTOS,
            photo.uuid,
            rules.MISSING_FILE,
            _message(QT_TR_NOOP("{path} is missing from the package"), path=photo.path),
        )
        return
    name = f"{photo.uuid}{source.suffix.lower()}"
    if name in attached:
        outcome.reject(
            package,
            rules.PHOTOS,
            photo.uuid,
            rules.ALREADY_IMPORTED,
            _message(QT_TR_NOOP("{path} is already attached to case {case_id}"), path=photo.path, case_id=point.case_id),
        )
        return
    records = new_by_case.setdefault(point.case_id, [])
    if records and any(r[2] == name for r in records):
        return
    try:
        info = read_photo(str(source))
    except PhotoError as exc:
        outcome.reject(package, rules.PHOTOS, photo.uuid, exc.reason, render(exc.message))
        return
    except Exception as exc:  # one bad file must never stop the others
        problem = unexpected_failure(source.name, exc)
        outcome.reject(package, rules.PHOTOS, photo.uuid, problem.reason, render(problem.message))
        return
    # The phone knew where it stood and which way it looked when the point was taken: kept where EXIF is silent.
    if info.lat is None or info.lon is None:
        info = replace(info, lat=point.lat, lon=point.lon)
    if info.direction is None and point.direction_deg is not None:
        info = replace(info, direction=point.direction_deg, direction_ref="T")
    if info.accuracy_m is None:
        info = replace(info, accuracy_m=point.accuracy_m)
    target_folder = workspace.evidence_folder / _safe(point.case_id)
    target_folder.mkdir(parents=True, exist_ok=True)
    target = writable_path(target_folder / name)
    shutil.copyfile(source, target)
    records.append((photo, info, name, target))


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)


def _attach(workspace, records, new_by_case, point_by_uuid, now, check_rules, stored, outcome, to_package, manifest, crs):
    """The copied photos audited (举证核验) against their case's patch and dates, in the package's metric CRS, then
    attached with the patroller as the one who added them."""
    from_wgs84 = transformer(QgsCoordinateReferenceSystem(WGS84), crs)
    photo_point = {}
    for items in new_by_case.values():
        for photo, _info, _name, _target in items:
            photo_point[photo.uuid] = point_by_uuid[photo.evidence_uuid]
    for case_id, items in new_by_case.items():
        if not items:
            continue
        record = records[case_id]
        patch = shapely.from_wkb(bytes(record.geometry.asWkb())) if record.geometry is not None else None
        if patch is not None and to_package is not None:
            patch = shapely.transform(patch, lambda c: np.column_stack(to_package.transform(c[:, 0], c[:, 1])))
        facts = {case_id: checks.CaseFacts(patch, record.issued_on, record.due_date)} if patch is not None else {}
        xy = []
        for photo, info, _name, _target in items:
            point = photo_point[photo.uuid]
            # Where the camera stood: its EXIF position where it has one, else the point the phone recorded.
            exif = info.lon is not None and (info.lon, info.lat) != (point.lon, point.lat)
            xy.append(from_wgs84.transform(info.lon, info.lat) if exif else point.xy)
        photos = [(str(target), info) for _p, info, _n, target in items]
        files = [read_file_facts(target) for _p, _i, _n, target in items]
        audited = audit_photos(
            photos, files, [case_id] * len(items), np.array(xy, dtype=float), facts, now, check_rules, fingerprints(stored)
        )
        evidence = []
        for (photo, info, _name, _target), result in zip(items, audited):
            point = photo_point[photo.uuid]
            row = evidence_record(result, info.lon, info.lat, point.space_code)
            evidence.append(row)
            outcome.evidence.append(
                {"package": manifest.package_id, "point": point, "photo": photo, "record": row, "patroller": manifest.person}
            )
        workspace.cases.add_evidence(case_id, evidence, manifest.person, rules=check_rules)


def _steps(workspace, returned, manifest, records, last_step, new_by_case, actor, now, outcome):
    """Report the cases marked done (verdict, reason and field note from the form), start collecting on issued cases
    that got evidence; a step the case's later history overtook is listed, never taken."""
    note_of = {}
    for mark in returned.marks:
        note_of[mark.case_id] = mark
    package = manifest.package_id
    touched = set(note_of) | {c for c, items in new_by_case.items() if items}
    for case_id in sorted(touched):
        record = records.get(case_id)
        mark = note_of.get(case_id)
        done = bool(mark and mark.done)
        if record is None or case_id not in manifest.cases:
            if done:
                reason = rules.UNKNOWN_CASE if record is None else rules.NOT_ASSIGNED
                message = _message(QT_TR_NOOP("Case {case_id} cannot be reported from this package"), case_id=case_id)
                outcome.reject(package, rules.CASES, case_id, reason, message)
            continue
        step = rules.field_step(record.status, done, bool(new_by_case.get(case_id)), last_step.get(case_id), manifest.created_at)
        if step.reason is not None:
            message = _message(
                QT_TR_NOOP("Case {case_id} ({status}): the done mark of package {package} ({made}) is not taken"),
                case_id=case_id, status=case_rules.status_label(record.status), package=package,
                made=case_rules.iso_utc(manifest.created_at),
            )  # fmt: skip
            outcome.reject(package, rules.CASES, case_id, step.reason, message)
            continue
        if step.action is None:
            continue
        note = _message(QT_TR_NOOP("Field package {package}, imported by {actor}"), package=package, actor=actor)
        if step.action == case_rules.REPORT and not mark.verdict:
            outcome.reject(
                package,
                rules.CASES,
                case_id,
                rules.NO_VERDICT,
                _message(QT_TR_NOOP("Case {case_id} is marked done without a verdict"), case_id=case_id),
            )
            continue
        try:
            if step.action == case_rules.REPORT:
                text = f"{mark.field_note}\n{note}" if mark.field_note else note
                workspace.cases.apply(
                    case_id,
                    case_rules.REPORT,
                    manifest.person,
                    text,
                    now,
                    verdict=mark.verdict,
                    verdict_reason=mark.verdict_reason,
                )
            else:
                workspace.cases.apply(case_id, step.action, manifest.person, note, now)
        except DomainError as exc:
            outcome.reject(package, rules.CASES, case_id, rules.REPORT_REFUSED, render(exc.message))
            continue
        outcome.steps.append((case_id, step.action))
