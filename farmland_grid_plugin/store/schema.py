"""The workspace GeoPackage's schema: its tables, their creation and their migration, with GDAL/OGR.

The case store and the code registry share one file and one schema version, so a workspace is
always complete: whichever tool opens it first (issuing cases, coding parcels, the review dock)
leaves every table in place. Layout of schema version 4 (``SCHEMA_VERSION``):

- ``cases``: MultiPolygon layer, one row per case (``CASE_FIELDS``); ``case_id`` is unique;
- ``case_events``: attribute table, one row per change of status, append-only (triggers refuse
  UPDATE and DELETE); ``event_id`` orders the events as they were recorded;
- ``evidence``: Point layer of field evidence (photos) per case, with the 举证核验 flags (``checks``), the
  figures behind them and the SHA-256, size and read time of the file attached;
- ``space_code_registry``: attribute table of every space code ever issued (``store/registry.py``);
- ``farmland_grid_meta``: key/value table; ``schema_version`` says which layout the file has.

Versions: 1 had cases and events; 2 added the verdict reason, rectification, the evidence layer and
the append-only triggers; 3 took in the registry, which earlier ``assignspacecodes`` runs created on
their own (such a file has the registry and no meta table; it opens as a workspace with its codes
kept); 4 added the evidence checks: their columns on the evidence, the case-level flags and photo counts
on the cases (computed for the evidence already there; its photos stay unchecked, ``checks`` NULL), and
the flags at the moment of a verdict on the events. Tables are created, and older layouts migrated, in
one transaction; a newer layout than this plugin knows is refused, and so is a file whose tables only
share a name with ours.
"""

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Tuple, Union

from osgeo import gdal, ogr, osr
from qgis.core import QgsCoordinateReferenceSystem

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP, DomainError
from .cases import CaseStoreError
from .values import CrsLike, qgs_crs

SCHEMA_VERSION = 4
CASES, EVENTS, EVIDENCE, META = "cases", "case_events", "evidence", "farmland_grid_meta"
REGISTRY = "space_code_registry"
DEFAULT_CRS = "EPSG:4490"  # CGCS2000 geographic, the CRS of the first issued patches

_TEXT, _DATE, _REAL, _INT, _INT64 = ogr.OFTString, ogr.OFTDate, ogr.OFTReal, ogr.OFTInteger, ogr.OFTInteger64

