"""Farmland in–out balance (耕地进出平衡) and occupation–compensation balance (耕地占补平衡) between two survey
years of the DLTB parcels.

The two coverages are overlaid exactly: parcels unchanged between the years (same normalised geometry,
same class code) are matched by their WKB and carried over whole; only the others are intersected, with an
STR-tree and shapely's intersection arrays. Every piece then carries its parcel of each year, and its area
of each year is apportioned from that parcel's official area (TBDLMJ, or its ellipsoidal area) by
geometric share, so that every year's class totals stay the survey's official totals.

Pieces narrower than the tolerance (survey adjustments: a boundary moved by less than half a metre) and
pieces smaller than the minimum area (slivers) are dropped from the ledger and counted; their share goes
to the other pieces of their parcel. Areas are m² here; the caller converts to 亩.
"""

from dataclasses import astuple, dataclass, fields
from typing import Optional

import numpy as np
import shapely

from .area import sqm_to_mu
from .landclass import FIRST_LEVEL_NAMES, OTHER_AGRICULTURAL_PREFIXES, base_class, first_levels
from .quota import unit_keys

FARMLAND, AGRICULTURAL, OTHER, UNKNOWN = "farmland", "agricultural", "other", "unknown"

FLOW_OUT, FLOW_IN, FLOW_OCCUPIED, FLOW_COMPENSATED = "out", "in", "occupied", "compensated"
FLOWS = (FLOW_IN, FLOW_OUT, FLOW_OCCUPIED, FLOW_COMPENSATED)
#: Flow → its name in the campaign tables.
FLOW_NAMES = {FLOW_IN: "进", FLOW_OUT: "出", FLOW_OCCUPIED: "占", FLOW_COMPENSATED: "补"}
#: (category last year, category this year) → flow.
_FLOW_OF = {
    (FARMLAND, AGRICULTURAL): FLOW_OUT,
    (FARMLAND, OTHER): FLOW_OCCUPIED,
    (AGRICULTURAL, FARMLAND): FLOW_IN,
    (OTHER, FARMLAND): FLOW_COMPENSATED,
}
_INTO_FARMLAND = (FLOW_IN, FLOW_COMPENSATED)


def land_categories(codes, farmland_classes) -> np.ndarray:
    """Category of each class code: farmland (the ``farmland_classes``, K/A suffixes ignored), other agricultural
    land (``OTHER_AGRICULTURAL_PREFIXES``), other (construction and other non-agricultural land), or unknown (no
    code, or one that is no GB/T 21010 class). Vectorised over distinct codes."""
    values = np.asarray(["" if c is None else str(c) for c in codes], dtype=object)
    if not len(values):
        return np.zeros(0, dtype=object)
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    farmland, levels = set(farmland_classes), first_levels(uniq)
    out = []
    for code, level in zip(uniq, levels):
        base = base_class(code)
        if base in farmland:
            out.append(FARMLAND)
        elif not level:
            out.append(UNKNOWN)
        elif base.startswith(OTHER_AGRICULTURAL_PREFIXES):
            out.append(AGRICULTURAL)
        else:
            out.append(OTHER)
    return np.array(out, dtype=object)[inverse]


def flows_of(before, after) -> np.ndarray:
    """Flow of each piece from its categories of the two years; ``""`` where there is none."""
    before, after = np.asarray(before, dtype=object), np.asarray(after, dtype=object)
    out = np.full(len(before), "", dtype=object)
    for (a, b), flow in _FLOW_OF.items():
        out[(before == a) & (after == b)] = flow
    return out


@dataclass
class Coverage:
    """One survey year's parcels: geometries (one CRS for both years), class codes, official area in m² (TBDLMJ, or
    the ellipsoidal area), full unit codes (``""`` where invalid) and identifiers (BSM, or feature ids)."""

    geoms: np.ndarray
    classes: np.ndarray
    area_m2: np.ndarray
    codes: np.ndarray
    ids: np.ndarray

    def __len__(self):
        return len(self.geoms)


