"""Quota arithmetic and change-patch overlays (耕地保有量、永久基本农田、变化图斑).

Areas are in m² here and converted to 亩 by the caller. Overlays use an STR-tree and only
intersect what has to be intersected: a polygon lying within one unit counts whole.
"""

from collections import Counter
from dataclasses import astuple, dataclass, field, fields, replace
from typing import Optional

import numpy as np
import shapely

from .area import sqm_to_mu
from .grid import union_group
from .landclass import base_class
from .messages import QT_TR_NOOP, Message
from .unitcode import DEFAULT_LENGTHS, LEVEL_GROUP, UnitCodeError, grid_code_of, is_group_part_zero

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
    # "Unit contains polygon" with the few units prepared once, not "polygon within unit", which prepares every
    # polygon: several times faster, most of all with the GEOS that QGIS's own qgis_process loads.
    shapely.prepare(unit_geoms)
    inside_unit, inside_poly = shapely.STRtree(geoms).query(unit_geoms, predicate="contains")
    order = np.lexsort((inside_unit, inside_poly))
    inside_poly, inside_unit = inside_poly[order], inside_unit[order]
    inside_poly, first = np.unique(inside_poly, return_index=True)
    inside_unit = inside_unit[first]
    for unit, area in zip(*_sum_by(inside_unit, areas[inside_poly])):
        totals[unit_codes[unit]] += area
    outside[inside_poly] = 0.0
    rest = np.setdiff1d(np.arange(len(geoms)), inside_poly)
    if len(rest):
        poly, unit = shapely.STRtree(unit_geoms).query(geoms[rest], predicate="intersects")
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
    farmland_mu: Optional[float] = None
    pbf_mu: Optional[float] = None


@dataclass
class UnitTargets:
    """The targets table read for the units at one level: unit code → Targets and → name, and each row skipped
    or incomplete as a Message."""

    targets: dict
    names: dict
    problems: list
    invalid: dict = field(default_factory=dict)  # unit code → Message: why its target is missing or incomplete


def unit_targets(codes, farmland_mu, pbf_mu, names, level: int, units: set, fields=("", "")) -> UnitTargets:
    """Targets of the ``units`` at ``level`` from table columns (``farmland_mu``, ``pbf_mu``: floats, NaN where empty
    or not a number; ``fields``: the names of those two columns, empty where the table has none). Rows of
    other levels are ignored; rows with a bad code or of a unit without parcels are skipped. A unit given in
    several rows gets no target at all (which of them would be right?), as decomposetargets decides. Rows are
    numbered as a spreadsheet shows them: the header is row 1."""
    result = UnitTargets({}, {}, [])
    length = DEFAULT_LENGTHS.length(level)
    rows_of = {}
    for row, (raw, farm, pbf, name) in enumerate(zip(codes, farmland_mu, pbf_mu, names), start=2):
        try:
            code, row_level = grid_code_of(raw)
        except UnitCodeError as exc:
            result.problems.append(
                Message(QT_TR_NOOP("Target row {row}: {problem}; the row is skipped"), row=row, problem=exc.message)
            )
            continue
        if row_level != level and not (level == LEVEL_GROUP and len(code) == length - 3):
            continue  # a target of another level
        if code not in units:
            message = QT_TR_NOOP("Target row {row}: unit {code} has no parcels; the row is skipped")
            result.problems.append(Message(message, row=row, code=code))
            continue
        for value, column in zip((farm, pbf), fields):
            if column and not np.isfinite(value):
                message = QT_TR_NOOP("Target row {row} ({code}): {field} is empty or not a number")
                result.problems.append(Message(message, row=row, code=code, field=column))
                incomplete = QT_TR_NOOP("{field} in target row {row} is empty or not a number")
                result.invalid[code] = Message(incomplete, row=row, field=column)
        rows_of.setdefault(code, []).append(row)
        result.targets[code] = Targets(*(float(v) if np.isfinite(v) else None for v in (farm, pbf)))
        if name:
            result.names[code] = str(name)
    for code, rows, message in repeated_targets(rows_of):
        result.problems.append(message)
        result.invalid[code] = Message(QT_TR_NOOP("targets in rows {rows}: none used"), rows=rows)
        del result.targets[code]
    return result


def repeated_targets(rows_of: dict) -> list:
    """(code, its rows as text, Message) of each unit given targets in several rows (``rows_of``: code → spreadsheet
    rows): such a unit gets no target at all, in every algorithm that reads targets (which row would be right?)."""
    repeated = []
    for code, rows in rows_of.items():
        if len(rows) > 1:
            text = ", ".join(map(str, rows))
            message = Message(QT_TR_NOOP("Unit {code} has targets in rows {rows}; none of them is used"), code=code, rows=text)
            repeated.append((code, text, message))
    return repeated


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


