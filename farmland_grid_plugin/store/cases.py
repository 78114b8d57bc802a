"""Workspace case store: cases, their events (the audit trail) and evidence.

``CaseStore`` is the interface the plugin codes against; ``GeoPackageCaseStore`` keeps the cases
in a workspace GeoPackage, beside whatever else the file holds (the code registry, for one). A
PostGIS backend for several reviewers at once implements the same methods with the same meaning.

Layout of schema version 2 (``SCHEMA_VERSION``):

- ``cases``: MultiPolygon layer, one row per case (``CASE_FIELDS``); ``case_id`` is unique;
- ``case_events``: attribute table, one row per change of status, append-only (triggers refuse
  UPDATE and DELETE); ``event_id`` orders the events as they were recorded;
- ``evidence``: Point layer of field evidence (photos) per case;
- ``farmland_grid_meta``: key/value table; ``schema_version`` says which layout the file has.

Every write is one short transaction through the QGIS OGR provider (``QgsTransaction`` over the
layers involved): it takes the write lock first, waiting at most ``busy_timeout_ms`` for another
writer, reads what it needs, writes, and commits, or rolls back everything on any failure. So the
layers may stay open in QGIS while the store writes, and readers (QGIS layers, sqlite3, another
user) see either the whole change or nothing of it. QGIS 3.22 switches a local GeoPackage to WAL
mode while it has it open for writing and back to a rollback journal when it closes its last handle
on the file: in WAL mode readers never wait; with the rollback journal a reader only holds up the
commit for as long as its own read lasts.

One limit comes from the OGR provider: a transaction runs on the first data set QGIS has open for
writing on the file. While a case layer of the workspace is being edited in the same QGIS session,
that is the editing layer's, and the store's write fails after GDAL's lock wait (about 5 s) with a
message asking to save those edits; nothing is written.

Tables are created, and older layouts migrated, with GDAL/OGR in one transaction when the store
is opened; a file of a newer layout than this plugin knows is refused.
"""

import abc
import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional

from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsTransaction,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QDate, QVariant

from ..domain import cases as domain
from ..domain.messages import QT_TR_NOOP, DomainError

SCHEMA_VERSION = 2
CASES, EVENTS, EVIDENCE, META = "cases", "case_events", "evidence", "farmland_grid_meta"
DEFAULT_CRS = "EPSG:4490"  # CGCS2000 geographic, the CRS of the first issued patches
WGS84 = "EPSG:4326"

_TEXT, _DATE, _REAL, _INT = ogr.OFTString, ogr.OFTDate, ogr.OFTReal, ogr.OFTInteger

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
)
EVENT_FIELDS = (
    ("case_id", _TEXT, 1),
    ("action", _TEXT, 1),
    ("from_status", _TEXT, 1),
    ("to_status", _TEXT, 1),
    ("actor", _TEXT, 1),
    ("time", _TEXT, 1),  # ISO 8601 UTC
    ("note", _TEXT, 1),
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
)
META_FIELDS = (("key", _TEXT, 1), ("value", _TEXT, 1))

# Caller-given case fields of ``issue`` (status, verdict and the rest belong to the loop).
ISSUE_FIELDS = (
    "case_id",
    "patch_id",
    "unit_code",
    "township_code",
    "village_code",
    "person",
    "phone",
    "issued_on",
    "due_date",
    "area_mu",
    "pbf_mu",
    "farmland_mu",
    "accountable",
)


class CaseStoreError(DomainError):
    pass


@dataclass(frozen=True)
class CaseRecord:
    """A stored case: its row id, its state for the loop, all its attributes and its geometry.

    Attributes of the state (``case_id``, ``status``, ``verdict``…) read straight through:
    ``record.status`` is ``record.state.status``.
    """

    fid: int
    state: domain.CaseState
    attributes: dict
    geometry: Optional[QgsGeometry] = None

    def __getattr__(self, name):
        if name.startswith("__") or name in ("state", "attributes"):
            raise AttributeError(name)
        return getattr(self.state, name)


