"""The workspace tables as plain rows, read and written alike in a GeoPackage and in PostgreSQL, and a checksum of
their values that both backends give the same for the same content (``migrateworkspace`` checks its copies with it).

A row is a tuple: the row id (cases, events, evidence; none for the registry, ordered by code), the columns of
``store/schema.py`` in their order, and the geometry as WKB (cases, evidence). The checksum is SHA-256 over the
rows in order, each value in one canonical form (dates as ISO text, numbers as their type says, geometries as
little-endian 2D WKB), so it compares values, never how a backend stores them.
"""

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Dict, Iterable, Iterator, Optional, Sequence, Tuple

import numpy as np
import shapely
from osgeo import gdal, ogr

from ..domain.messages import QT_TR_NOOP
from ..store.cases import CaseStoreError
from ..store.pg_schema import q
from ..store.schema import CASE_FIELDS, CASES, EVENT_FIELDS, EVENTS, EVIDENCE, EVIDENCE_FIELDS, META, REGISTRY

_TEXT, _DATE, _REAL, _INT = ogr.OFTString, ogr.OFTDate, ogr.OFTReal, ogr.OFTInteger
_REGISTRY_FIELDS = (
    ("space_code", _TEXT, 3),
    ("county_code", _TEXT, 3),
    ("group_code", _TEXT, 3),
    ("serial", _INT, 3),
    ("status", _TEXT, 3),
    ("issued_at", _TEXT, 3),
    ("retired_at", _TEXT, 3),
    ("parent_codes", _TEXT, 3),
)
_CHUNK = 20000  # rows checksummed (and fetched from the server) at a time


@dataclass(frozen=True)
class TableSpec:
    name: str
    gpkg_id: Optional[str]  # the row id column in a GeoPackage (OGR's FID), None: ordered by the first column
    pg_id: Optional[str]
    fields: Tuple[Tuple[str, int, int], ...]
    geometry: bool

    @property
    def columns(self) -> Tuple[str, ...]:
        return tuple(name for name, _kind, _since in self.fields)


TABLES = (
    TableSpec(CASES, "fid", "fid", CASE_FIELDS, True),
    TableSpec(EVENTS, "event_id", "event_id", EVENT_FIELDS, False),
    TableSpec(EVIDENCE, "evidence_id", "fid", EVIDENCE_FIELDS, True),
    TableSpec(REGISTRY, None, None, _REGISTRY_FIELDS, False),
)


def _date_text(value):
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


# One canonical form per column type, None kept as None.
_CANONICAL = {_DATE: _date_text, _REAL: float, _INT: int, ogr.OFTInteger64: int, _TEXT: str}
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _canonical_geometries(wkbs) -> list:
    """Each WKB (or None) as little-endian 2D WKB hex; None for no or an empty geometry (shapely arrays: fast)."""
    geometries = shapely.from_wkb(np.array([None if wkb is None else bytes(wkb) for wkb in wkbs], dtype=object))
    texts = shapely.to_wkb(geometries, hex=True, output_dimension=2, byte_order=1)
    texts[shapely.is_empty(geometries) | shapely.is_missing(geometries)] = None
    return texts.tolist()


def checksum(spec: TableSpec, rows: Iterable[tuple]) -> Tuple[int, str]:
    """(number of rows, SHA-256 of their values) of ``rows`` as this module reads them from either backend."""
    digest, count = hashlib.sha256(), 0
    offset = 0 if spec.gpkg_id is None else 1
    converters = [_CANONICAL[kind] for _name, kind, _since in spec.fields]
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, _CHUNK))
        if not chunk:
            return count, digest.hexdigest()
        count += len(chunk)
        shapes = _canonical_geometries([row[-1] for row in chunk]) if spec.geometry else [None] * len(chunk)
        for row, shape in zip(chunk, shapes):
            values = [row[0]] if offset else []
            values += [None if value is None else convert(value) for convert, value in zip(converters, row[offset:])]
            if spec.geometry:
                values.append(shape)
            digest.update(_ENCODE(values).encode("utf-8") + b"\n")


def _gpkg_wkb(blob) -> Optional[bytes]:
    """The WKB inside a GeoPackage geometry blob (header: magic, version, flags, SRS id, envelope)."""
    if blob is None:
        return None
    blob = bytes(blob)
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return blob[8 + envelope :]


# ---------------------------------------------------------------------------------------------
# GeoPackage