@dataclass
class Overlay:
    """The pieces of the overlay that count: for each its parcel of last year (``prev``) and of this year
    (``curr``), its geometry (None for unchanged parcels carried over whole) and its apportioned area of each year
    (m²). ``uncovered_prev_m2``/``uncovered_curr_m2``: per parcel, the share of its official area that the other
    year's coverage does not cover (a parcel deleted, land added). The counts say what was dropped."""

    prev: np.ndarray
    curr: np.ndarray
    geoms: np.ndarray
    before_m2: np.ndarray
    after_m2: np.ndarray
    uncovered_prev_m2: np.ndarray
    uncovered_curr_m2: np.ndarray
    prev_classes: "Classes"
    curr_classes: "Classes"
    unchanged: int = 0
    intersected: int = 0
    slivers: int = 0
    sliver_m2: float = 0.0
    adjustments: int = 0  # pieces, and parcels' uncovered strips, narrower than the tolerance
    adjustment_m2: float = 0.0


def _same(prev_geoms, curr_geoms, prev_class, curr_class):
    """(prev index, curr index) of geometries equal vertex for vertex and of the same class: grouped by class, vertex
    count and bounds with one sort, then checked exactly. A group holding more than one parcel of a year (stacked
    duplicates) pairs nothing."""
    geoms = np.r_[prev_geoms, curr_geoms]
    key = np.column_stack([np.r_[prev_class, curr_class], shapely.get_num_coordinates(geoms), shapely.bounds(geoms)])
    order = np.lexsort(key.T[::-1])
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)])
    sizes = np.diff(np.r_[starts, len(order)])
    a, b = order[starts[sizes == 2]], order[starts[sizes == 2] + 1]
    a, b = np.minimum(a, b), np.maximum(a, b)
    n = len(prev_geoms)
    pair = (a < n) & (b >= n)
    a, b = a[pair], b[pair]
    same = shapely.equals_exact(geoms[a], geoms[b], 0.0)
    return a[same], b[same] - n


def _match_unchanged(prev: Coverage, curr: Coverage):
    """(prev index, curr index) of the parcels whose geometry and class code are the same in both years: first as
    stored (a survey update copies unchanged parcels), then the rest by their normalised geometry (rings rewritten
    from another start or direction)."""
    texts = np.array(["" if c is None else str(c).strip() for c in (*prev.classes, *curr.classes)], dtype=str)
    classes = np.unique(texts, return_inverse=True)[1].astype(float)
    prev_class, curr_class = classes[: len(prev)], classes[len(prev) :]
    prev_geoms, curr_geoms = np.asarray(prev.geoms, dtype=object), np.asarray(curr.geoms, dtype=object)
    mp, mc = _same(prev_geoms, curr_geoms, prev_class, curr_class)
    rest_prev, rest_curr = np.setdiff1d(np.arange(len(prev)), mp), np.setdiff1d(np.arange(len(curr)), mc)
    np2, nc2 = _same(
        shapely.normalize(prev_geoms[rest_prev]),
        shapely.normalize(curr_geoms[rest_curr]),
        prev_class[rest_prev],
        curr_class[rest_curr],
    )
    return np.r_[mp, rest_prev[np2]], np.r_[mc, rest_curr[nc2]]


def _candidate_pairs(prev_geoms, curr_geoms, prev_rest, curr_rest):
    """(prev, curr) index pairs of changed parcels whose boxes meet. A changed parcel cannot share land with an
    unchanged one of the other year in clean coverages (that one lies where it lay): what it would share is an
    overlap within one year, such as the strip a shifted parcel laid over its neighbour, which the apportioning
    treats as a survey adjustment."""
    if not len(prev_rest) or not len(curr_rest):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    p, c = shapely.STRtree(curr_geoms[curr_rest]).query(prev_geoms[prev_rest], predicate="intersects")
    return prev_rest[p], curr_rest[c]


