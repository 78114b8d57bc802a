"""Where evidence photos belong: the case containing each (else the nearest within a distance) and the parcel
it lies in, measured in metres; and the cases' patches and dates the evidence checks need."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Dict, List, Optional

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException, QgsPointXY
from qgis.PyQt.QtCore import QDate

from ..domain.evidence_checks import CaseFacts
from .crs import is_metric_crs, local_metric_crs
from .sources import read_columns

WGS84 = "EPSG:4326"
ISSUED_FIELD, DUE_FIELD = "issued_on", "due_date"  # the dates of a workspace's cases layer, used where a layer has them


@dataclass(frozen=True)
class PhotoMatch:
    """What a photo was matched to: its case and the distance to it (m), its parcel's space code and feature id."""

    case_id: Optional[str] = None
    case_distance_m: Optional[float] = None
    space_code: Optional[str] = None
    parcel_fid: Optional[int] = None


def project(lon, lat, crs, transform_context):
    """(n, 2) array of WGS 84 points in ``crs``; NaN where the transformation fails."""
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), crs, transform_context)
    out = np.full((len(lon), 2), np.nan)
    for k, (x, y) in enumerate(zip(np.asarray(lon).tolist(), np.asarray(lat).tolist())):
        try:
            point = transform.transform(QgsPointXY(x, y))
        except QgsCsException:
            continue
        out[k] = (point.x(), point.y())
    return out


def measuring_crs(crs, lon):
    """``crs`` where it is in metres, else a local transverse Mercator at the photos' median longitude."""
    return crs if is_metric_crs(crs) else local_metric_crs(float(np.median(lon)) if len(lon) else 0.0)


def read_polygons(source, direct, fields, crs, context, feedback, span):
    """(columns, rows of the usable features, their geometries in ``crs``, made valid)."""
    layer = direct if source.sourceCrs() == crs else None
    table = read_columns(source, fields, context, feedback, dest_crs=crs, span=span, layer=layer)
    geoms = np.asarray(table.geoms, dtype=object)
    usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = usable & ~shapely.is_valid(geoms)
    geoms[invalid] = shapely.make_valid(geoms[invalid])
    return table, np.flatnonzero(usable), geoms[usable]


def _date(value) -> Optional[date]:
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value.strip()) >= 10:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def match_cases(source, direct, case_field, max_distance, crs, points, context, feedback):
    """``(case ids, distances in m, {case id: CaseFacts})``: per point the case containing it, else the nearest
    within ``max_distance``; the patches (in ``crs``) and, where the layer has them, the issue and due dates."""
    fields = [case_field] + [f for f in (ISSUED_FIELD, DUE_FIELD) if source.fields().lookupField(f) >= 0]
    table, rows, geoms = read_polygons(source, direct, fields, crs, context, feedback, (72, 80))
    ids, distances = [None] * len(points), [None] * len(points)
    facts: Dict[str, CaseFacts] = {}
    values = table.columns[case_field]
    for row, geom in zip(rows, geoms):
        if values[row] is not None and str(values[row]) not in facts:
            dates = [_date(table.columns[f][row]) if f in table.columns else None for f in (ISSUED_FIELD, DUE_FIELD)]
            facts[str(values[row])] = CaseFacts(geom, *dates)
    if not len(geoms):
        return ids, distances, facts
    tree = shapely.STRtree(geoms)
    valid = ~shapely.is_missing(points)
    queried = np.flatnonzero(valid)
    # shapely wants a positive search radius; with 0 (inside only) a nanometre stands for it.
    (which, hit), dist = tree.query_nearest(
        points[valid], max_distance=max(max_distance, 1e-9), return_distance=True, all_matches=True
    )
    # Nearest first; among equals (a photo inside overlapping cases) the case read first.
    order = np.lexsort((hit, dist, which))
    seen = set()
    for k in order:
        point = int(queried[which[k]])
        if point in seen:
            continue
        seen.add(point)
        value = values[rows[hit[k]]]
        ids[point] = None if value is None else str(value)
        distances[point] = round(float(dist[k]), 2)
    return ids, distances, facts


def match_parcels(source, direct, code_field, crs, points, context, feedback):
    """Space code and feature id of the parcel each point lies in (the first read where parcels overlap)."""
    fields = [code_field] if code_field else []
    table, rows, geoms = read_polygons(source, direct, fields, crs, context, feedback, (80, 90))
    codes, fids = [None] * len(points), [None] * len(points)
    if not len(geoms):
        return codes, fids
    which, hit = shapely.STRtree(geoms).query(points, predicate="intersects")
    order = np.lexsort((hit, which))
    for k in order[::-1]:  # the lowest parcel index per point is written last
        row = rows[hit[k]]
        point = int(which[k])
        value = table.columns[code_field][row] if code_field else None
        codes[point] = None if value is None else str(value)
        fids[point] = int(table.fids[row])
    return codes, fids


def matches(case_ids, distances, codes, fids) -> List[PhotoMatch]:
    return [PhotoMatch(*match) for match in zip(case_ids, distances, codes, fids)]
