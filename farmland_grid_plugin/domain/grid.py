"""Six-level grid delineation: cells for the county, township, village and group levels.

Cells are dissolved from parcels on code prefixes, bottom-up (groups from parcels,
villages from groups and group-less parcels, and so on). A DLTB layer is a polygon
coverage, so a coverage union does the dissolve in linear time; a group whose
members are not a clean coverage (overlaps, unmatched edges) falls back to a full
union and has its overlaps reported. Official boundaries, where given, replace the
dissolved geometry and decide by location which cell a parcel belongs to.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.errors import GEOSException

from .grid_qa import (
    ISSUE_CODE_MISMATCH,
    ISSUE_DUPLICATE_ID,
    ISSUE_EMPTY_GEOMETRY,
    ISSUE_GAP,
    ISSUE_INVALID_AREA,
    ISSUE_INVALID_CODE,
    ISSUE_INVALID_GEOMETRY,
    ISSUE_OUTSIDE_PARENT,
    ISSUE_OVERLAP,
    ISSUE_PARCEL_OVERLAP,
    LAYER_BOUNDARIES,
    LAYER_GRID,
    SOURCE_BOUNDARY,
    SOURCE_PARCELS,
    Issue,
    duplicate_ids,
)
from .grid_records import Boundaries, Cell, GridResult, Parcels  # noqa: F401 - callers build grid.Parcels, grid.Boundaries
from .grid_upper import upper_grid_cells
from .messages import QT_TR_NOOP, Message, Progress
from .roster import join_roster
from .unitcode import (
    DEFAULT_LENGTHS,
    LEVEL_COUNTY,
    LEVEL_GROUP,
    LEVEL_TOWNSHIP,
    LEVEL_VILLAGE,
    UnitCodeError,
    distinct_unit_codes,
    grid_code_of,
    is_group_part_zero,
    parent_code,
)

GRID_LEVELS = (LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP)

#: How a cell's persons, roles and phones are joined in one field each (delineategrid's output).
PERSON_SEPARATOR = "; "


def _parcel_issue(parcels, i, kind, template, overrides=None, **params):
    """An issue about parcel i: its id in the message, its geometry, raw code and area unless overridden."""
    values = {
        "geometry": parcels.geoms[i],
        "feature_id": parcels.ids[i],
        "grid_code": "" if parcels.codes[i] is None else str(parcels.codes[i]).strip(),
        "area_m2": None if parcels.area_m2 is None else float(parcels.area_m2[i]),
    }
    values.update(overrides or {})
    return Issue(kind, Message(template, id=parcels.ids[i], **params), **values)


def _polygonal(geom):
    """Keep the polygonal part of a repaired geometry (make_valid may add lines or points)."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    return shapely.union_all(polys) if len(polys) else shapely.from_wkt("POLYGON EMPTY")


def _check_geometries(parcels, issues):
    """Repair invalid geometries in place, report them; returns mask of usable parcels."""
    geoms = parcels.geoms
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    for i in np.flatnonzero(missing):
        message = QT_TR_NOOP("Parcel {id} has no geometry; it is left out of the grid")
        issues.append(_parcel_issue(parcels, i, ISSUE_EMPTY_GEOMETRY, message, {"geometry": None}))
    invalid = np.flatnonzero(~missing & ~shapely.is_valid(geoms))
    for i in invalid:
        reason = shapely.is_valid_reason(geoms[i])
        geoms[i] = _polygonal(shapely.make_valid(geoms[i]))
        message = QT_TR_NOOP("Parcel {id} has an invalid geometry ({reason}); it was repaired and used")
        # Its area is reported by the parcel's other issues, if any: the repair may change it.
        issues.append(_parcel_issue(parcels, i, ISSUE_INVALID_GEOMETRY, message, {"area_m2": None}, reason=reason))
    return ~missing & ~shapely.is_empty(geoms)


def _check_duplicate_ids(parcels, issues):
    """The survey identifier (BSM) must be unique: every code and lineage step leans on it."""
    if parcels.duplicate_key is None:
        return
    for value, members, message in duplicate_ids(parcels.duplicate_key, parcels.fids):
        issues.append(
            Issue(
                ISSUE_DUPLICATE_ID,
                message,
                geometry=shapely.union_all(parcels.geoms[members]),
                feature_id=value,
                other_code=", ".join(str(parcels.fids[m]) for m in members),
            )
        )