# (field, OGR type, schema version that brought it)
CASE_FIELDS = (
    ("case_id", _TEXT, 1),
    ("patch_id", _TEXT, 1),
    ("unit_code", _TEXT, 1),  # the bottom cell: villager group, or the village where it has no groups
    ("township_code", _TEXT, 1),
    ("village_code", _TEXT, 1),
    ("person", _TEXT, 1),  # responsible person from the grid roster
    ("phone", _TEXT, 1),
    ("status", _TEXT, 1),
    ("verdict", _TEXT, 1),
    ("verdict_reason", _TEXT, 2),
    ("rectification", _TEXT, 2),
    ("issued_on", _DATE, 1),
    ("due_date", _DATE, 1),
    ("area_mu", _REAL, 1),
    ("pbf_mu", _REAL, 1),
    ("farmland_mu", _REAL, 1),
    ("accountable", _INT, 1),  # 1 when ≥ 5 亩 PBF or ≥ 10 亩 farmland occupied
    ("updated_at", _TEXT, 1),  # ISO 8601 UTC
    ("checks", _TEXT, 4),  # case-level evidence flags (no_photo, too_few_photos, narrow_view), comma-separated
    ("photo_count", _INT, 4),
    ("view_spread_deg", _REAL, 4),  # degrees spanned by the directions of its photos
    ("flagged_photos", _INT, 4),  # photos with at least one flag
)
EVENT_FIELDS = (
    ("case_id", _TEXT, 1),
    ("action", _TEXT, 1),
    ("from_status", _TEXT, 1),
    ("to_status", _TEXT, 1),
    ("actor", _TEXT, 1),
    ("time", _TEXT, 1),  # ISO 8601 UTC
    ("note", _TEXT, 1),
    ("checks", _TEXT, 4),  # the case's flags when the step was taken (verdicts), as the reviewer saw them
)
EVIDENCE_FIELDS = (
    ("case_id", _TEXT, 2),
    ("path", _TEXT, 2),
    ("taken", _TEXT, 2),  # as the photo recorded it (EXIF time is local), or ISO 8601 UTC if known
    ("lon_wgs84", _REAL, 2),
    ("lat_wgs84", _REAL, 2),
    ("direction_deg", _REAL, 2),
    ("space_code", _TEXT, 2),
    ("added_at", _TEXT, 2),  # ISO 8601 UTC
    ("added_by", _TEXT, 2),
    ("checks", _TEXT, 4),  # photo flags, comma-separated; '' clean, NULL not checked (attached before version 4)
    ("distance_m", _REAL, 4),  # camera to the patch polygon, 0 inside
    ("view_off_deg", _REAL, 4),  # direction of view to the direction of the patch
    ("accuracy_m", _REAL, 4),  # GPS horizontal error
    ("clock_skew_s", _REAL, 4),  # camera clock minus GPS time
    ("taken_utc", _TEXT, 4),  # ISO 8601 UTC
    ("software", _TEXT, 4),
    ("duplicate_of", _TEXT, 4),  # "case: file" of a photo of the same content
    ("similar_of", _TEXT, 4),  # "case: file" of a photo that looks the same
    ("sha256", _TEXT, 4),  # of the file as attached
    ("size_bytes", _INT64, 4),
    ("read_at", _TEXT, 4),  # ISO 8601 UTC: when the attached bytes were read
    ("phash", _TEXT, 4),  # 64-bit perceptual hash, hexadecimal
)
META_FIELDS = (("key", _TEXT, 1), ("value", _TEXT, 1))

# The registry keeps the layout its first release gave it (text primary key, no OGR fid), so that
# files coded before version 3 need no rewrite.
_REGISTRY_TABLE = (
    f'CREATE TABLE IF NOT EXISTS "{REGISTRY}" ('
    "space_code TEXT PRIMARY KEY, county_code TEXT NOT NULL, group_code TEXT NOT NULL, "
    "serial INTEGER NOT NULL, status TEXT NOT NULL, issued_at TEXT NOT NULL, retired_at TEXT, "
    "parent_codes TEXT)"
)


def write_error(path: Path, error: str) -> CaseStoreError:
    """The refusal of a write that could not take place, with the two usual reasons for it."""
    return CaseStoreError(
        QT_TR_NOOP(
            "Cannot write to the workspace {path}: {error}. Another user may be writing to it, or its case layers are "
            "being edited in QGIS: save those edits and try again"
        ),
        path=str(path),
        error=error,
    )


def prepare(path: Path, crs: CrsLike = DEFAULT_CRS, *, create: bool = True) -> int:
    """Check the workspace file at ``path`` and bring its schema to ``SCHEMA_VERSION``; returns it.

    ``create=False`` (readers) refuses a missing file and a file without cases instead of making a
    workspace of it, but still migrates an older one, as every version of the dock has. The file is
    opened for update only when something is to be written, so a reader may open a read-only copy.
    """
    if path.is_dir():
        raise CaseStoreError(QT_TR_NOOP("{path} is a folder: choose a GeoPackage file"), path=str(path))
    if not path.exists():
        if not create:
            raise CaseStoreError(QT_TR_NOOP("There is no workspace file {path}"), path=str(path))
        dataset = _new_geopackage(path)
        try:
            _in_transaction(dataset, path, lambda: _create_current(dataset, crs), None)
        finally:
            dataset = None
        return SCHEMA_VERSION

    found, tables = _inspect(path)
    if found is None:
        if not create:
            raise CaseStoreError(
                QT_TR_NOOP("{path} holds no cases: choose the workspace GeoPackage the cases were issued to"), path=str(path)
            )
        for table in (CASES, EVENTS, EVIDENCE, META):
            if table in tables:
                raise CaseStoreError(
                    QT_TR_NOOP("The workspace {path} has a table {table} that is not one of this plugin's case tables"),
                    path=str(path),
                    table=table,
                )
    version = None if found is None else _version_number(path, found)
    if not os.access(path, os.W_OK):
        if create:
            raise CaseStoreError(QT_TR_NOOP("{path} is read-only"), path=str(path))
        if version != SCHEMA_VERSION:
            raise CaseStoreError(
                QT_TR_NOOP("{path} is read-only, so its workspace schema cannot be brought from version {found} to {known}"),
                path=str(path),
                found=version,
                known=SCHEMA_VERSION,
            )
    if version == SCHEMA_VERSION:
        return SCHEMA_VERSION
    dataset = _open(path, gdal.OF_UPDATE)
    try:
        if version is None:
            _in_transaction(dataset, path, lambda: _create_current(dataset, crs), None)
        else:
            _in_transaction(dataset, path, lambda: _migrate(dataset, version), version)
    finally:
        dataset = None
    return SCHEMA_VERSION