@dataclass(frozen=True)
class EvidenceRecord:
    evidence_id: int
    case_id: str
    path: str
    taken: Optional[str]
    lon_wgs84: Optional[float]
    lat_wgs84: Optional[float]
    direction_deg: Optional[float]
    space_code: Optional[str]
    added_at: Optional[datetime]
    added_by: str
    geometry: Optional[QgsGeometry] = None


class CaseStore(abc.ABC):
    """Where cases, their events and their evidence live; one implementation per kind of database.

    Contract for every implementation:

    - opening the store creates the tables on first use and migrates an older schema version, and
      refuses a newer one (``CaseStoreError``);
    - each method that writes is one transaction: all of it is stored, or nothing (a refused
      transition or a failed event write leaves the case as it was);
    - events are append-only and come back in the order they were recorded;
    - a case is issued once: issuing a ``case_id`` again is skipped, never duplicated;
    - times are aware datetimes, stored as ISO 8601 UTC text; dates are ``datetime.date``; ``now``
      defaults to the current time;
    - ``schema_version`` and ``crs`` (of the case and evidence geometries) are attributes.
    """

    @abc.abstractmethod
    def issue(self, patches, actor, now=None, note="", rule=domain.DEFAULT_DUE_RULE, crs=None):
        """Open a case per change patch and append its ``issue`` event; returns ``(created ids, skipped ids)``.

        ``patches``: dicts with ``geometry`` (QgsGeometry, WKB bytes or WKT, in ``crs`` or the
        store's CRS) and any of ``ISSUE_FIELDS``. ``case_id`` defaults to ``patch_id``;
        ``issued_on`` to the local date of ``now``; ``due_date`` follows ``rule`` from
        ``issued_on`` and ``accountable``; township and village codes default to the prefixes of
        ``unit_code``. Ids already stored (or repeated in ``patches``) are skipped. ``note`` goes
        into every issue event (the monitoring batch, say).
        """

    @abc.abstractmethod
    def cases(self, status=None, unit_prefix=None, person=None, overdue_on=None):
        """``CaseRecord`` list in issue order; ``status`` one status or several, ``unit_prefix`` a code
        prefix of ``unit_code`` (township, village…), ``person`` the responsible person,
        ``overdue_on`` a date: only cases overdue on that day."""

    @abc.abstractmethod
    def case(self, case_id):
        """The ``CaseRecord`` of ``case_id``, or None."""

    @abc.abstractmethod
    def events(self, case_id):
        """The case's ``CaseEvent`` list, in the order recorded (the audit trail)."""

    @abc.abstractmethod
    def apply(self, case_id, action, actor, note="", now=None, verdict=None, verdict_reason=None, rectification=None):
        """Carry out an action of the loop (``domain.cases.transition``): update the case and append
        its event in one transaction; returns ``(new CaseState, CaseEvent)``. Refusals raise
        ``DomainError`` (``TransitionRefused`` names the allowed actions) and store nothing."""

    @abc.abstractmethod
    def add_evidence(self, case_id, records, actor, now=None, crs=None):
        """Attach evidence to a case; returns ``(added evidence ids, skipped paths)``.

        ``records``: dicts with ``path`` (required), ``taken``, ``lon_wgs84``, ``lat_wgs84``,
        ``direction_deg``, ``space_code`` and optionally ``geometry`` (a point in ``crs`` or the
        store's CRS; made from the WGS 84 coordinates when missing). A path already attached to
        the case is skipped.
        """

    @abc.abstractmethod
    def evidence(self, case_id):
        """The case's ``EvidenceRecord`` list, in the order added."""

    def close(self):
        """Release what the store holds (nothing for GeoPackage: each operation opens and closes)."""
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ---------------------------------------------------------------------------------------------
# Schema: creation and migration with GDAL/OGR


def _srs(crs):
    crs = _qgs_crs(crs)
    srs = osr.SpatialReference()
    authid = crs.authid()
    if authid.upper().startswith("EPSG:") and srs.ImportFromEPSG(int(authid.split(":")[1])) == 0:
        return srs
    srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL))
    return srs