def _check_areas(parcels, usable, geometry_area, issues):
    """Parcels whose area field is empty or not a number are measured on their geometry instead."""
    bad = np.flatnonzero(usable & ~np.isfinite(parcels.area_m2))
    if not len(bad):
        return
    parcels.area_m2[bad] = geometry_area(parcels.geoms[bad])
    message = QT_TR_NOOP("Parcel {id} has no usable area value; its geometry area is used")
    issues.extend(_parcel_issue(parcels, i, ISSUE_INVALID_AREA, message) for i in bad)


def _validate_codes(parcels, lengths, usable, issues):
    """Padded location code per parcel ('' where invalid); invalid ones reported."""
    codes = distinct_unit_codes(parcels.codes, lengths)
    message = QT_TR_NOOP("Parcel {id}: {error}")
    bad = np.flatnonzero(np.isin(codes.inverse, [k for k, e in enumerate(codes.errors) if e]) & usable)
    issues.extend(_parcel_issue(parcels, i, ISSUE_INVALID_CODE, message, error=codes.errors[codes.inverse[i]]) for i in bad)
    return codes.padded_per_feature()


def _prefixes(codes, length):
    """First ``length`` characters of every code, as one array operation (numpy truncates on the cast)."""
    return np.asarray(codes, dtype=str).astype(f"U{length}").astype(object) if len(codes) else np.zeros(0, dtype=object)


def _normalise_boundaries(boundaries, lengths, issues):
    """{level: (codes, geoms, names)} with one (unioned) polygon per grid code."""
    by_level = {}
    for i, raw in enumerate(boundaries.codes):
        geom = boundaries.geoms[i]
        try:
            code, level = grid_code_of(raw, lengths)
        except UnitCodeError as exc:
            issues.append(
                Issue(
                    ISSUE_INVALID_CODE,
                    Message(
                        QT_TR_NOOP("Boundary {id}: {error}; the boundary is not used"),
                        id=boundaries.ids[i],
                        error=exc.message,
                    ),
                    geometry=geom,
                    layer=LAYER_BOUNDARIES,
                    feature_id=boundaries.ids[i],
                    grid_code="" if raw is None else str(raw),
                )
            )
            continue
        if geom is None or shapely.is_empty(geom):
            continue
        if not shapely.is_valid(geom):
            geom = _polygonal(shapely.make_valid(geom))
        by_level.setdefault(level, {}).setdefault(code, ([], boundaries.names[i]))[0].append(geom)
    result = {}
    for level, entries in by_level.items():
        codes = sorted(entries)
        geoms = np.array([shapely.union_all(entries[c][0]) for c in codes], dtype=object)
        result[level] = (np.array(codes, dtype=object), geoms, [entries[c][1] or "" for c in codes])
    return result


def _assign_by_location(parcels, codes, usable, bounds, lengths, issues):
    """Override parcel codes by the boundary their interior point lies in; report disagreements."""
    full = len(codes[0]) if len(codes) and codes[0] else max(19, lengths.group)
    points = shapely.point_on_surface(np.where(usable, parcels.geoms, None))
    decided = ~usable
    result = codes.copy()
    for level in sorted(bounds, reverse=True):
        bcodes, bgeoms, _ = bounds[level]
        tree = shapely.STRtree(bgeoms)
        pidx, bidx = tree.query(points, predicate="within")
        pidx, first = np.unique(pidx, return_index=True)
        hit = np.full(len(codes), None, dtype=object)
        hit[pidx] = bcodes[bidx[first]]
        n = lengths.by_level()[level]
        found = np.flatnonzero(np.not_equal(hit, None) & ~decided)
        decided[found] = True
        moved = found[_prefixes(codes[found], n) != hit[found]]
        result[moved] = [code.ljust(full, "0") for code in hit[moved]]
        message = QT_TR_NOOP("Parcel {id} is coded {code} but lies in boundary {boundary}, where it is counted")
        for i in moved[codes[moved] != ""]:
            overrides = {"level": level, "grid_code": hit[i], "other_code": codes[i]}
            issues.append(_parcel_issue(parcels, i, ISSUE_CODE_MISMATCH, message, overrides, code=codes[i], boundary=hit[i]))
    return result