def rounded(value: Optional[float], digits: int = 4) -> Optional[float]:
    """``value`` as the outputs store it (亩 to 0.0001, percentages to 0.01); None stays None."""
    return None if value is None else round(float(value), digits)


def unit_mu(m2: float) -> Optional[float]:
    """Area in 亩 to 0.0001, as the units output stores farmland_mu and pbf_mu."""
    return rounded(float(sqm_to_mu(m2)))


def unit_keys(padded, level: int) -> np.ndarray:
    """Unit code at ``level`` per full code; at group level a village without groups is its own unit."""
    lengths = DEFAULT_LENGTHS
    n = lengths.length(level)
    padded = np.asarray(padded, dtype=object)
    if not len(padded):
        return padded
    # Codes repeat (hundreds of distinct ones for hundreds of thousands of parcels): work on the distinct ones.
    distinct, inverse = np.unique(padded.astype(str), return_inverse=True)
    keys = [
        "" if not code else code[: lengths.village] if level == LEVEL_GROUP and is_group_part_zero(code) else code[:n]
        for code in distinct
    ]
    return np.array(keys, dtype=object)[inverse]


@dataclass(frozen=True)
class UnitQuota:
    """One row of quotaoverlay's units output, in its column order: areas in 亩 to 0.0001, completion in % to 0.01."""

    unit_code: str
    unit_name: str
    farmland_mu: Optional[float]
    farmland_target_mu: Optional[float]
    farmland_gap_mu: Optional[float]
    farmland_surplus_mu: Optional[float]
    farmland_completion_pct: Optional[float]
    pbf_mu: Optional[float]
    pbf_target_mu: Optional[float]
    pbf_gap_mu: Optional[float]
    pbf_completion_pct: Optional[float]
    non_agri_count: int
    non_agri_mu: Optional[float]
    non_grain_count: int
    non_grain_mu: Optional[float]
    other_count: int
    other_mu: Optional[float]
    accountable_count: int
    area_method: str
    target_problem: str = ""  # why the unit has no (or an incomplete) target, in the user's words

    def row(self) -> tuple:
        return astuple(self)


TOTAL_CODE = "TOTAL"
_COUNTS = ("non_agri_count", "non_grain_count", "other_count", "accountable_count")


def unit_quota(
    code: str,
    name: str,
    farmland_m2: float,
    pbf_m2: float,
    targets: Optional[Targets],
    stats: Counter,
    area_label: str,
    target_problem: str = "",
) -> UnitQuota:
    """A unit's farmland and PBF against its targets (gaps from the unrounded areas), and its change patches."""
    targets = targets or Targets()
    farm_mu, pbf_mu = float(sqm_to_mu(farmland_m2)), float(sqm_to_mu(pbf_m2))
    farm_gap, farm_surplus, farm_pct = gap(farm_mu, targets.farmland_mu)
    pbf_gap, _pbf_surplus, pbf_pct = gap(pbf_mu, targets.pbf_mu)
    return UnitQuota(
        code,
        name,
        unit_mu(farmland_m2),
        rounded(targets.farmland_mu),
        rounded(farm_gap),
        rounded(farm_surplus),
        rounded(farm_pct, 2),
        rounded(pbf_mu),
        rounded(targets.pbf_mu),
        rounded(pbf_gap),
        rounded(pbf_pct, 2),
        int(stats["non_agri_count"]),
        rounded(stats["non_agri_mu"]),
        int(stats["non_grain_count"]),
        rounded(stats["non_grain_mu"]),
        int(stats["other_count"]),
        rounded(stats["other_mu"]),
        int(stats["accountable_count"]),
        area_label,
        target_problem,
    )


def unit_quotas(
    codes, names: dict, farmland_m2, pbf_m2: dict, targets: dict, per_unit: dict, area_label: str, problems: Optional[dict] = None
) -> list:
    """The units' rows (``per_unit``: their change patches, see ChangePatches.per_unit; ``problems``: unit code →
    why its target is missing, as text), then the TOTAL row."""
    problems = problems or {}
    units = [
        unit_quota(
            code,
            names.get(code, ""),
            farm,
            pbf_m2[code],
            targets.get(code),
            per_unit.get(code, Counter()),
            area_label,
            problems.get(code, ""),
        )
        for code, farm in zip(codes, farmland_m2)
    ]
    return [*units, total_quota(units, area_label)]


def total_quota(units, area_label: str) -> UnitQuota:
    """合计: sums of the unit rows (gaps and surpluses too, so the columns add up); completion of the sums."""
    sums = {}
    for column in fields(UnitQuota)[2:-2]:  # the figures: not code and name, area method and target problem
        known = [getattr(u, column.name) for u in units if getattr(u, column.name) is not None]
        sums[column.name] = rounded(sum(known)) if known else None
    for name in _COUNTS:
        sums[name] = int(sums[name] or 0)
    total = UnitQuota(TOTAL_CODE, "合计", **sums, area_method=area_label)
    return replace(
        total,
        farmland_completion_pct=rounded(gap(total.farmland_mu or 0.0, total.farmland_target_mu)[2], 2),
        pbf_completion_pct=rounded(gap(total.pbf_mu or 0.0, total.pbf_target_mu)[2], 2),
    )