def _thin(geoms, tolerance, min_area):
    """Pieces narrower than ``tolerance``: nothing of more than ``min_area`` is left after an inward buffer of
    half the tolerance."""
    if not len(geoms) or tolerance <= 0:
        return np.zeros(len(geoms), dtype=bool)
    return shapely.area(shapely.buffer(geoms, -tolerance / 2.0, quad_segs=2)) < max(min_area, 1e-12)


@dataclass
class Classes:
    """A year's class codes, classified once: first-level class, category and matrix index per parcel."""

    levels: np.ndarray
    categories: np.ndarray
    index: np.ndarray

    @classmethod
    def of(cls, codes, farmland_classes) -> "Classes":
        values = np.array(["" if c is None else str(c) for c in codes], dtype=str)
        uniq, inverse = np.unique(values, return_inverse=True)
        levels = first_levels(uniq)
        lookup = {c: k for k, c in enumerate(MATRIX_CLASSES)}
        index = np.array([lookup.get(v, len(MATRIX_CLASSES)) for v in levels], dtype=np.int64)
        return cls(levels[inverse], land_categories(uniq, farmland_classes)[inverse], index[inverse])


def overlay_years(prev: Coverage, curr: Coverage, farmland_classes, tolerance=0.5, min_area=1.0, unit_scale=1.0) -> Overlay:
    """The exact overlay of the two years' coverages (see the module's description).

    ``tolerance`` (m) and ``min_area`` (m²) are converted to CRS units by ``unit_scale`` (metres per CRS unit;
    1 for Gauss-Krüger layers).
    """
    tol = tolerance / unit_scale
    min_units = min_area / unit_scale**2
    prev_geoms = np.asarray(prev.geoms, dtype=object)
    curr_geoms = np.asarray(curr.geoms, dtype=object)
    mp, mc = _match_unchanged(prev, curr)
    prev_rest = np.setdiff1d(np.flatnonzero(~shapely.is_missing(prev_geoms)), mp)
    curr_rest = np.setdiff1d(np.flatnonzero(~shapely.is_missing(curr_geoms)), mc)
    p, c = _candidate_pairs(prev_geoms, curr_geoms, prev_rest, curr_rest)
    pieces = shapely.intersection(prev_geoms[p], curr_geoms[c]) if len(p) else np.zeros(0, dtype=object)
    area = shapely.area(pieces) if len(p) else np.zeros(0)
    touching = area <= 0
    sliver = ~touching & (area < min_units)
    # A strip at most ``tol`` wide has an area below half its perimeter times ``tol``: only those are buffered.
    candidates = ~touching & ~sliver
    candidates[candidates] = area[candidates] <= 0.5 * tol * shapely.length(pieces[candidates]) * 1.01
    adjustment = np.zeros(len(p), dtype=bool)
    adjustment[candidates] = _thin(pieces[candidates], tol, min_units)
    keep = ~touching & ~sliver & ~adjustment

    # Changed parcels share their official area among their kept pieces and what no piece covers; every piece,
    # kept or not, counts towards what the other year covers of a parcel.
    shares = []
    for rest, index, geoms, m2 in ((prev_rest, p, prev_geoms, prev.area_m2), (curr_rest, c, curr_geoms, curr.area_m2)):
        whole = np.zeros(len(geoms))
        whole[rest] = shapely.area(geoms[rest])
        perimeter = np.zeros(len(geoms))
        perimeter[rest] = shapely.length(geoms[rest])
        covered = np.bincount(index[~touching], weights=area[~touching], minlength=len(geoms))
        kept = np.bincount(index[keep], weights=area[keep], minlength=len(geoms))
        remainder = np.maximum(whole - covered, 0.0)
        # What a shift by at most ``tol`` leaves uncovered: a strip no wider than it along half the boundary.
        strip = remainder <= np.maximum(0.5 * tol * perimeter, min_units)
        uncovered = np.where(kept > 0, np.where(strip, 0.0, remainder), whole)
        official = np.nan_to_num(np.asarray(m2, dtype=float))
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(kept + uncovered > 0, official / (kept + uncovered), 0.0)
        lost = np.zeros(len(geoms))
        lost[rest] = np.where(kept[rest] + uncovered[rest] > 0, uncovered[rest] * share[rest], official[rest])
        shares.append(
            (
                share,
                lost,
                official,
                int(np.count_nonzero(strip[rest] & (remainder[rest] >= min_units))),
                remainder[rest][strip[rest]].sum(),
            )
        )
    (
        (prev_share, lost_prev, prev_m2, prev_strips, prev_strip_area),
        (curr_share, lost_curr, curr_m2, curr_strips, curr_strip_area),
    ) = shares
    return Overlay(
        prev=np.r_[mp, p[keep]],
        curr=np.r_[mc, c[keep]],
        geoms=np.r_[np.full(len(mp), None, dtype=object), pieces[keep]],
        before_m2=np.r_[prev_m2[mp], area[keep] * prev_share[p[keep]]],
        after_m2=np.r_[curr_m2[mc], area[keep] * curr_share[c[keep]]],
        uncovered_prev_m2=lost_prev,
        uncovered_curr_m2=lost_curr,
        prev_classes=Classes.of(prev.classes, farmland_classes),
        curr_classes=Classes.of(curr.classes, farmland_classes),
        unchanged=len(mp),
        intersected=len(p),
        slivers=int(sliver.sum()),
        sliver_m2=float(area[sliver].sum()) * unit_scale**2,
        adjustments=int(adjustment.sum()) + prev_strips + curr_strips,
        adjustment_m2=float(area[adjustment].sum() + prev_strip_area + curr_strip_area) * unit_scale**2,
    )