def _gaps(parcels, codes, usable, bounds, lengths, geometry_area, tolerance_m2, issues):
    """Farmland outside every boundary polygon of the deepest boundary level."""
    level = max(bounds)
    _, bgeoms, _ = bounds[level]
    candidates = usable & parcels.farmland
    if level == LEVEL_GROUP:
        candidates &= np.array([not c or not is_group_part_zero(c, lengths) for c in codes], dtype=bool)
    idx = np.flatnonzero(candidates)
    tree = shapely.STRtree(bgeoms)
    covered = np.unique(tree.query(parcels.geoms[idx], predicate="covered_by")[0])
    idx = np.delete(idx, covered)
    if not len(idx):
        return
    near_k, near_b = tree.query(parcels.geoms[idx], predicate="intersects")
    # One union of nearby boundaries per candidate, from the query's pairs grouped by candidate.
    splits = np.searchsorted(near_k, np.arange(1, len(idx)))
    nearby = [shapely.union_all(bgeoms[b]) if len(b) else None for b in np.split(near_b, splits)]
    outside = np.array(
        [parcels.geoms[i] if near is None else shapely.difference(parcels.geoms[i], near) for i, near in zip(idx, nearby)],
        dtype=object,
    )
    message = QT_TR_NOOP("Farmland of parcel {id} ({code}) lies outside every boundary")
    for i, geom, area in zip(idx, outside, geometry_area(outside)):
        if area > tolerance_m2:
            code = (codes[i] or "")[: lengths.by_level()[level]]
            overrides = {"geometry": geom, "level": level, "grid_code": code, "area_m2": float(area)}
            issues.append(_parcel_issue(parcels, i, ISSUE_GAP, message, overrides, code=codes[i] or "?"))


def union_group(members, tolerance_m2):
    """Coverage union when the members form a clean coverage, else a full union. Returns (geom, clean)."""
    if len(members) == 1:
        return members[0], True
    expected = shapely.area(members).sum()
    try:
        merged = shapely.coverage_union_all(members)
        if shapely.is_valid(merged) and abs(shapely.area(merged) - expected) <= tolerance_m2 + 1e-9 * expected:
            return merged, True
    except GEOSException:
        pass
    return shapely.union_all(members), False