def workspace_schema_version(path: Union[str, Path]) -> Optional[int]:
    """The schema version of the case tables in the workspace; None without a file, tables or readable version."""
    if not Path(path).is_file():
        return None
    try:
        found, _ = _inspect(Path(path))
        return None if found is None else int(found)
    except (DomainError, ValueError):
        return None


def create_workspace_of_version(path: Union[str, Path], version: int, crs: CrsLike = DEFAULT_CRS) -> None:
    """The tables of an earlier schema ``version`` as that release made them, in a new file or added
    to a GeoPackage (as a release before 3 added cases to a file coded before): for migration tests.
    Version 1 has no evidence layer, triggers or verdict reason; version 2 no registry; version 3 no evidence checks."""
    if not 1 <= version <= SCHEMA_VERSION:
        raise ValueError(f"no schema version {version}")
    path = Path(path)
    dataset = _open(path, gdal.OF_UPDATE) if path.exists() else _new_geopackage(path)
    try:
        _in_transaction(dataset, path, lambda: _create(dataset, _srs(crs), version), None)
    finally:
        dataset = None


# ---------------------------------------------------------------------------------------------
# Opening the file


def _new_geopackage(path: Path):
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    if dataset is None:
        raise CaseStoreError(QT_TR_NOOP("Cannot create the workspace {path}"), path=str(path))
    return dataset


def _open(path: Path, flags: int):
    gdal.ErrorReset()
    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | flags, allowed_drivers=["GPKG"])
    except RuntimeError:  # when some other code switched GDAL to exceptions
        dataset = None
    if dataset is None:
        raise CaseStoreError(
            QT_TR_NOOP("The workspace {path} is not a usable GeoPackage: {error}"),
            path=str(path),
            error=gdal.GetLastErrorMsg() or "GPKG",
        )
    return dataset


def _inspect(path: Path) -> Tuple[Optional[str], set]:
    """The recorded ``schema_version`` text (None without one) and the table names, read without writing."""
    dataset = _open(path, 0)
    try:
        tables = {dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())}
        return _read_version(dataset), tables
    finally:
        dataset = None


def _version_number(path: Path, found: str) -> int:
    try:
        version = int(found)
    except ValueError:
        version = None
    if version is None or version < 1:
        raise CaseStoreError(
            QT_TR_NOOP("The workspace {path} has an unreadable case schema version {found!r}"), path=str(path), found=found
        )
    if version > SCHEMA_VERSION:
        raise CaseStoreError(
            QT_TR_NOOP(
                "The workspace {path} has case tables of schema version {found}, newer than this plugin "
                "knows ({known}); update the plugin to use it"
            ),
            path=str(path),
            found=version,
            known=SCHEMA_VERSION,
        )
    return version


