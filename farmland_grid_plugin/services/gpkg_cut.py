"""A GeoPackage layer's rows within a box copied as they are (the batch's county cuts of the city's layers).

SQLite copies the rows whose R-tree box meets the box (ATTACH, INSERT … SELECT: geometry blobs untouched,
nothing parsed, feature ids kept) into a new GeoPackage made by GDAL with the layer's own definition.
"""

import sqlite3
from pathlib import Path
from typing import List, Optional, Sequence

from osgeo import gdal


def _ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _columns(db, schema: str, table: str) -> List[str]:
    return [row[1] for row in db.execute(f"PRAGMA {schema}.table_info({_ident(table)})")]


def _fid(db, schema: str, table: str) -> str:
    return next((row[1] for row in db.execute(f"PRAGMA {schema}.table_info({_ident(table)})") if row[5]), "")


def _geometry(db, schema: str, table: str):
    """(geometry column, geometry type, srs_id) of a table, or None for a table without geometry."""
    return db.execute(
        f"SELECT column_name, geometry_type_name, srs_id FROM {schema}.gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
        (table,),
    ).fetchone()


def _rtree(db, schema: str, table: str) -> Optional[str]:
    """The R-tree table of a GeoPackage layer, or None."""
    row = db.execute(
        f"SELECT column_name FROM {schema}.gpkg_extensions WHERE lower(table_name) = lower(?) AND extension_name = ?",
        (table, "gpkg_rtree_index"),
    ).fetchone()
    return f"rtree_{table}_{row[0]}" if row else None


def _in_boxes(fid: str, rtree: str, boxes: Sequence[Sequence[float]]) -> str:
    """SQL: the feature's R-tree box meets one of the boxes (min x, min y, max x, max y)."""
    meets = " OR ".join(f"(maxx >= {b[0]!r} AND minx <= {b[2]!r} AND maxy >= {b[1]!r} AND miny <= {b[3]!r})" for b in boxes)
    return f"{_ident(fid)} IN (SELECT id FROM src.{_ident(rtree)} WHERE {meets or '0'})"


def ids_outside(source: Path, layer: str, boxes: Sequence[Sequence[float]]) -> Optional[List[int]]:
    """The feature ids of the layer whose R-tree box meets none of the boxes (no geometry included); None: no R-tree."""
    with sqlite3.connect(":memory:") as db:
        db.execute("ATTACH DATABASE ? AS src", (str(source),))
        rtree, fid = _rtree(db, "src", layer), _fid(db, "src", layer)
        if rtree is None or not fid:
            return None
        found = db.execute(f"SELECT {_ident(fid)} FROM src.{_ident(layer)} WHERE NOT {_in_boxes(fid, rtree, boxes)}")
        return sorted(row[0] for row in found)


def copy_rows(source: Path, layer: str, target: Path, box: Sequence[float], ids: Sequence[int] = ()) -> bool:
    """A new GeoPackage ``target`` holding the rows of ``layer`` whose R-tree box meets ``box`` and those of ``ids``: the
    same definition, CRS and feature ids, geometry blobs as they are. No R-tree: a cut is read whole, and building one
    costs more than the copy. False, nothing written, when the rows cannot be copied as they are (no R-tree in the
    source, no integer id column, or another srs_id in the copy)."""
    with sqlite3.connect(str(source)) as db:
        rtree, fid = _rtree(db, "main", layer), _fid(db, "main", layer)
    if rtree is None or not fid:
        return False
    target.unlink(missing_ok=True)
    options = gdal.VectorTranslateOptions(
        format="GPKG", layers=[layer], where="0 = 1", layerCreationOptions=["SPATIAL_INDEX=NO", f"FID={fid}"]
    )
    if gdal.VectorTranslate(str(target), str(source), options=options) is None:  # the definition only; closed at once
        return False
    with sqlite3.connect(str(target)) as db:
        db.execute("ATTACH DATABASE ? AS src", (str(source),))
        same = _geometry(db, "main", layer) == _geometry(db, "src", layer)
        if same and _columns(db, "main", layer) == _columns(db, "src", layer):
            names = ", ".join(_ident(c) for c in _columns(db, "main", layer))
            listed = f" OR {_ident(fid)} IN ({','.join(str(int(i)) for i in ids)})" if ids else ""
            db.execute(
                f"INSERT INTO main.{_ident(layer)} ({names}) SELECT {names} FROM src.{_ident(layer)} "
                f"WHERE {_in_boxes(fid, rtree, [box])}{listed}"
            )
            extent = db.execute(
                f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM src.{_ident(rtree)} "
                f"WHERE id IN (SELECT {_ident(fid)} FROM main.{_ident(layer)})"
            ).fetchone()
            if None not in extent:
                db.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = lower(?)",
                    (*extent, layer),
                )
            count = db.execute(f"SELECT count(*) FROM main.{_ident(layer)}").fetchone()[0]
            db.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", (count, layer))
            db.commit()
            return True
    target.unlink(missing_ok=True)
    return False