def area_per_unit(polygons, parcel_geoms, padded, unit_codes, level: int, measure) -> tuple:
    """(unit code → area in m² of the polygons within it, each polygon's area outside all parcels).

    Measured in the bottom cells (groups), whose small polygons answer "within" fast, then summed up by code
    prefix to ``level``: huge township polygons make every test slow.
    """
    cells = dissolve_units(parcel_geoms, unit_keys(padded, LEVEL_GROUP))
    cell_codes = sorted(cells)
    in_cells, outside = area_by_unit(polygons, cell_codes, [cells[c] for c in cell_codes], measure)
    totals = dict.fromkeys(unit_codes, 0.0)
    length = DEFAULT_LENGTHS.length(level)
    for cell, area in in_cells.items():
        if cell[:length] in totals:
            totals[cell[:length]] += area
    return totals, outside


@dataclass
class ChangePatches:
    """Change patches as overlaid on the parcels: per patch its main parcel's full unit code ("" outside the
    parcels), land class after change, category, farmland and PBF occupied (亩), accountability, legality."""

    geoms: np.ndarray
    ids: list
    codes: np.ndarray
    classes: list
    category: np.ndarray
    farmland_mu: np.ndarray
    pbf_mu: np.ndarray
    accountable: np.ndarray
    legality: list

    def per_unit(self, level: int) -> dict:
        """Unit code at ``level`` → Counter of its patches and the farmland they occupy per category
        (``non_agri_count``, ``non_agri_mu``, …) and its accountability cases."""
        per_unit = {}
        for unit, category, mu, flag in zip(unit_keys(self.codes, level), self.category, self.farmland_mu, self.accountable):
            stats = per_unit.setdefault(unit, Counter())
            stats[category + "_count"] += 1
            stats[category + "_mu"] += mu
            stats["accountable_count"] += int(flag)
        return per_unit

    def rows(self, persons: dict, area_label: str) -> list:
        """Rows of the classified patches output; ``persons``: grid code → (persons, phones)."""
        rows = []
        for k, code in enumerate(self.codes):
            county, township, village, group = unit_levels(code)
            person, phone = persons.get(group or village or "", ("", ""))
            rows.append(
                (
                    self.ids[k],
                    county,
                    township,
                    village,
                    group,
                    person or None,
                    phone or None,
                    self.classes[k],
                    self.category[k],
                    round(float(self.farmland_mu[k]), 4),
                    round(float(self.pbf_mu[k]), 4),
                    bool(self.accountable[k]),
                    self.legality[k],
                    area_label,
                )
            )
        return rows

    def county_checks(self, illegal_values, share_limit: float, total_limit_mu: float) -> list:
        """county_checks of the farmland these patches take for construction, illegally by ``illegal_values``."""
        non_agri = self.category == NON_AGRI
        illegal = non_agri & np.array([v in illegal_values for v in self.legality], dtype=bool)
        return county_checks(
            float(self.farmland_mu[illegal].sum()), float(self.farmland_mu[non_agri].sum()), share_limit, total_limit_mu
        )


def classify_patches(
    geoms, ids, classes, legality, overlay: PatchOverlay, padded, pbf_limit_mu: float, farmland_limit_mu: float
) -> ChangePatches:
    """The patches of ``overlay`` with their unit codes (of the parcel each overlaps most), categories and figures."""
    farmland_mu, pbf_mu = sqm_to_mu(overlay.farmland_m2), sqm_to_mu(overlay.pbf_m2)
    return ChangePatches(
        geoms=geoms,
        ids=[str(i) for i in ids],
        codes=np.where(overlay.parcel < 0, "", np.asarray(padded, dtype=object)[np.maximum(overlay.parcel, 0)]),
        classes=list(classes),
        category=change_categories(classes),
        farmland_mu=farmland_mu,
        pbf_mu=pbf_mu,
        accountable=accountable(pbf_mu, farmland_mu, pbf_limit_mu, farmland_limit_mu),
        legality=[None if v in (None, "") else str(v) for v in legality],
    )


def unit_levels(code: str) -> tuple:
    """(county, township, village, group) codes of a full unit code, None where there is none: no code at all,
    or no group in a village without groups (group part 000)."""
    lengths = DEFAULT_LENGTHS
    group = None if not code or is_group_part_zero(code) else code[: lengths.group]
    return code[: lengths.county] or None, code[: lengths.township] or None, code[: lengths.village] or None, group
