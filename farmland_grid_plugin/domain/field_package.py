"""Field packages (下发到手机 → 回收): the rules that need no QGIS.

A package is one patroller's offline QField project: their cells, parcels, open cases and forms. What
comes back is judged here: whether the package may be read into this workspace at all (its manifest),
which patroller holds which cells, how QField's track M values become vertex times, and whether a
"done" mark of a case still stands when the package returns (an older package never undoes a later
step of the case).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import cases
from .messages import QT_TR_NOOP, DomainError

#: Layout of the package (its manifest, GeoPackage layers and fields); a newer one is refused on import.
PACKAGE_FORMAT = 1
MANIFEST = "manifest.json"
PROJECT = "project.qgs"
DATA = "data.gpkg"
PHOTO_FOLDER = "DCIM"
BASEMAP = "basemap.tif"

# Layers of the package GeoPackage.
CELLS, PARCELS, PBF, NEIGHBOURS, CASES = "cells", "parcels", "pbf", "neighbours", "cases"
EVIDENCE, PHOTOS, TRACKS = "evidence", "evidence_photos", "tracks"

# Why something of a returned package is not imported (OUTPUT_REJECTED reason codes).
NO_GEOMETRY = "no_geometry"
NO_CASE = "no_case"  # the evidence names no case
NOT_ASSIGNED = "case_not_assigned"  # the case was not handed to this patroller in this package
CASE_NOT_OPEN = "case_not_open"  # the case is closed, approved or under review now
UNKNOWN_CASE = "unknown_case"  # the workspace has no such case (any more)
NO_PHOTO = "no_photo"  # an evidence point without a photo: the store keeps evidence as photo files
ORPHAN_PHOTO = "orphan_photo"  # a photo row whose evidence point is missing
MISSING_FILE = "missing_file"
OUTSIDE_PACKAGE = "outside_package"  # a photo path leaving the package folder (or a link)
UNREFERENCED_FILE = "unreferenced_file"  # a file in the package no photo row names
ALREADY_IMPORTED = "already_imported"
STALE_MARK = "stale_mark"  # marked done in a package older than the case's last step
NO_VERDICT = "no_verdict"
REPORT_REFUSED = "report_refused"
TRACK_TOO_SHORT = "track_too_short"
NO_TIME = "no_time"
PACKAGE_REFUSED = "package_refused"

# Above this many "seconds", M values are milliseconds (early QField versions): no patrol lasts two days.
MS_THRESHOLD_S = 2 * 86400.0


class PackageRefused(DomainError):
    """The whole package cannot be read into this workspace; the message says why."""


@dataclass(frozen=True)
class Manifest:
    package_id: str
    person: str
    cells: Tuple[str, ...]
    cases: Tuple[str, ...]
    workspace: str  # the workspace's identity (store ``Workspace.identity``)
    schema_version: int
    created_at: datetime  # aware, UTC
    level: int
    format: int = PACKAGE_FORMAT
    files: Dict[str, str] = field(default_factory=dict)  # relative path → SHA-256 as exported

    def to_json(self) -> dict:
        return {
            "format": self.format,
            "package_id": self.package_id,
            "person": self.person,
            "level": self.level,
            "cells": list(self.cells),
            "cases": list(self.cases),
            "workspace": self.workspace,
            "schema_version": self.schema_version,
            "created_at": cases.iso_utc(self.created_at),
            "files": dict(sorted(self.files.items())),
        }


def manifest_from_json(data) -> Manifest:
    """The manifest read back; ``PackageRefused`` when it is not one of ours or is damaged."""
    try:
        return Manifest(
            package_id=str(data["package_id"]),
            person=str(data["person"]),
            cells=tuple(str(c) for c in data["cells"]),
            cases=tuple(str(c) for c in data["cases"]),
            workspace=str(data["workspace"]),
            schema_version=int(data["schema_version"]),
            created_at=cases.parse_iso_utc(str(data["created_at"])),
            level=int(data.get("level", 6)),
            format=int(data["format"]),
            files={str(k): str(v) for k, v in dict(data.get("files", {})).items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PackageRefused(
            QT_TR_NOOP("The package manifest is damaged or not a field package manifest: {error}"), error=exc
        ) from exc


def check_manifest(manifest: Manifest, workspace_identity: str, schema_version: int) -> None:
    """Refuse a package of another workspace, of a newer workspace schema, or of a newer package format."""
    if manifest.format > PACKAGE_FORMAT:
        raise PackageRefused(
            QT_TR_NOOP("Package {package} has format {found}; this plugin reads format {known} and older: update the plugin"),
            package=manifest.package_id,
            found=manifest.format,
            known=PACKAGE_FORMAT,
        )
    if manifest.schema_version > schema_version:
        raise PackageRefused(
            QT_TR_NOOP(
                "Package {package} was made from a workspace of schema version {found}, newer than this workspace's {known}: "
                "update the plugin or import it into the workspace it came from"
            ),
            package=manifest.package_id,
            found=manifest.schema_version,
            known=schema_version,
        )
    if manifest.workspace != workspace_identity:
        raise PackageRefused(
            QT_TR_NOOP("Package {package} was made from another workspace ({found}); import it into the workspace it came from"),
            package=manifest.package_id,
            found=manifest.workspace,
        )


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def package_id(cell_codes: Sequence[str], person: str) -> str:
    """The package's folder name: its first cell code and the person (``130123001001001_张三``), plus the number
    of further cells; characters no file system takes are replaced."""
    codes = sorted(cell_codes)
    name = f"{codes[0]}_{person}" + (f"_+{len(codes) - 1}" if len(codes) > 1 else "")
    return _UNSAFE.sub("_", name).strip("._") or "package"


def field_keeper(persons: Sequence[str], roles: Sequence[str], preferred: str = "田管员") -> Optional[str]:
    """The patroller of a cell: the person with the ``preferred`` role, else the first person; None without one."""
    named = [(p.strip(), (r or "").strip()) for p, r in zip(persons, list(roles) + [""] * len(persons)) if p and p.strip()]
    if not named:
        return None
    return next((p for p, r in named if r == preferred), named[0][0])


def group_by_person(cell_codes: Sequence[str], keepers: Sequence[Optional[str]]) -> Tuple[Dict[str, List[str]], List[str]]:
    """``({person: their cell codes}, cells without a person)``: one package per person, however many cells."""
    packages: Dict[str, List[str]] = {}
    orphans = []
    for code, person in zip(cell_codes, keepers):
        if person:
            packages.setdefault(person, []).append(code)
        else:
            orphans.append(code)
    return packages, orphans


def vertex_times(start_s: float, m_values, unit_s: Optional[float] = None) -> np.ndarray:
    """UTC seconds of the vertices of a QField track: its start time plus each vertex's M value (time since the
    first vertex). M is in seconds; values beyond two days are taken as milliseconds (early QField versions)."""
    m = np.asarray(m_values, dtype=float)
    if unit_s is None:
        finite = m[np.isfinite(m)]
        unit_s = 0.001 if finite.size and finite.max() > MS_THRESHOLD_S else 1.0
    return start_s + (m - (m[0] if m.size and np.isfinite(m[0]) else 0.0)) * unit_s


OPEN_FOR_FIELD = (cases.ISSUED, cases.COLLECTING, cases.RETURNED)


@dataclass(frozen=True)
class CaseStep:
    """What the returned package does to a case: ``action`` (None: nothing) or ``reason`` why not."""

    action: Optional[str]
    reason: Optional[str] = None


def field_step(status: str, done: bool, has_new_evidence: bool, last_step: Optional[datetime], made: datetime) -> CaseStep:
    """The step a returned package takes on a case in ``status``: report it when marked done, start collecting
    when new evidence reaches an issued case. A done mark in a package made before the case's last step
    (``last_step``: a send-back, a report from a newer package) is stale and never undoes that step."""
    if done:
        if status == cases.REPORTED and last_step is not None and last_step >= made:
            return CaseStep(None, ALREADY_IMPORTED)
        if status not in OPEN_FOR_FIELD:
            return CaseStep(None, CASE_NOT_OPEN)
        if last_step is not None and last_step > made:
            return CaseStep(None, STALE_MARK)
        return CaseStep(cases.REPORT)
    if has_new_evidence and status == cases.ISSUED:
        return CaseStep(cases.COLLECT)
    return CaseStep(None)
