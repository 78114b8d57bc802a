"""Quota arithmetic and change-patch overlays (耕地保有量、永久基本农田、变化图斑).

Areas are in m² here and converted to 亩 by the caller. Overlays use an STR-tree and only
intersect what has to be intersected: a polygon lying within one unit counts whole.
"""

from dataclasses import dataclass

import numpy as np
import shapely

from .grid import union_group
from .landclass import base_class
from .messages import QT_TR_NOOP, Message

NON_AGRI, NON_GRAIN, OTHER = "non_agri", "non_grain", "other"
CATEGORIES = (NON_AGRI, NON_GRAIN, OTHER)

# GB/T 21010 (Third National Land Survey): construction and mining (commerce 05, industry and mining 06,
# housing 07, public 08, special 09, transport 10 except rural roads 1006, hydraulic structures 1109)
# make farmland 非农化; garden land 02, forest 03, grass 04 and ponds 1104 make it 非粮化.
_NON_AGRI_PREFIXES = ("05", "06", "07", "08", "09", "10", "1109")
_NON_AGRI_EXCEPT = ("1006",)
_NON_GRAIN_PREFIXES = ("02", "03", "04", "1104")


def change_category(class_code):
    code = base_class(class_code)
    if code.startswith(_NON_AGRI_PREFIXES) and not code.startswith(_NON_AGRI_EXCEPT):
        return NON_AGRI
    if code.startswith(_NON_GRAIN_PREFIXES):
        return NON_GRAIN
    return OTHER


def change_categories(class_codes):
    """Vectorised change_category, over distinct codes."""
    values = np.array(["" if c is None else str(c) for c in class_codes], dtype=str)
    if not len(values):
        return np.zeros(0, dtype=object)
    uniq, inverse = np.unique(values, return_inverse=True)
    return np.array([change_category(u) for u in uniq], dtype=object)[inverse]


def dissolve_units(geoms, keys, tolerance_m2=0.1):
    """{unit key: polygon} dissolved from parcels (a coverage union where they form one)."""
    keys = np.asarray(keys, dtype=object)
    order = np.argsort(keys.astype(str), kind="stable")
    sorted_keys = keys[order].astype(str)
    if not len(order):
        return {}
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], len(order)]
    return {sorted_keys[s]: union_group(geoms[order[s:e]], tolerance_m2)[0] for s, e in zip(starts, ends) if sorted_keys[s]}


def area_by_unit(geoms, unit_codes, unit_geoms, measure):
    """Area (m², by ``measure``) of each unit covered by the polygons, and each polygon's area outside all units.

    A polygon within one unit counts whole; the others are intersected with the units they touch.
    """
    unit_geoms = np.asarray(unit_geoms, dtype=object)
    totals = dict.fromkeys(unit_codes, 0.0)
    areas = measure(geoms)
    outside = areas.copy()
    if not len(geoms) or not len(unit_geoms):
        return totals, outside
    shapely.prepare(unit_geoms)
    tree = shapely.STRtree(unit_geoms)
    inside_poly, inside_unit = tree.query(geoms, predicate="within")
    inside_poly, first = np.unique(inside_poly, return_index=True)
    inside_unit = inside_unit[first]
    for unit, area in zip(*_sum_by(inside_unit, areas[inside_poly])):
        totals[unit_codes[unit]] += area
    outside[inside_poly] = 0.0
    rest = np.setdiff1d(np.arange(len(geoms)), inside_poly)
    if len(rest):
        poly, unit = tree.query(geoms[rest], predicate="intersects")
        pieces = measure(shapely.intersection(geoms[rest[poly]], unit_geoms[unit]))
        for u, area in zip(*_sum_by(unit, pieces)):
            totals[unit_codes[u]] += area
        covered = np.bincount(poly, weights=pieces, minlength=len(rest))
        outside[rest] = np.maximum(areas[rest] - covered, 0.0)
    return totals, outside


def _sum_by(keys, values):
    uniq, inverse = np.unique(keys, return_inverse=True)
    return uniq, np.bincount(inverse, weights=values, minlength=len(uniq))


@dataclass
class PatchOverlay:
    farmland_m2: np.ndarray  # farmland each patch occupies
    pbf_m2: np.ndarray  # permanent basic farmland each patch occupies
    parcel: np.ndarray  # index of the parcel the patch overlaps most, -1 where none


def overlay_patches(patches, parcels, farmland, pbf, measure):
    """What each change patch occupies: farmland (parcels marked farmland), PBF, and its main parcel."""
    overlay = PatchOverlay(np.zeros(len(patches)), np.zeros(len(patches)), np.full(len(patches), -1))
    if not len(patches):
        return overlay
    p, q = shapely.STRtree(parcels).query(patches, predicate="intersects")
    if len(p):
        pieces = measure(shapely.intersection(patches[p], parcels[q]))
        overlay.farmland_m2 = np.bincount(p[farmland[q]], weights=pieces[farmland[q]], minlength=len(patches))
        best = np.lexsort((-pieces, p))  # per patch, largest piece first
        first = best[np.r_[True, p[best][1:] != p[best][:-1]]]
        keep = pieces[first] > 0
        overlay.parcel[p[first][keep]] = q[first][keep]
    if len(pbf):
        a, b = shapely.STRtree(pbf).query(patches, predicate="intersects")
        if len(a):
            overlay.pbf_m2 = np.bincount(a, weights=measure(shapely.intersection(patches[a], pbf[b])), minlength=len(patches))
    return overlay


def accountable(pbf_mu, farmland_mu, pbf_limit_mu=5.0, farmland_limit_mu=10.0):
    """Patches that make a case for accountability: at least the limit of PBF or of farmland occupied."""
    return (np.asarray(pbf_mu) >= pbf_limit_mu) | (np.asarray(farmland_mu) >= farmland_limit_mu)


@dataclass
class Targets:
    farmland_mu: float = None
    pbf_mu: float = None


def gap(actual, target):
    """(gap, surplus, completion %) of an actual area against a target; None where there is no target."""
    if target is None:
        return None, None, None
    completion = 100.0 * actual / target if target > 0 else None
    return max(target - actual, 0.0), max(actual - target, 0.0), completion


@dataclass
class CountyCheck:
    name: str
    value: float
    limit: float
    passed: bool
    message: Message


def county_checks(illegal_mu, taken_for_construction_mu, share_limit=0.15, total_limit_mu=100.0):
    """The county's illegal occupation of farmland against its limits: a share of the new construction
    land taken from farmland, and a total in 亩."""
    share = illegal_mu / taken_for_construction_mu if taken_for_construction_mu > 0 else 0.0
    return [
        CountyCheck(
            "illegal_share",
            share,
            share_limit,
            share <= share_limit,
            Message(
                QT_TR_NOOP(
                    "Illegally occupied farmland is {share:.1%} of the {taken:.2f} 亩 of farmland taken for "
                    "construction (limit {limit:.0%})"
                ),
                share=share,
                taken=taken_for_construction_mu,
                limit=share_limit,
            ),
        ),
        CountyCheck(
            "illegal_total",
            illegal_mu,
            total_limit_mu,
            illegal_mu <= total_limit_mu,
            Message(
                QT_TR_NOOP("Illegally occupied farmland totals {value:.2f} 亩 (limit {limit:.2f} 亩)"),
                value=illegal_mu,
                limit=total_limit_mu,
            ),
        ),
    ]
