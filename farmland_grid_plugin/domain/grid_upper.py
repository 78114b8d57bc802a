"""Levels 1 and 2 of the grid: province and city/prefecture cells built from county cells (省级、市州级网格).

A city's cell is the union of its counties' cells and carries the exact sums of their figures;
a province's likewise from its counties. Both delineategrid (a layer spanning several counties)
and the many-counties batch (merging per-county runs) build them here, so that the city cell is
the same whichever way the counties arrived. The QA of these levels lives here too: a city with a
gap between its counties, or an official city boundary its counties do not fill.
"""

import math
from dataclasses import replace

import numpy as np
import shapely

from .grid_qa import ISSUE_CODE_MISMATCH, ISSUE_GAP, LAYER_GRID, SOURCE_BOUNDARY, SOURCE_PARCELS, Issue
from .grid_records import Cell
from .messages import QT_TR_NOOP, Message
from .unitcode import LEVEL_CITY, LEVEL_PROVINCE, UPPER_LENGTHS, LevelLengths, UnitCodeError, parent_code

#: Keys every upper cell has besides the summed fields.
CELL_KEYS = ("level", "code", "parent_code", "geometry", "county_count")


def upper_levels(lengths):
    """The levels above the county the chain names; both where it names none (the four-length form)."""
    return LevelLengths.of(lengths).upper or (LEVEL_PROVINCE, LEVEL_CITY)


def upper_cells(codes, geometries, values, lengths):
    """Province (level 1) and city (level 2) cells above the given county cells.

    ``codes``: the county cells' grid codes (strings of the county length, such as ``640521``),
    each at most once; ``geometries``: their (multi)polygons, a numpy array of shapely geometries
    (None or empty ones add nothing to the union); ``values``: field name → numpy array, one value
    per county, to carry up (farmland_mu, pbf_mu, parcel counts …); ``lengths``: the level-length
    chain, a LevelLengths, a text such as ``"2,4,6,9,12,15"`` or a sequence of whole numbers. The
    levels the chain names above the county are built; a chain naming none (``6,9,12,15``) builds
    both, since asking for upper cells is the point of the call.

    Returns one dict per upper cell, provinces first, then cities, each in code order: ``level``,
    ``code`` (2 or 4 digits), ``parent_code`` (the province of a city, "" for a province),
    ``geometry`` (the union of its counties), ``county_count`` and, per field of ``values``, the
    sum over its counties: integer fields as Python ints, others as the correctly rounded float sum
    (math.fsum), so a city's figure is exactly the sum of its counties whatever their order.
    Raises UnitCodeError for a code of the wrong length, not made of digits, or given twice.
    """
    lengths = LevelLengths.of(lengths)
    codes = [str(c).strip() if c is not None else "" for c in codes]
    geometries = np.asarray(geometries, dtype=object)
    columns = {name: np.asarray(column) for name, column in values.items()}
    clash = set(columns) & set(CELL_KEYS)
    if clash:
        raise ValueError(f"values cannot be named {', '.join(sorted(clash))}: upper cells use these keys")
    if any(len(column) != len(codes) for column in columns.values()) or len(geometries) != len(codes):
        raise ValueError("codes, geometries and every value column must have one entry per county")
    _check_county_codes(codes, lengths.county)
    cells = []
    for level in upper_levels(lengths):
        n = UPPER_LENGTHS[level]
        keys = np.array([c[:n] for c in codes], dtype=object)
        for code in sorted(set(keys.tolist())):
            members = np.flatnonzero(keys == code)
            cell = {
                "level": level,
                "code": code,
                "parent_code": code[: UPPER_LENGTHS[LEVEL_PROVINCE]] if level == LEVEL_CITY else "",
                "geometry": _union(geometries[members]),
                "county_count": len(members),
            }
            for name, column in columns.items():
                cell[name] = _exact_sum(column[members])
            cells.append(cell)
    return cells


def _check_county_codes(codes, county_length):
    for code in codes:
        if len(code) != county_length or not code.isdigit():
            raise UnitCodeError(
                QT_TR_NOOP("County cell code {code!r} is not a county code of {length} digits"), code=code, length=county_length
            )
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise UnitCodeError(
            QT_TR_NOOP("County cell {code} is given more than once; its figures would be counted twice"), code=repeated[0]
        )


def _union(geoms):
    present = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))] if len(geoms) else geoms
    if not len(present):
        return shapely.from_wkt("MULTIPOLYGON EMPTY")
    return present[0] if len(present) == 1 else shapely.union_all(present)


def _exact_sum(values):
    if np.issubdtype(values.dtype, np.integer) or np.issubdtype(values.dtype, np.bool_):
        return int(values.sum())
    return math.fsum(float(v) for v in values)


def _filled(geom):
    """The geometry with its holes filled: the polygons of its exterior rings."""
    parts = shapely.get_parts(geom)
    return shapely.union_all(shapely.polygons(shapely.get_exterior_ring(parts))) if len(parts) else geom