def _in_transaction(dataset, path: Path, work, from_version: Optional[int]) -> None:
    """Run ``work`` in one GDAL transaction: a half-made or half-migrated workspace is never left behind."""
    if dataset.StartTransaction() != 0:
        raise write_error(path, gdal.GetLastErrorMsg())
    try:
        work()
    except Exception as exc:
        dataset.RollbackTransaction()
        if isinstance(exc, DomainError):
            raise
        if from_version is None:
            raise write_error(path, str(exc)) from None
        raise CaseStoreError(
            QT_TR_NOOP("Cannot migrate the workspace {path} from case schema version {found} to {known}: {error}"),
            path=str(path),
            found=from_version,
            known=SCHEMA_VERSION,
            error=str(exc),
        ) from None
    if dataset.CommitTransaction() != 0:
        raise write_error(path, gdal.GetLastErrorMsg())


# ---------------------------------------------------------------------------------------------
# Tables


def _now_text() -> str:
    return domain.iso_utc(datetime.now(timezone.utc))


def _srs(crs: CrsLike) -> osr.SpatialReference:
    crs = qgs_crs(crs)
    srs = osr.SpatialReference()
    authid = crs.authid()
    if authid.upper().startswith("EPSG:") and srs.ImportFromEPSG(int(authid.split(":")[1])) == 0:
        return srs
    srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL))
    return srs


def _create_layer(dataset, name, geometry_type, srs, fields, fid, version):
    options = [f"FID={fid}"] + (["GEOMETRY_NAME=geom"] if geometry_type != ogr.wkbNone else [])
    layer = dataset.CreateLayer(name, srs if geometry_type != ogr.wkbNone else None, geometry_type, options)
    if layer is None:
        raise RuntimeError(gdal.GetLastErrorMsg() or f"cannot create {name}")
    for field, kind, since in fields:
        if since <= version:
            _add_field(layer, field, kind, unique=(name, field) in ((CASES, "case_id"), (META, "key")))
    return layer


def _add_field(layer, name, kind, unique=False):
    definition = ogr.FieldDefn(name, kind)
    if unique:
        definition.SetUnique(True)
        definition.SetNullable(False)
    if layer.CreateField(definition) != 0:
        raise RuntimeError(gdal.GetLastErrorMsg() or f"cannot add the field {name}")


def _sql(dataset, statement):
    gdal.ErrorReset()
    dataset.ExecuteSQL(statement)
    if gdal.GetLastErrorType() >= gdal.CE_Failure:
        raise RuntimeError(gdal.GetLastErrorMsg())


def _set_meta(dataset, key, value):
    layer = dataset.GetLayerByName(META)
    layer.SetAttributeFilter(f"key = '{key}'")
    feature = layer.GetNextFeature()
    layer.SetAttributeFilter(None)
    if feature is None:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("key", key)
        feature.SetField("value", str(value))
        ok = layer.CreateFeature(feature)
    else:
        feature.SetField("value", str(value))
        ok = layer.SetFeature(feature)
    if ok != 0:
        raise RuntimeError(gdal.GetLastErrorMsg() or f"cannot record {key}")


def read_meta(path, key: str) -> Optional[str]:
    """The value recorded under ``key`` in the workspace file's meta table, or None."""
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    layer = None if dataset is None else dataset.GetLayerByName(META)
    if layer is None:
        return None
    layer.SetAttributeFilter(f"key = '{key}'")
    feature = layer.GetNextFeature()
    return None if feature is None else feature.GetField("value")


def _read_version(dataset):
    """The ``schema_version`` text recorded in the file, or None without case tables."""
    layer = dataset.GetLayerByName(META)
    if layer is None:
        return None
    layer.SetAttributeFilter("key = 'schema_version'")
    feature = layer.GetNextFeature()
    layer.SetAttributeFilter(None)
    return None if feature is None else feature.GetField("value")


def _create_evidence(dataset, srs, version):
    _create_layer(dataset, EVIDENCE, ogr.wkbPoint, srs, EVIDENCE_FIELDS, "evidence_id", version)
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVIDENCE}_case_id" ON "{EVIDENCE}" (case_id)')
    if version >= 4:
        _index_hashes(dataset)


def _index_hashes(dataset):
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVIDENCE}_sha256" ON "{EVIDENCE}" (sha256)')