# ---------------------------------------------------------------------------------------------
# The ledger: flows, units and the transition matrix

#: The matrix's classes: the twelve first-level classes; a class code without one counts in the ``none`` row and
#: column, with the land the other year does not cover and the difference of the two years' official areas.
MATRIX_CLASSES = tuple(f"{k:02d}" for k in range(1, 13))
NONE_CLASS = "none"
TOTAL_CODE = "TOTAL"


def _mu(m2):
    return np.round(sqm_to_mu(m2), 4)


@dataclass
class UnitBalance:
    """One row of the units output, in its column order (亩 to 0.0001). Balances: 进 − 出 and 补 − 占; gaps: what
    the balance lacks to reach its task (0 without a task: a balance must not be negative)."""

    unit_code: str
    unit_name: str
    in_mu: float
    out_mu: float
    occupied_mu: float
    compensated_mu: float
    inout_balance_mu: float
    occupation_balance_mu: float
    inout_target_mu: Optional[float]
    inout_gap_mu: float
    occupation_target_mu: Optional[float]
    occupation_gap_mu: float
    farmland_before_mu: float
    farmland_after_mu: float
    area_method: str

    def row(self) -> tuple:
        return astuple(self)


def unit_balance(code, name, flows_mu, farmland_mu, targets, area_method) -> UnitBalance:
    """A unit's row from its flows (in, out, occupied, compensated in 亩), farmland of both years and its
    (in–out, occupation) tasks (None where not given)."""
    f_in, f_out, f_occ, f_comp = (round(float(v), 4) for v in flows_mu)
    inout, occupation = round(f_in - f_out, 4), round(f_comp - f_occ, 4)
    inout_target, occupation_target = targets

    def gap(balance, target):
        return round(max((target or 0.0) - balance, 0.0), 4)

    return UnitBalance(
        code,
        name,
        f_in,
        f_out,
        f_occ,
        f_comp,
        inout,
        occupation,
        None if inout_target is None else round(float(inout_target), 4),
        gap(inout, inout_target),
        None if occupation_target is None else round(float(occupation_target), 4),
        gap(occupation, occupation_target),
        round(float(farmland_mu[0]), 4),
        round(float(farmland_mu[1]), 4),
        area_method,
    )