def _qgs_crs(crs):
    crs = crs if isinstance(crs, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(str(crs))
    if not crs.isValid():
        raise ValueError(f"invalid CRS {crs!r}")
    return crs


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


def _read_version(dataset):
    """The ``schema_version`` text recorded in the file, or None without case tables."""
    layer = dataset.GetLayerByName(META)
    if layer is None:
        return None
    layer.SetAttributeFilter("key = 'schema_version'")
    feature = layer.GetNextFeature()
    layer.SetAttributeFilter(None)
    return None if feature is None else feature.GetField("value")


def _index_and_guard_events(dataset):
    """Index events and evidence by case, and refuse UPDATE and DELETE of events (the audit trail)."""
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVENTS}_case_id" ON "{EVENTS}" (case_id, event_id)')
    for verb in ("UPDATE", "DELETE"):
        _sql(
            dataset,
            f'CREATE TRIGGER IF NOT EXISTS "{EVENTS}_append_only_{verb.lower()}" BEFORE {verb} ON "{EVENTS}" '
            "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END",
        )


def _create_current(dataset, srs, now_text):
    _create_layer(dataset, CASES, ogr.wkbMultiPolygon, srs, CASE_FIELDS, "fid", SCHEMA_VERSION)
    _create_layer(dataset, EVENTS, ogr.wkbNone, None, EVENT_FIELDS, "event_id", SCHEMA_VERSION)
    _create_layer(dataset, EVIDENCE, ogr.wkbPoint, srs, EVIDENCE_FIELDS, "evidence_id", SCHEMA_VERSION)
    _create_layer(dataset, META, ogr.wkbNone, None, META_FIELDS, "fid", SCHEMA_VERSION)
    _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVIDENCE}_case_id" ON "{EVIDENCE}" (case_id)')
    _index_and_guard_events(dataset)
    _set_meta(dataset, "schema_version", SCHEMA_VERSION)
    _set_meta(dataset, "created_at", now_text)


def _migrate_1_to_2(dataset, now_text):
    """Version 2: verdict reason and rectification on cases, the evidence layer, append-only events."""
    cases = dataset.GetLayerByName(CASES)
    present = {cases.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(cases.GetLayerDefn().GetFieldCount())}
    for name, kind, since in CASE_FIELDS:
        if since == 2 and name not in present:
            _add_field(cases, name, kind)
    if dataset.GetLayerByName(EVIDENCE) is None:
        _create_layer(dataset, EVIDENCE, ogr.wkbPoint, cases.GetSpatialRef(), EVIDENCE_FIELDS, "evidence_id", 2)
        _sql(dataset, f'CREATE INDEX IF NOT EXISTS "{EVIDENCE}_case_id" ON "{EVIDENCE}" (case_id)')
    _index_and_guard_events(dataset)


_MIGRATIONS = {1: _migrate_1_to_2}  # from version → step to the next version


def create_version1_workspace(path, crs=DEFAULT_CRS):
    """A workspace with the case tables of schema version 1, the first layout (for migration tests).

    Version 1 had ``cases`` without ``verdict_reason`` and ``rectification``, ``case_events``
    without the append-only triggers, no ``evidence`` layer, and ``farmland_grid_meta`` with
    ``schema_version`` = 1.
    """
    dataset = _open_dataset(Path(path))
    try:
        srs = _srs(crs)
        dataset.StartTransaction()
        _create_layer(dataset, CASES, ogr.wkbMultiPolygon, srs, CASE_FIELDS, "fid", 1)
        _create_layer(dataset, EVENTS, ogr.wkbNone, None, EVENT_FIELDS, "event_id", 1)
        _create_layer(dataset, META, ogr.wkbNone, None, META_FIELDS, "fid", 1)
        _set_meta(dataset, "schema_version", 1)
        dataset.CommitTransaction()
    finally:
        dataset = None