class GeoPackageTables:
    """Reads the tables of a workspace GeoPackage (already at the current schema version) with sqlite3."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def close(self) -> None:
        self._db.close()

    def srid(self) -> int:
        row = self._db.execute(
            "SELECT s.organization, s.organization_coordsys_id FROM gpkg_geometry_columns g "
            "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?",
            (CASES,),
        ).fetchone()
        if row is None or str(row[0]).upper() != "EPSG":
            raise CaseStoreError(
                QT_TR_NOOP("The cases of {path} have a CRS without an EPSG code; PostgreSQL needs one"), path=str(self.path)
            )
        return int(row[1])

    def meta(self) -> Dict[str, str]:
        return dict(self._db.execute(f'SELECT key, value FROM "{META}"'))

    def count(self, spec: TableSpec) -> int:
        return self._db.execute(f'SELECT COUNT(*) FROM "{spec.name}"').fetchone()[0]

    def rows(self, spec: TableSpec) -> Iterator[tuple]:
        columns = [f'"{name}"' for name in spec.columns]
        if spec.gpkg_id:
            columns.insert(0, f'"{spec.gpkg_id}"')
        if spec.geometry:
            columns.append('"geom"')
        order = spec.gpkg_id or spec.columns[0]
        for row in self._db.execute(f'SELECT {", ".join(columns)} FROM "{spec.name}" ORDER BY "{order}"'):
            yield (*row[:-1], _gpkg_wkb(row[-1])) if spec.geometry else row


def write_geopackage(path: Path, rows: Dict[str, Sequence[tuple]], meta: Dict[str, str]) -> None:
    """Write the rows of every table into the empty workspace GeoPackage ``path`` (made by ``schema.prepare``), ids
    kept; ``meta`` values replace those recorded. The layers with geometries go through OGR (their spatial index
    triggers need its SQL functions), the others through plain SQLite; the caller renames the file when checked."""
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE, allowed_drivers=["GPKG"])
    if dataset is None or dataset.StartTransaction() != 0:
        raise RuntimeError(gdal.GetLastErrorMsg() or str(path))
    try:
        for spec in (spec for spec in TABLES if spec.geometry):
            layer = dataset.GetLayerByName(spec.name)
            definition = layer.GetLayerDefn()
            for row in rows[spec.name]:
                feature = ogr.Feature(definition)
                feature.SetFID(int(row[0]))
                for i, name in enumerate(spec.columns, start=1):
                    if row[i] is not None:
                        feature.SetField(name, row[i].isoformat() if isinstance(row[i], date) else row[i])
                if row[-1] is not None:
                    feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(row[-1])))
                if layer.CreateFeature(feature) != 0:
                    raise RuntimeError(gdal.GetLastErrorMsg() or spec.name)
        dataset.CommitTransaction()
    except Exception:
        dataset.RollbackTransaction()
        raise
    finally:
        dataset = None
    with sqlite3.connect(str(path)) as db:
        for spec in (spec for spec in TABLES if not spec.geometry):
            names = ([spec.gpkg_id] if spec.gpkg_id else []) + list(spec.columns)
            marks = ", ".join("?" * len(names))
            db.executemany(f'INSERT INTO "{spec.name}" ({", ".join(names)}) VALUES ({marks})', rows[spec.name])
        for key, value in meta.items():
            if db.execute(f'UPDATE "{META}" SET value = ? WHERE key = ?', (value, key)).rowcount == 0:
                db.execute(f'INSERT INTO "{META}" (key, value) VALUES (?, ?)', (key, value))
    db.close()


# ---------------------------------------------------------------------------------------------
# PostgreSQL


class PostgresTables:
    """Reads and writes the tables of the workspace schema through one psycopg2 cursor (the caller's transaction)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def srid(self) -> int:
        self.cursor.execute("SELECT Find_SRID(%s, %s, 'geom')", ("farmland_grid", CASES))
        return int(self.cursor.fetchone()[0])

    def meta(self) -> Dict[str, str]:
        self.cursor.execute(f"SELECT key, value FROM {q(META)}")
        return dict(self.cursor.fetchall())

    def set_meta(self, values: Dict[str, str]) -> None:
        for key, value in values.items():
            self.cursor.execute(
                f"INSERT INTO {q(META)} (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (key, value),
            )

    def count(self, spec: TableSpec) -> int:
        self.cursor.execute(f"SELECT COUNT(*) FROM {q(spec.name)}")
        return self.cursor.fetchone()[0]

    def rows(self, spec: TableSpec) -> Iterator[tuple]:
        columns = [f'"{name}"' for name in spec.columns]
        if spec.pg_id:
            columns.insert(0, f'"{spec.pg_id}"')
        if spec.geometry:
            columns.append("ST_AsBinary(geom, 'NDR')")
        order = spec.pg_id or spec.columns[0]
        with self.cursor.connection.cursor(name=f"rows_of_{spec.name}") as rows:  # on the server: fetched in chunks
            rows.itersize = _CHUNK
            rows.execute(f'SELECT {", ".join(columns)} FROM {q(spec.name)} ORDER BY "{order}"')
            for row in rows:
                yield (*row[:-1], None if row[-1] is None else bytes(row[-1])) if spec.geometry else row

    def write(self, spec: TableSpec, rows: Sequence[tuple], srid: int) -> None:
        """Insert ``rows`` with their ids, then move the id sequence past them."""
        from psycopg2.extras import execute_values

        columns = [f'"{name}"' for name in spec.columns]
        template = ["%s"] * len(columns)
        if spec.pg_id:
            columns.insert(0, f'"{spec.pg_id}"')
            template.insert(0, "%s")
        if spec.geometry:
            columns.append("geom")
            template.append(f"ST_GeomFromWKB(%s, {int(srid)})")
        if rows:
            execute_values(
                self.cursor,
                f"INSERT INTO {q(spec.name)} ({', '.join(columns)}) VALUES %s",
                [_pg_values(spec, row) for row in rows],
                template=f"({', '.join(template)})",
                page_size=1000,
            )
        if spec.pg_id:
            self.cursor.execute(
                f'SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST((SELECT MAX("{spec.pg_id}") FROM {q(spec.name)}), 1))',
                (f"farmland_grid.{spec.name}", spec.pg_id),
            )


def _pg_values(spec: TableSpec, row: tuple) -> tuple:
    if not spec.geometry or row[-1] is None:
        return row
    from psycopg2 import Binary

    return (*row[:-1], Binary(row[-1]))