def total_balance(units, area_method) -> UnitBalance:
    """合计: the sums of the unit rows (targets where known, gaps too, as campaign tables add them up)."""
    sums = {}
    for column in fields(UnitBalance)[2:-1]:
        known = [getattr(u, column.name) for u in units if getattr(u, column.name) is not None]
        sums[column.name] = round(float(sum(known)), 4) if known else None
    for name in ("in_mu", "out_mu", "occupied_mu", "compensated_mu", "inout_balance_mu", "occupation_balance_mu"):
        sums[name] = sums[name] or 0.0
    sums["inout_gap_mu"] = sums["inout_gap_mu"] or 0.0
    sums["occupation_gap_mu"] = sums["occupation_gap_mu"] or 0.0
    return UnitBalance(TOTAL_CODE, "合计", **sums, area_method=area_method)


@dataclass
class Ledger:
    """The balance of two years per unit at one level.

    ``units``: unit codes (sorted); per piece of the overlay its unit (index, -1 outside every unit), flow (``""``
    for none), first-level classes and matrix value (m²: this year's area for flows into farmland, else last
    year's). ``matrix``: per unit, last year's class (12 + none) × this year's class (12 + none) in 亩, rows and
    columns adding up to each year's official class totals (``prev_mu``, ``curr_mu``)."""

    units: list
    piece_unit: np.ndarray
    flow: np.ndarray
    class1_before: np.ndarray
    class1_after: np.ndarray
    value_m2: np.ndarray
    flows_mu: np.ndarray  # (units, 4): in, out, occupied, compensated
    farmland_mu: np.ndarray  # (units, 2): last year, this year
    matrix: np.ndarray  # (units + 1, 13, 13); the last unit is the TOTAL
    prev_mu: np.ndarray  # (units + 1, 12)
    curr_mu: np.ndarray
    outside: dict  # what lies in no unit: counts and 亩 per year


def _unit_index(codes, level):
    """(distinct unit codes at ``level``, index into them per feature, -1 without a unit), from one sort of the codes."""
    distinct, inverse = np.unique(np.array(["" if c is None else str(c) for c in codes], dtype=str), return_inverse=True)
    keys = unit_keys(distinct, level).astype(str) if len(distinct) else np.zeros(0, dtype=str)
    return keys, inverse


def _totals(keys, index, area_m2, n_units):
    """(units, 12) official area in m² per unit and first-level class (classes without one left out)."""
    out = np.zeros((n_units, len(MATRIX_CLASSES)))
    ok = (keys >= 0) & (index < len(MATRIX_CLASSES))
    np.add.at(out, (keys[ok], index[ok]), area_m2[ok])
    return out