def workspace_schema_version(path):
    """The schema version of the case tables in the workspace; None without a file, tables or readable version."""
    if not Path(path).exists():
        return None
    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR, allowed_drivers=["GPKG"])
        value = None if dataset is None else _read_version(dataset)
        return None if value is None else int(value)
    except (RuntimeError, ValueError):
        return None
    finally:
        dataset = None


def _open_dataset(path):
    """The GeoPackage open for update, created if there is no file yet."""
    if not path.exists():
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        if dataset is None:
            raise CaseStoreError(QT_TR_NOOP("Cannot create the workspace {path}"), path=str(path))
        return dataset
    gdal.ErrorReset()
    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE, allowed_drivers=["GPKG"])
    except RuntimeError:  # when some other code switched GDAL to exceptions
        dataset = None
    if dataset is None:
        raise CaseStoreError(
            QT_TR_NOOP("The workspace {path} is not a usable GeoPackage: {error}"),
            path=str(path),
            error=gdal.GetLastErrorMsg() or "GPKG",
        )
    return dataset


# ---------------------------------------------------------------------------------------------
# Values between Python and QGIS


def _new_feature(layer, values, geometry):
    """A feature of ``layer`` with the given attribute values and geometry (None for none)."""
    feature = QgsFeature(layer.fields())
    for name, value in values.items():
        feature[name] = _to_qgis(value)
    if geometry is not None:
        feature.setGeometry(geometry)
    return feature