def _overlaps(geoms, geometry_area, tolerance_m2):
    """(i, j, intersection, area) for every pair of geometries overlapping by more than the tolerance."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return []
    inter = shapely.intersection(geoms[left], geoms[right])
    inter = np.array([_polygonal(g) for g in inter], dtype=object)
    areas = geometry_area(inter)
    big = areas > tolerance_m2
    return list(zip(left[big], right[big], inter[big], areas[big]))


@dataclass
class _Items:
    """What one level dissolves: geometries, their padded codes, and which of them are parcels."""

    geoms: np.ndarray
    codes: np.ndarray
    is_parcel: np.ndarray

    @classmethod
    def empty(cls):
        return cls(np.zeros(0, dtype=object), np.zeros(0, dtype=object), np.zeros(0, dtype=bool))

    def subset(self, mask):
        return _Items(self.geoms[mask], self.codes[mask], self.is_parcel[mask])


def _dissolve_level(items, prefix_length, level, geometry_area, tolerance_m2, issues, progress):
    """({grid code: dissolved geometry}, codes whose members were no clean coverage); parcel overlaps reported.

    Overlaps between cells of the level below are left to the per-level check, which names both cells.
    """
    keys = _prefixes(items.codes, prefix_length)
    order = np.argsort(keys, kind="stable")
    if not len(keys):
        return {}, set()
    uniq, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    dissolved, unclean = {}, set()
    for code, start, end in zip(uniq, starts, ends):
        members = order[start:end]
        merged, clean = union_group(items.geoms[members], tolerance_m2)
        dissolved[code] = merged
        if not clean:
            unclean.add(code)
        parcels = members[items.is_parcel[members]]
        if not clean and len(parcels) > 1:
            for _a, _b, inter, area in _overlaps(items.geoms[parcels], geometry_area, tolerance_m2):
                issues.append(
                    Issue(
                        ISSUE_PARCEL_OVERLAP,
                        Message(QT_TR_NOOP("Parcels overlap inside cell {code}"), code=code),
                        geometry=inter,
                        level=level,
                        grid_code=code,
                        area_m2=float(area),
                    )
                )
        progress.check()
    return dissolved, unclean


def _cell_stats(parcel_keys, farm_m2, farmland):
    """{grid code: (farmland m², farmland parcels, all parcels)} from the parcels, whatever the geometry source."""
    if not len(parcel_keys):
        return {}
    keys, inverse = np.unique(parcel_keys.astype(str), return_inverse=True)
    farm_sum = np.bincount(inverse, weights=farm_m2, minlength=len(keys))
    farm_cnt = np.bincount(inverse, weights=farmland.astype(float), minlength=len(keys))
    all_cnt = np.bincount(inverse, minlength=len(keys))
    return {k: (farm_sum[i], int(farm_cnt[i]), int(all_cnt[i])) for i, k in enumerate(keys) if k}


def mode_by_key(keys, values):
    """Most frequent non-empty value per key (ties: the first in sort order)."""
    pairs = {}
    for k, v in zip(keys, values):
        if v:
            pairs[(k, v)] = pairs.get((k, v), 0) + 1
    best = {}
    for (k, v), n in sorted(pairs.items()):
        if n > best.get(k, (0, ""))[0]:
            best[k] = (n, v)
    return {k: v for k, (n, v) in best.items()}


def delineate(
    parcels,
    geometry_area,
    lengths=DEFAULT_LENGTHS,
    boundaries=None,
    roster=None,
    tolerance_m2=0.1,
    progress=None,
):
    """Build grid cells for levels 3–6, the province and city cells above them (grid_upper), and the QA issues.

    ``geometry_area(array_of_geoms) -> m²`` measures issue geometries (ellipsoidal or
    planar, as the caller decided); parcel figures come from ``parcels.area_m2``.
    """
    progress = progress or Progress()
    issues = []
    usable = _check_geometries(parcels, issues)
    _check_duplicate_ids(parcels, issues)
    if parcels.area_m2 is None:
        parcels.area_m2 = geometry_area(parcels.geoms)
    else:
        _check_areas(parcels, usable, geometry_area, issues)
    progress.set(5)
    codes = _validate_codes(parcels, lengths, usable, issues)
    progress.check()
    bounds = _normalise_boundaries(boundaries, lengths, issues) if boundaries else {}
    upper_bounds = {level: bounds.pop(level) for level in sorted(bounds) if level < LEVEL_COUNTY}
    if bounds:
        codes = _assign_by_location(parcels, codes, usable, bounds, lengths, issues)
        _gaps(parcels, codes, usable, bounds, lengths, geometry_area, tolerance_m2, issues)
    progress.set(15)
    progress.check()

    placed = usable & (codes != "")
    geoms = parcels.geoms[placed]
    pcodes = codes[placed]
    farmland = parcels.farmland[placed]
    farm_m2 = np.where(farmland, parcels.area_m2[placed], 0.0)
    # A group part of zeros: the village is the bottom cell.
    zeros = "0" * (lengths.group - lengths.village)
    no_group = np.char.endswith(_prefixes(pcodes, lengths.group).astype(str), zeros)
    # Bottom-up dissolve: items are parcels, then the cells of the level below (plus group-less parcels).
    items = _Items(geoms, pcodes, np.ones(len(pcodes), dtype=bool))
    level_cells, unclean = {}, {}
    for step, level in enumerate(sorted(GRID_LEVELS, reverse=True)):
        n = lengths.by_level()[level]
        passing = _Items.empty()
        parcel_keys = _prefixes(pcodes, n)
        if level == LEVEL_GROUP:
            passing = items.subset(no_group)
            items = items.subset(~no_group)
            parcel_keys[no_group] = ""
        dissolved, unclean[level] = _dissolve_level(items, n, level, geometry_area, tolerance_m2, issues, progress)
        stats = _cell_stats(parcel_keys, farm_m2, farmland)
        official = dict(zip(bounds[level][0], zip(bounds[level][1], bounds[level][2]))) if level in bounds else {}
        cells = []
        for code in sorted(set(dissolved) | set(official)):
            geom, source, name = dissolved.get(code), SOURCE_PARCELS, ""
            if code in official:
                (geom, name), source = official[code], SOURCE_BOUNDARY
            f_m2, f_n, p_n = stats.get(code, (0.0, 0, 0))
            cells.append(Cell(code, level, parent_code(code, lengths), name, geom, float(f_m2), f_n, p_n, source))
        level_cells[level] = cells
        codes_here = np.array(list(dissolved), dtype=object)
        items = _Items(
            np.concatenate([np.array(list(dissolved.values()), dtype=object), passing.geoms]),
            np.concatenate([codes_here, passing.codes]),
            np.concatenate([np.zeros(len(codes_here), dtype=bool), passing.is_parcel]),
        )
        progress.set(15 + 55 * (step + 1) / len(GRID_LEVELS))

    level_cells.update(upper_grid_cells(level_cells[LEVEL_COUNTY], lengths, upper_bounds, geometry_area, tolerance_m2, issues))
    bottom = np.where(no_group, _prefixes(pcodes, lengths.village), _prefixes(pcodes, lengths.group))
    names = mode_by_key(bottom, np.asarray(parcels.names, dtype=object)[placed])
    for cells in level_cells.values():
        for cell in cells:
            cell.unit_name = cell.unit_name or names.get(cell.grid_code, "")

    _check_levels(level_cells, unclean, geometry_area, tolerance_m2, issues)
    progress.set(85)
    if roster is not None:
        join_roster(roster, level_cells, lengths, issues)
    progress.set(100)

    parcel_cells = np.full(len(parcels.geoms), "", dtype=object)
    parcel_cells[placed] = bottom
    all_cells = [c for level in sorted(level_cells) for c in level_cells[level]]
    return GridResult(all_cells, issues, parcel_cells)


def _check_levels(level_cells, unclean, geometry_area, tolerance_m2, issues):
    """Overlapping cells within a level, and cells reaching outside their parent.

    Two dissolved cells that overlap make the union of their nearest common ancestor unclean (its
    members overlap), or, in different counties, make the counties overlap. Where no union above a
    level was unclean and no level above had overlaps, the costly pairwise search is skipped.
    """
    overlapping_levels = set()
    for level in sorted(level_cells):
        cells = level_cells[level]
        if not cells:
            continue
        geoms = np.array([c.geometry for c in cells], dtype=object)
        official = any(c.source == SOURCE_BOUNDARY for c in cells)
        top = level == LEVEL_COUNTY and len(cells) > 1
        above = [lvl for lvl in level_cells if lvl < level]
        if official or top or any(unclean.get(lvl) for lvl in above) or overlapping_levels.intersection(above):
            before = len(issues)
            for a, b, inter, area in _overlaps(geoms, geometry_area, tolerance_m2):
                issues.append(
                    Issue(
                        ISSUE_OVERLAP,
                        Message(
                            QT_TR_NOOP("Cells {code} and {other} overlap"),
                            code=cells[a].grid_code,
                            other=cells[b].grid_code,
                        ),
                        geometry=inter,
                        level=level,
                        grid_code=cells[a].grid_code,
                        other_code=cells[b].grid_code,
                        layer=LAYER_GRID,
                        area_m2=float(area),
                    )
                )
            if len(issues) > before:
                overlapping_levels.add(level)
        parents = {c.grid_code: c for c in level_cells.get(level - 1, [])}
        pairs = [(c, parents[c.parent_code]) for c in cells if c.parent_code in parents]
        # Dissolved cells lie inside their dissolved parents by construction.
        pairs = [(c, p) for c, p in pairs if SOURCE_BOUNDARY in (c.source, p.source)]
        if not pairs:
            continue
        outside = shapely.difference(
            np.array([c.geometry for c, _ in pairs], dtype=object),
            np.array([p.geometry for _, p in pairs], dtype=object),
        )
        outside = np.array([_polygonal(g) for g in outside], dtype=object)
        for (cell, parent), geom, area in zip(pairs, outside, geometry_area(outside)):
            if area > tolerance_m2:
                issues.append(
                    Issue(
                        ISSUE_OUTSIDE_PARENT,
                        Message(
                            QT_TR_NOOP("Cell {code} reaches outside its parent {parent}"),
                            code=cell.grid_code,
                            parent=parent.grid_code,
                        ),
                        geometry=geom,
                        level=level,
                        grid_code=cell.grid_code,
                        other_code=parent.grid_code,
                        layer=LAYER_GRID,
                        area_m2=float(area),
                    )
                )


def person_lines(persons, roles, phones):
    """One line per responsible person, ``role name phone``, from a cell's joined fields (NULL-safe).

    The fields are split on PERSON_SEPARATOR; a missing role or phone leaves its place out.
    """

    def parts(text):
        return [p.strip() for p in str(text or "").split(PERSON_SEPARATOR.strip())]

    names, role_list, phone_list = parts(persons), parts(roles), parts(phones)
    lines = []
    for i, name in enumerate(names):
        if not name:
            continue
        role = role_list[i] if i < len(role_list) else ""
        phone = phone_list[i] if i < len(phone_list) else ""
        lines.append(" ".join(p for p in (role, name, phone) if p))
    return "\n".join(lines)