def build_ledger(overlay: Overlay, prev: Coverage, curr: Coverage, farmland_classes, level: int) -> Ledger:
    """Flows, farmland and the transition matrix per unit at ``level`` (a piece belongs to the unit of this year's
    parcel, of last year's where this year's code is invalid; each year's totals to the units of its own parcels)."""
    prev_keys, prev_inverse = _unit_index(prev.codes, level)
    curr_keys, curr_inverse = _unit_index(curr.codes, level)
    units = sorted({*prev_keys.tolist(), *curr_keys.tolist()} - {""})
    position = {code: k for k, code in enumerate(units)}
    prev_unit = np.array([position.get(k, -1) for k in prev_keys], dtype=np.int64)[prev_inverse]
    curr_unit = np.array([position.get(k, -1) for k in curr_keys], dtype=np.int64)[curr_inverse]
    piece_unit = np.where(curr_unit[overlay.curr] >= 0, curr_unit[overlay.curr], prev_unit[overlay.prev])
    before, after = overlay.prev_classes, overlay.curr_classes
    flow = flows_of(before.categories[overlay.prev], after.categories[overlay.curr])
    value = np.where(np.isin(flow, _INTO_FARMLAND), overlay.after_m2, overlay.before_m2)
    n = len(units)
    flows_m2 = np.zeros((n, len(FLOWS)))
    for k, name in enumerate((FLOW_IN, FLOW_OUT, FLOW_OCCUPIED, FLOW_COMPENSATED)):
        chosen = (flow == name) & (piece_unit >= 0)
        flows_m2[:, k] = np.bincount(piece_unit[chosen], weights=value[chosen], minlength=n)
    prev_m2 = np.nan_to_num(np.asarray(prev.area_m2, dtype=float))
    curr_m2 = np.nan_to_num(np.asarray(curr.area_m2, dtype=float))
    farmland = np.zeros((n, 2))
    for k, (keys, cats, area) in enumerate(((prev_unit, before.categories, prev_m2), (curr_unit, after.categories, curr_m2))):
        chosen = (cats == FARMLAND) & (keys >= 0)
        farmland[:, k] = np.bincount(keys[chosen], weights=area[chosen], minlength=n)

    size = len(MATRIX_CLASSES)
    cells = np.zeros((n + 1, size + 1, size + 1))
    i, j = before.index[overlay.prev], after.index[overlay.curr]
    counted = (piece_unit >= 0) & (i < size) & (j < size)
    np.add.at(cells, (piece_unit[counted], i[counted], j[counted]), value[counted])
    cells = _mu(cells)
    prev_mu = np.zeros((n + 1, size))
    curr_mu = np.zeros((n + 1, size))
    prev_mu[:n] = _mu(_totals(prev_unit, before.index, prev_m2, n))
    curr_mu[:n] = _mu(_totals(curr_unit, after.index, curr_m2, n))
    cells[n] = cells[:n].sum(axis=0)
    prev_mu[n], curr_mu[n] = prev_mu[:n].sum(axis=0), curr_mu[:n].sum(axis=0)
    cells[:, :size, size] = np.round(prev_mu - cells[:, :size, :size].sum(axis=2), 4)
    cells[:, size, :size] = np.round(curr_mu - cells[:, :size, :size].sum(axis=1), 4)
    outside = {
        "prev_parcels": int(np.count_nonzero(prev_unit < 0)),
        "prev_mu": float(sqm_to_mu(prev_m2[prev_unit < 0].sum())),
        "curr_parcels": int(np.count_nonzero(curr_unit < 0)),
        "curr_mu": float(sqm_to_mu(curr_m2[curr_unit < 0].sum())),
    }
    return Ledger(
        units,
        piece_unit,
        flow,
        before.levels[overlay.prev],
        after.levels[overlay.curr],
        value,
        sqm_to_mu(flows_m2),
        sqm_to_mu(farmland),
        cells,
        prev_mu,
        curr_mu,
        outside,
    )


def unit_rows(ledger: Ledger, names: dict, targets: dict, area_method: str) -> list:
    """The units' rows, then the TOTAL row; ``targets``: unit code → (in–out task, occupation task), None where
    not given."""
    units = [
        unit_balance(
            code, names.get(code, ""), ledger.flows_mu[k], ledger.farmland_mu[k], targets.get(code, (None, None)), area_method
        )
        for k, code in enumerate(ledger.units)
    ]
    return [*units, total_balance(units, area_method)]


def matrix_rows(ledger: Ledger, names: dict) -> list:
    """The transition matrix as table rows: per unit (then TOTAL) one row per class of last year, the ``none`` row
    and the ``total`` row; columns: unit_code, unit_name, class_before, class_before_name, one per class of this
    year, none, total (亩)."""
    rows = []
    labels = [*MATRIX_CLASSES, NONE_CLASS]
    for k, code in enumerate([*ledger.units, TOTAL_CODE]):
        name = "合计" if code == TOTAL_CODE else names.get(code, "")
        cells = ledger.matrix[k]
        for i, label in enumerate(labels):
            row = [round(float(v), 4) for v in cells[i]]
            rows.append((code, name, label, FIRST_LEVEL_NAMES.get(label, ""), *row, round(sum(row), 4)))
        column = [round(float(v), 4) for v in cells.sum(axis=0)]
        rows.append((code, name, "total", "合计", *column, round(sum(column), 4)))
    return rows


def flow_pieces(ledger: Ledger) -> np.ndarray:
    """Indices of the overlay's pieces that are flows (进, 出, 占, 补) within a unit."""
    return np.flatnonzero((ledger.flow != "") & (ledger.piece_unit >= 0))