def _to_qgis(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return domain.iso_utc(value)
    if isinstance(value, date):
        return QDate(value.year, value.month, value.day)
    return value


def _from_qgis(value):
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def _text(value):
    value = _from_qgis(value)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _date(value):
    value = _from_qgis(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value.strip()[:10]) if value.strip() else None
    return value


def _flag(value):
    value = _from_qgis(value)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y", "t", "是")
    return bool(value)


def _number(value):
    value = _from_qgis(value)
    return None if value is None or value == "" else float(value)


def _geometry(value):
    if value is None or isinstance(value, QgsGeometry):
        return QgsGeometry(value) if value is not None else None
    if isinstance(value, (bytes, bytearray, memoryview, QByteArray)):
        geometry = QgsGeometry()
        geometry.fromWkb(value.data() if isinstance(value, QByteArray) else bytes(value))
        return geometry
    if isinstance(value, str):
        return QgsGeometry.fromWkt(value)
    if hasattr(value, "wkb"):  # shapely
        return _geometry(value.wkb)
    raise TypeError(f"not a geometry: {value!r}")


def _now(now):
    """The time of a write: aware, to the second (as stored), now by default."""
    now = now or datetime.now(timezone.utc)
    domain.iso_utc(now)  # refuses a naive datetime
    return now.replace(microsecond=0)


def _local_date(moment):
    return moment.astimezone().date()


def _state(attributes):
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


def _attributes(feature):
    return {name: _from_qgis(feature.attribute(i)) for i, name in enumerate(feature.fields().names())}


def _event(attributes):
    return domain.CaseEvent(
        case_id=attributes["case_id"],
        from_status=attributes.get("from_status") or "",
        to_status=attributes.get("to_status") or "",
        action=attributes.get("action") or "",
        actor=attributes.get("actor") or "",
        time=domain.parse_iso_utc(attributes["time"]),
        note=attributes.get("note") or "",
    )


def _equals(field, value):
    return QgsExpression.createFieldEqualityExpression(field, value)


# ---------------------------------------------------------------------------------------------
# The GeoPackage store


class _Writer:
    """The layers of one transaction."""

    def __init__(self, store, layers):
        self.store = store
        self.layers = layers

    def check(self, ok, layer_name):
        if ok:
            return
        provider = self.layers[layer_name].dataProvider()
        errors = "; ".join(provider.errors()) if provider.hasErrors() else ""
        raise self.store._write_error(errors or layer_name)

    def add(self, layer_name, features):
        ok, added = self.layers[layer_name].dataProvider().addFeatures(features)
        self.check(ok, layer_name)
        return [feature.id() for feature in added]

    def change(self, layer_name, fid, values):
        layer = self.layers[layer_name]
        changes = {layer.fields().indexOf(name): _to_qgis(value) for name, value in values.items()}
        self.check(layer.dataProvider().changeAttributeValues({fid: changes}), layer_name)


class GeoPackageCaseStore(CaseStore):
    """Cases in a workspace GeoPackage (created on first use, migrated to ``SCHEMA_VERSION``).

    ``crs`` is the CRS of the case and evidence layers when they are created; an existing file
    keeps its own. ``busy_timeout_ms`` is how long a write waits for another writer to finish.
    ``transform_context``: the datum transformations to reproject with (a Processing algorithm passes
    its context's; the project's by default, on the main thread).
    """

    def __init__(self, path, crs=DEFAULT_CRS, busy_timeout_ms=10000, transform_context=None):
        self.path = Path(path)
        self.transform_context = transform_context
        self.busy_timeout_ms = int(busy_timeout_ms)
        self.schema_version = self._prepare(crs)
        with self._reading(CASES) as layer:
            self.crs = QgsCoordinateReferenceSystem(layer.crs())

    # -- schema

    def _prepare(self, crs):
        dataset = _open_dataset(self.path)
        try:
            found = _read_version(dataset)
            if found is None:
                for table in (CASES, EVENTS, EVIDENCE):
                    if dataset.GetLayerByName(table) is not None:
                        raise CaseStoreError(
                            QT_TR_NOOP("The workspace {path} has a table {table} that is not one of this plugin's case tables"),
                            path=str(self.path),
                            table=table,
                        )
                self._in_dataset_transaction(dataset, lambda: _create_current(dataset, _srs(crs), self._now_text()), None)
                return SCHEMA_VERSION
            try:
                version = int(found)
            except ValueError:
                version = None
            if version is None or version < 1:
                raise CaseStoreError(
                    QT_TR_NOOP("The workspace {path} has an unreadable case schema version {found!r}"),
                    path=str(self.path),
                    found=found,
                )
            if version > SCHEMA_VERSION:
                raise CaseStoreError(
                    QT_TR_NOOP(
                        "The workspace {path} has case tables of schema version {found}, newer than this plugin "
                        "knows ({known}); update the plugin to use it"
                    ),
                    path=str(self.path),
                    found=version,
                    known=SCHEMA_VERSION,
                )
            if version < SCHEMA_VERSION:
                self._in_dataset_transaction(dataset, lambda: self._migrate(dataset, version), version)
            return SCHEMA_VERSION
        finally:
            dataset = None

    def _migrate(self, dataset, version):
        now_text = self._now_text()
        while version < SCHEMA_VERSION:
            _MIGRATIONS[version](dataset, now_text)
            version += 1
            _set_meta(dataset, f"migrated_to_{version}_at", now_text)
        _set_meta(dataset, "schema_version", version)

    def _in_dataset_transaction(self, dataset, work, from_version):
        if dataset.StartTransaction() != 0:
            raise self._write_error(gdal.GetLastErrorMsg())
        try:
            work()
        except Exception as exc:
            dataset.RollbackTransaction()
            if isinstance(exc, DomainError):
                raise
            if from_version is None:
                raise self._write_error(str(exc)) from None
            raise CaseStoreError(
                QT_TR_NOOP("Cannot migrate the workspace {path} from case schema version {found} to {known}: {error}"),
                path=str(self.path),
                found=from_version,
                known=SCHEMA_VERSION,
                error=str(exc),
            ) from None
        if dataset.CommitTransaction() != 0:
            raise self._write_error(gdal.GetLastErrorMsg())

    @staticmethod
    def _now_text():
        return domain.iso_utc(datetime.now(timezone.utc))

    def _write_error(self, error):
        return CaseStoreError(
            QT_TR_NOOP(
                "Cannot write to the workspace {path}: {error}. Another user may be writing to it, or its case layers are "
                "being edited in QGIS: save those edits and try again"
            ),
            path=str(self.path),
            error=error,
        )

    # -- layers and transactions

    def _layer(self, name):
        options = QgsVectorLayer.LayerOptions(False, False)  # no default style, no extent from XML
        layer = QgsVectorLayer(f"{self.path}|layername={name}", name, "ogr", options)
        if not layer.isValid():
            error = layer.dataProvider().error().message() if layer.dataProvider() else name
            sip.delete(layer)
            raise CaseStoreError(
                QT_TR_NOOP("The workspace {path} is not a usable GeoPackage: {error}"), path=str(self.path), error=error or name
            )
        return layer

    @contextmanager
    def _reading(self, name):
        layer = self._layer(name)
        try:
            yield layer
        finally:
            sip.delete(layer)

    @contextmanager
    def _transaction(self, *names):
        """One transaction over the named layers through the OGR provider; rolled back on any exception.

        The OGR provider only joins layers to a transaction while their data set is open for update,
        so the layers enter update mode first and leave it afterwards (QGIS then reopens them read-only).
        """
        layers, entered, transaction = {}, [], None
        try:
            for name in names:
                layers[name] = self._layer(name)
            for layer in layers.values():
                if not layer.dataProvider().enterUpdateMode():
                    raise self._write_error(layer.name())
                entered.append(layer)
            transaction = QgsTransaction.create(set(layers.values()))
            if transaction is None:
                raise self._write_error("QgsTransaction")
            self._begin_with_write_lock(transaction, names)
            try:
                yield _Writer(self, layers)
            except BaseException:
                transaction.rollback()
                raise
            ok, error = transaction.commit()
            if not ok:
                transaction.rollback()
                raise self._write_error(error)
        finally:
            if transaction is not None:
                sip.delete(transaction)  # detaches the layers from it
            for layer in entered:
                layer.dataProvider().leaveUpdateMode()
            for layer in layers.values():
                sip.delete(layer)

    def _begin_with_write_lock(self, transaction, names):
        """Begin the transaction holding the database's write lock, so that no other writer slips in
        between what the operation reads and what it writes; wait up to ``busy_timeout_ms`` for it.

        QgsTransaction begins with a plain (deferred) BEGIN, so the lock is taken by a first write:
        touching ``last_change`` in ``gpkg_contents``, which GeoPackage readers expect anyway. SQLite
        does not wait for a lock where waiting could deadlock (in rollback-journal mode, while this
        transaction holds a read lock and another writer commits), so a refused attempt is rolled
        back and tried again until the time is up.
        """
        tables = ", ".join(f"'{name}'" for name in names)
        lock = f"UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name IN ({tables})"
        deadline = time.monotonic() + self.busy_timeout_ms / 1000.0
        while True:
            ok, error = transaction.begin()
            if not ok:
                raise self._write_error(error)
            remaining_ms = max(int((deadline - time.monotonic()) * 1000), 0)
            transaction.executeSql(f"PRAGMA busy_timeout = {min(remaining_ms, 1000)}")
            gdal.PushErrorHandler("CPLQuietErrorHandler")  # a busy database is no error yet: stay out of the log
            try:
                ok, error = transaction.executeSql(lock)
            finally:
                gdal.PopErrorHandler()
            if ok:
                return
            transaction.rollback()
            if time.monotonic() >= deadline:
                raise self._write_error(error)
            time.sleep(0.05)

    def _transform(self, crs):
        if crs is None:
            return None
        source = _qgs_crs(crs)
        if source == self.crs:
            return None
        context = self.transform_context or QgsProject.instance().transformContext()
        return QgsCoordinateTransform(source, self.crs, context)

    # -- cases

    def issue(self, patches, actor, now=None, note="", rule=domain.DEFAULT_DUE_RULE, crs=None):
        now = _now(now)
        transform = self._transform(crs)
        rows = []
        for index, patch in enumerate(patches, start=1):
            values = {name: _text(patch.get(name)) for name in ISSUE_FIELDS}
            values["case_id"] = values["case_id"] or values["patch_id"]
            if values["case_id"] is None:
                raise CaseStoreError(
                    QT_TR_NOOP("Patch number {index} has neither a case id nor a patch id, so it cannot be issued"), index=index
                )
            for name in ("area_mu", "pbf_mu", "farmland_mu"):
                values[name] = _number(patch.get(name))
            unit = str(values["unit_code"] or "")
            if len(unit) >= 9 and not values["township_code"]:
                values["township_code"] = unit[:9]
            if len(unit) >= 12 and not values["village_code"]:
                values["village_code"] = unit[:12]
            values["accountable"] = _flag(patch.get("accountable"))
            values["issued_on"] = _date(patch.get("issued_on")) or _local_date(now)
            values["due_date"] = _date(patch.get("due_date")) or domain.due_date(values["issued_on"], values["accountable"], rule)
            values.update(status=domain.ISSUED, updated_at=now)
            geometry = _geometry(patch.get("geometry"))
            if geometry is not None and not geometry.isNull():
                geometry.convertToMultiType()
                if transform is not None:
                    geometry.transform(transform)
            rows.append((values, geometry, domain.issue_event(values["case_id"], actor, now, note)))

        created, skipped = [], []
        with self._transaction(CASES, EVENTS) as writer:
            layer = writer.layers[CASES]
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["case_id"], layer.fields())
            taken = {feature["case_id"] for feature in layer.getFeatures(request)}
            features, events = [], []
            for values, geometry, event in rows:
                if values["case_id"] in taken:
                    skipped.append(values["case_id"])
                    continue
                taken.add(values["case_id"])
                features.append(_new_feature(layer, values, geometry))
                events.append(event)
                created.append(values["case_id"])
            if features:
                writer.add(CASES, features)
                self._append_events(writer, events)
        return created, skipped

    def cases(self, status=None, unit_prefix=None, person=None, overdue_on=None):
        clauses = []
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            clauses.append(f'"status" IN ({", ".join(QgsExpression.quotedValue(s) for s in statuses) or "NULL"})')
        if person is not None:
            clauses.append(_equals("person", person))
        request = QgsFeatureRequest()
        if clauses:
            request.setFilterExpression(" AND ".join(clauses))
        records = self._records(request)
        if unit_prefix:
            records = [r for r in records if (r.attributes.get("unit_code") or "").startswith(unit_prefix)]
        if overdue_on is not None:
            records = [r for r in records if domain.is_overdue(r.state, overdue_on)]
        return records

    def case(self, case_id):
        found = self._records(QgsFeatureRequest().setFilterExpression(_equals("case_id", case_id)))
        return found[0] if found else None

    def _records(self, request):
        with self._reading(CASES) as layer:
            records = []
            for feature in layer.getFeatures(request):
                attributes = _attributes(feature)
                geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
                records.append(CaseRecord(feature.id(), _state(attributes), attributes, geometry))
        return sorted(records, key=lambda r: r.fid)

    def events(self, case_id):
        with self._reading(EVENTS) as layer:
            rows = sorted(
                (feature.id(), _attributes(feature))
                for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression(_equals("case_id", case_id)))
            )
        return [_event(attributes) for _, attributes in rows]

    def apply(self, case_id, action, actor, note="", now=None, verdict=None, verdict_reason=None, rectification=None):
        now = _now(now)
        with self._transaction(CASES, EVENTS) as writer:
            layer = writer.layers[CASES]
            request = QgsFeatureRequest().setFilterExpression(_equals("case_id", case_id))
            request.setFlags(QgsFeatureRequest.NoGeometry)
            feature = next(layer.getFeatures(request), None)
            if feature is None:
                raise CaseStoreError(
                    QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                )
            state = _state(_attributes(feature))
            new_state, event = domain.transition(state, action, actor, note, now, verdict, verdict_reason, rectification)
            changed = {
                field.name: getattr(new_state, field.name)
                for field in dataclasses.fields(new_state)
                if getattr(new_state, field.name) != getattr(state, field.name)
            }
            changed["updated_at"] = now
            writer.change(CASES, feature.id(), changed)
            self._append_events(writer, [event])
        return new_state, event

    def _append_events(self, writer, events):
        """The only write to ``case_events``: new rows at the end."""
        fields = writer.layers[EVENTS].fields()
        features = []
        for event in events:
            feature = QgsFeature(fields)
            feature["case_id"] = event.case_id
            feature["action"] = event.action
            feature["from_status"] = event.from_status
            feature["to_status"] = event.to_status
            feature["actor"] = event.actor
            feature["time"] = domain.iso_utc(event.time)
            feature["note"] = event.note
            features.append(feature)
        return writer.add(EVENTS, features)

    # -- evidence

    def add_evidence(self, case_id, records, actor, now=None, crs=None):
        now = _now(now)
        actor = (actor or "").strip()
        if not actor:
            raise DomainError(QT_TR_NOOP("Case {case_id}: the actor is missing; every step records who took it"), case_id=case_id)
        transform = self._transform(crs)
        from_wgs84 = self._transform(WGS84)
        rows = []
        for index, record in enumerate(records, start=1):
            path = _text(record.get("path"))
            if path is None:
                raise CaseStoreError(
                    QT_TR_NOOP("Evidence number {index} for case {case_id} has no file path"), index=index, case_id=case_id
                )
            taken = _from_qgis(record.get("taken"))
            if isinstance(taken, datetime):
                taken = domain.iso_utc(taken) if taken.tzinfo else taken.isoformat(timespec="seconds")
            values = {
                "case_id": case_id,
                "path": path,
                "taken": _text(taken),
                "space_code": _text(record.get("space_code")),
                "added_at": now,
                "added_by": actor,
            }
            for name in ("lon_wgs84", "lat_wgs84", "direction_deg"):
                values[name] = _number(record.get(name))
            geometry = _geometry(record.get("geometry"))
            if geometry is not None and not geometry.isNull():
                if transform is not None:
                    geometry.transform(transform)
            elif values["lon_wgs84"] is not None and values["lat_wgs84"] is not None:
                geometry = QgsGeometry.fromPointXY(QgsPointXY(values["lon_wgs84"], values["lat_wgs84"]))
                if from_wgs84 is not None:
                    geometry.transform(from_wgs84)
            rows.append((values, geometry))

        added, skipped = [], []
        with self._transaction(CASES, EVIDENCE) as writer:
            request = QgsFeatureRequest().setFilterExpression(_equals("case_id", case_id)).setFlags(QgsFeatureRequest.NoGeometry)
            if next(writer.layers[CASES].getFeatures(request), None) is None:
                raise CaseStoreError(
                    QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                )
            layer = writer.layers[EVIDENCE]
            known = {feature["path"] for feature in layer.getFeatures(QgsFeatureRequest(request))}
            features = []
            for values, geometry in rows:
                if values["path"] in known:
                    skipped.append(values["path"])
                    continue
                known.add(values["path"])
                features.append(_new_feature(layer, values, geometry))
            if features:
                added = writer.add(EVIDENCE, features)
        return added, skipped

    def evidence(self, case_id):
        with self._reading(EVIDENCE) as layer:
            found = []
            for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression(_equals("case_id", case_id))):
                a = _attributes(feature)
                geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
                found.append(
                    EvidenceRecord(
                        evidence_id=feature.id(),
                        case_id=a["case_id"],
                        path=a["path"],
                        taken=a.get("taken"),
                        lon_wgs84=a.get("lon_wgs84"),
                        lat_wgs84=a.get("lat_wgs84"),
                        direction_deg=a.get("direction_deg"),
                        space_code=a.get("space_code"),
                        added_at=domain.parse_iso_utc(a["added_at"]) if a.get("added_at") else None,
                        added_by=a.get("added_by") or "",
                        geometry=geometry,
                    )
                )
        return sorted(found, key=lambda r: r.evidence_id)
