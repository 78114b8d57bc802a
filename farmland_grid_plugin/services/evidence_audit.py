"""举证核验 of a batch of photos: the facts of each photo and its file against its case's patch and dates
and against the evidence already in the workspace (``domain.evidence_checks``), and the evidence
records the store keeps of them. Shared by every way photos reach cases (importevidence, the field
packages)."""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, List, Optional, Sequence

from ..domain import evidence_checks as checks
from ..domain.exif import PhotoInfo
from ..domain.photo_hash import hash_text, hash_value
from .evidence_files import FileFacts


@dataclass(frozen=True)
class AuditedPhoto:
    """A photo as read, where it belongs, and what the checks found."""

    path: str
    info: PhotoInfo
    file: Optional[FileFacts]
    case_id: Optional[str]
    check: checks.PhotoCheck


def local_utc_offset() -> timedelta:
    """The UTC offset of this computer's time zone now: the camera clock's where a photo records none."""
    return datetime.now().astimezone().utcoffset() or timedelta(0)


def fingerprints(records) -> List[checks.Fingerprint]:
    """The stored evidence (``EvidenceRecord``) as the duplicate rules compare it."""
    return [
        checks.Fingerprint(r.case_id, r.path, os.path.basename(r.path), r.sha256, hash_value(r.phash))
        for r in records
        if r.sha256 or r.phash
    ]


def audit_photos(
    photos: Sequence,
    files: Sequence[Optional[FileFacts]],
    case_ids: Sequence[Optional[str]],
    xy,
    cases: Dict[str, checks.CaseFacts],
    now: datetime,
    rules: checks.CheckRules = checks.DEFAULT_RULES,
    stored: Sequence[checks.Fingerprint] = (),
    local_offset: Optional[timedelta] = None,
) -> List[AuditedPhoto]:
    """The checks of ``photos`` (``(path, PhotoInfo)``), their files and case ids, the cameras at ``xy``
    (metres, the CRS of ``cases``' patches; NaN where unknown)."""
    facts = []
    for (path, info), file, case_id, (x, y) in zip(photos, files, case_ids, xy):
        known = x == x and y == y  # not NaN
        facts.append(
            checks.PhotoFacts(
                key=path,
                name=os.path.basename(path),
                case_id=case_id,
                x=float(x) if known else None,
                y=float(y) if known else None,
                direction=info.direction,
                taken=info.taken,
                offset=info.offset,
                gps_time_utc=info.gps_time_utc,
                accuracy_m=info.accuracy_m,
                software=info.software,
                sha256=file.sha256 if file else None,
                phash=file.phash if file else None,
            )
        )
    offset = local_utc_offset() if local_offset is None else local_offset
    results = checks.check_photos(facts, cases, now, rules, stored, offset)
    return [AuditedPhoto(p[0], p[1], f, c, r) for p, f, c, r in zip(photos, files, case_ids, results)]


def case_checks(audited: Sequence[AuditedPhoto], stored, rules=checks.DEFAULT_RULES) -> Dict[str, checks.CaseCheck]:
    """The case-level flags of every case the photos belong to, over these photos and its stored evidence
    (a stored path imported again counts once)."""
    directions: Dict[str, dict] = {}
    for record in stored:
        directions.setdefault(record.case_id, {})[record.path] = record.direction_deg
    for photo in audited:
        if photo.case_id is not None:
            directions.setdefault(photo.case_id, {})[photo.path] = photo.info.direction
    cases = {photo.case_id for photo in audited if photo.case_id is not None}
    return {case_id: checks.check_case(list(directions[case_id].values()), rules) for case_id in cases}


def evidence_record(photo: AuditedPhoto, lon: float, lat: float, space_code: Optional[str]) -> dict:
    """What ``CaseStore.add_evidence`` keeps of an audited photo."""
    check, file, info = photo.check, photo.file, photo.info
    return {
        "path": photo.path,
        "taken": info.taken,
        "lon_wgs84": float(lon),
        "lat_wgs84": float(lat),
        "direction_deg": info.direction,
        "space_code": space_code,
        "checks": check.checks,
        "distance_m": check.distance_m,
        "view_off_deg": check.view_off_deg,
        "accuracy_m": info.accuracy_m,
        "clock_skew_s": check.clock_skew_s,
        "taken_utc": check.taken_utc,
        "software": info.software,
        "duplicate_of": check.duplicate_of,
        "similar_of": check.similar_of,
        "sha256": file.sha256 if file else None,
        "size_bytes": file.size_bytes if file else None,
        "read_at": file.read_at if file else None,
        "phash": hash_text(file.phash) if file else None,
    }