def _index_and_guard_events(dataset):
    """Index events by case, and refuse UPDATE and DELETE of events (the audit trail)."""
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVENTS}_case_id" ON "{EVENTS}" (case_id, event_id)')
    for verb in ("UPDATE", "DELETE"):
        _sql(
            dataset,
            f'CREATE TRIGGER IF NOT EXISTS "{EVENTS}_append_only_{verb.lower()}" BEFORE {verb} ON "{EVENTS}" '
            "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END",
        )


def _ensure_registry(dataset):
    """The registry table, kept as it is where an earlier coding run made it."""
    _sql(dataset, _REGISTRY_TABLE)
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{REGISTRY}_group" ON "{REGISTRY}" (group_code, serial)')
    # Listed in gpkg_contents, the table opens in QGIS like any other attribute table.
    _sql(
        dataset,
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
        f"VALUES ('{REGISTRY}', 'attributes', '{REGISTRY}', 'every space code ever issued')",
    )


def _create(dataset, srs, version):
    """The tables of schema ``version`` as that version creates them in a new file."""
    _create_layer(dataset, CASES, ogr.wkbMultiPolygon, srs, CASE_FIELDS, "fid", version)
    _create_layer(dataset, EVENTS, ogr.wkbNone, None, EVENT_FIELDS, "event_id", version)
    if version >= 2:
        _create_evidence(dataset, srs, version)
        _index_and_guard_events(dataset)
    _create_layer(dataset, META, ogr.wkbNone, None, META_FIELDS, "fid", version)
    if version >= 3:
        _ensure_registry(dataset)
    _set_meta(dataset, "schema_version", version)


def _create_current(dataset, crs):
    _create(dataset, _srs(crs), SCHEMA_VERSION)
    _set_meta(dataset, "created_at", _now_text())


def _migrate_1_to_2(dataset):
    """Version 2: verdict reason and rectification on cases, the evidence layer, append-only events."""
    cases = dataset.GetLayerByName(CASES)
    present = {cases.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(cases.GetLayerDefn().GetFieldCount())}
    for name, kind, since in CASE_FIELDS:
        if since == 2 and name not in present:
            _add_field(cases, name, kind)
    if dataset.GetLayerByName(EVIDENCE) is None:
        _create_evidence(dataset, cases.GetSpatialRef(), 2)
    _index_and_guard_events(dataset)


def _migrate_2_to_3(dataset):
    """Version 3: the code registry is one of the workspace's tables."""
    _ensure_registry(dataset)


def _migrate_3_to_4(dataset):
    """Version 4: the evidence checks' columns; the case-level flags of the evidence already attached."""
    for name, fields in ((CASES, CASE_FIELDS), (EVENTS, EVENT_FIELDS), (EVIDENCE, EVIDENCE_FIELDS)):
        layer = dataset.GetLayerByName(name)
        definition = layer.GetLayerDefn()
        present = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
        for field, kind, since in fields:
            if since == 4 and field not in present:
                _add_field(layer, field, kind)
    _index_hashes(dataset)
    directions = {}
    evidence = dataset.GetLayerByName(EVIDENCE)
    evidence.ResetReading()
    for feature in evidence:
        directions.setdefault(feature.GetField("case_id"), []).append(
            feature.GetField("direction_deg") if feature.IsFieldSetAndNotNull("direction_deg") else None
        )
    cases = dataset.GetLayerByName(CASES)
    cases.ResetReading()
    for feature in list(cases):
        result = checks.check_case(directions.get(feature.GetField("case_id"), []))
        feature.SetField("checks", result.checks)
        feature.SetField("photo_count", result.photo_count)
        feature.SetField("flagged_photos", 0)  # photos attached before version 4 were never checked
        if result.spread_deg is not None:
            feature.SetField("view_spread_deg", result.spread_deg)
        if cases.SetFeature(feature) != 0:
            raise RuntimeError(gdal.GetLastErrorMsg() or "cannot update the cases")


_MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4}  # from version → step to the next version


def _migrate(dataset, version):
    now_text = _now_text()
    while version < SCHEMA_VERSION:
        _MIGRATIONS[version](dataset)
        version += 1
        _set_meta(dataset, f"migrated_to_{version}_at", now_text)
    _set_meta(dataset, "schema_version", version)