def upper_gap_issues(cell_code, level, cell_geom, county_geoms, geometry_area, tolerance_m2, official):
    """Gaps of one upper cell: where an official boundary is given, the part of it no county cell covers
    (a county missing, or counties that stop short of it); else the holes its counties enclose between
    them (a hole of one county alone is that county's own)."""
    counties = np.asarray(county_geoms, dtype=object)
    covered = shapely.union_all(counties)
    if official:
        gap = shapely.difference(cell_geom, covered)
        template = QT_TR_NOOP("Part of cell {code} is covered by none of its county cells")
    else:
        gap = shapely.difference(_filled(covered), shapely.union_all([_filled(g) for g in counties]))
        template = QT_TR_NOOP("Cell {code} has a gap between its county cells")
    parts = shapely.get_parts(gap)
    parts = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    areas = geometry_area(parts) if len(parts) else np.zeros(0)
    return [
        Issue(
            ISSUE_GAP,
            Message(template, code=cell_code),
            geometry=part,
            level=level,
            grid_code=cell_code,
            layer=LAYER_GRID,
            area_m2=float(area),
        )
        for part, area in zip(parts, areas)
        if area > tolerance_m2
    ]


def upper_grid_cells(counties, lengths, bounds, geometry_area, tolerance_m2, issues):
    """{level: [Cell]} of the province and city levels above delineate's county Cells, with their QA.

    They are built for the levels the chain names; with the four-length form, for both when the
    counties are more than one or official boundaries of these levels are given (``bounds``:
    {level: (codes, geoms, names)}, which then replace the union as the lower levels' do).
    """
    lengths = LevelLengths.of(lengths)
    levels = lengths.upper or ((LEVEL_PROVINCE, LEVEL_CITY) if len(counties) > 1 or bounds else ())
    if not levels or not counties:
        return {}
    codes = np.array([c.grid_code for c in counties], dtype=object)
    geoms = np.array([c.geometry for c in counties], dtype=object)
    values = {
        "farmland_m2": np.array([c.farmland_m2 for c in counties], dtype=float),
        "farmland_count": np.array([c.farmland_count for c in counties], dtype=int),
        "parcel_count": np.array([c.parcel_count for c in counties], dtype=int),
    }
    built = {(c["level"], c["code"]): c for c in upper_cells(codes, geoms, values, replace(lengths, upper=levels))}
    result = {}
    below_codes, below_geoms = codes, geoms  # the members whose gaps a cell reports: the level just below it
    for level in sorted(levels, reverse=True):
        official = dict(zip(bounds[level][0], zip(bounds[level][1], bounds[level][2]))) if level in bounds else {}
        cells = []
        for code in sorted({c for lvl, c in built if lvl == level} | set(official)):
            stats = built.get((level, code), {"geometry": None, "farmland_m2": 0.0, "farmland_count": 0, "parcel_count": 0})
            members = below_geoms[np.char.startswith(below_codes.astype(str), code)]
            # Bottom-up like the lower levels: a province is the union of its cities, official ones included.
            geom, name, source = stats["geometry"] if below_geoms is geoms else _union(members), "", SOURCE_PARCELS
            if code in official:
                (geom, name), source = official[code], SOURCE_BOUNDARY
            cells.append(
                Cell(
                    code,
                    level,
                    parent_code(code),
                    name,
                    geom,
                    stats["farmland_m2"],
                    stats["farmland_count"],
                    stats["parcel_count"],
                    source,
                )
            )
            issues.extend(upper_gap_issues(code, level, geom, members, geometry_area, tolerance_m2, source == SOURCE_BOUNDARY))
        if official:
            issues.extend(_misplaced_counties(codes, geoms, level, official))
        result[level] = cells
        below_codes = np.array([c.grid_code for c in cells], dtype=object)
        below_geoms = np.array([c.geometry for c in cells], dtype=object)
    return result


def _misplaced_counties(codes, geoms, level, official):
    """County cells lying (by an interior point) in the official boundary of another province or city."""
    bcodes = np.array(list(official), dtype=object)
    tree = shapely.STRtree(np.array([g for g, _ in official.values()], dtype=object))
    county_idx, bound_idx = tree.query(shapely.point_on_surface(geoms), predicate="within")
    n = UPPER_LENGTHS[level]
    return [
        Issue(
            ISSUE_CODE_MISMATCH,
            Message(
                QT_TR_NOOP("County cell {code} lies in boundary {boundary}, not in its own {parent}"),
                code=codes[k],
                boundary=bcodes[b],
                parent=codes[k][:n],
            ),
            geometry=geoms[k],
            level=level,
            grid_code=bcodes[b],
            other_code=codes[k],
            layer=LAYER_GRID,
        )
        for k, b in zip(county_idx, bound_idx)
        if codes[k][:n] != bcodes[b]
    ]
