"""What goes into the field packages: the cells of the chosen level, one package per patroller, and for each
its parcels, PBF, neighbouring cells, open cases and current patrol period, in the package CRS.

Everything is read once into arrays and split between the packages with STRtree queries, so that every
villager group of a large county is planned in seconds.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureSource
from qgis.PyQt.QtCore import QDate

from ..domain import cases as case_rules
from ..domain import field_package as rules
from ..domain.grid import PERSON_SEPARATOR
from ..domain.patrol import DEFAULT_FREQUENCIES
from .crs import is_metric_crs
from .field_package_gpkg import object_array
from .sources import optional_field, read_columns, to_number
from .tracks import transformer

LEVEL_VILLAGE, LEVEL_GROUP = 5, 6
MU_PER_M2 = 15.0 / 10000.0
CLIP_MARGIN_M = 50.0  # PBF is cut to the package's cells and this much around them
NEIGHBOUR_DISTANCE_M = 1.0


def package_crs(source_crs: QgsCoordinateReferenceSystem, longitude: float) -> QgsCoordinateReferenceSystem:
    """The data's own CRS where it is metric (a Gauss-Krüger zone), else the CGCS2000 3-degree zone of ``longitude``
    (EPSG:4513–4533, zone number in the easting): a phone measures in metres."""
    if is_metric_crs(source_crs):
        return source_crs
    zone = int(np.clip(np.round(longitude / 3.0), 25, 45))
    return QgsCoordinateReferenceSystem(f"EPSG:{4513 + zone - 25}")


@dataclass
class Package:
    """One patroller's package: which cells (indices into the grid arrays) and, once planned, what it holds."""

    package_id: str
    person: str
    phone: str
    cells: np.ndarray
    parcels: np.ndarray = None
    parcel_cells: np.ndarray = None  # the cell code of each parcel
    pbf: np.ndarray = None  # clipped PBF geometries
    neighbours: np.ndarray = None
    cases: list = field(default_factory=list)  # CaseRecord
    extent: tuple = None  # xmin, ymin, xmax, ymax in the package CRS


@dataclass
class Grid:
    codes: np.ndarray
    levels: np.ndarray
    names: list
    persons: list
    phones: list
    farmland_mu: np.ndarray
    geoms: np.ndarray


@dataclass
class Parcels:
    geoms: np.ndarray
    columns: Dict[str, np.ndarray]  # space_code, DLBM, DLMC as object arrays (None where the layer has no such field)
    area_mu: np.ndarray


@dataclass
class Periods:
    """The current patrol period of each cell code: frequency, start, end, status, status label."""

    by_code: Dict[str, tuple]


def read_grid(source: QgsFeatureSource, crs, context, feedback) -> Grid:
    names = ["grid_code", "level", "unit_name", "persons", "roles", "phones", "farmland_mu"]
    present = [n for n in names if source.fields().lookupField(n) >= 0]
    table = read_columns(source, present, context, feedback, dest_crs=crs, span=(0, 10))
    column = table.columns
    n = len(table)
    roles = column.get("roles", [None] * n)
    persons, phones = [], []
    for k in range(n):
        names_k = _split(column.get("persons", [None] * n)[k])
        phones_k = _split(column.get("phones", [None] * n)[k])
        person = rules.field_keeper(names_k, _split(roles[k]))
        persons.append(person)
        phones.append(phones_k[names_k.index(person)] if person in names_k and names_k.index(person) < len(phones_k) else "")
    return Grid(
        codes=np.array([str(c or "") for c in column["grid_code"]], dtype=object),
        levels=to_number(column.get("level", [None] * n)),
        names=[str(v or "") for v in column.get("unit_name", [None] * n)],
        persons=persons,
        phones=phones,
        farmland_mu=to_number(column.get("farmland_mu", [None] * n)),
        geoms=np.asarray(table.geoms, dtype=object),
    )


def _split(text) -> List[str]:
    return [p.strip() for p in str(text or "").split(PERSON_SEPARATOR.strip())] if text else []


def package_cells(grid: Grid, level: int, prefix: str) -> np.ndarray:
    """Indices of the cells one package is made of: at group level the villager groups and the villages that have no
    groups (their own bottom cell), at village level the villages; only codes starting with ``prefix``."""
    usable = ~(shapely.is_missing(grid.geoms) | shapely.is_empty(grid.geoms))
    usable &= np.array([c.startswith(prefix) for c in grid.codes], dtype=bool)
    chosen = grid.levels == level
    if level == LEVEL_GROUP:
        parents = {c[: len(c) - 3] for c, lv in zip(grid.codes, grid.levels) if lv == LEVEL_GROUP}
        chosen |= (grid.levels == LEVEL_VILLAGE) & np.array([c not in parents for c in grid.codes], dtype=bool)
    return np.flatnonzero(chosen & usable)


def plan_packages(grid: Grid, cells: np.ndarray) -> (List[Package], List[str]):
    """One package per patroller over ``cells``; the codes of cells without a person."""
    by_person, orphans = rules.group_by_person(grid.codes[cells].tolist(), [grid.persons[k] for k in cells])
    index = {code: k for code, k in zip(grid.codes[cells].tolist(), cells.tolist())}
    packages = []
    for person, codes in sorted(by_person.items(), key=lambda item: sorted(item[1])[0]):
        members = np.array(sorted(index[c] for c in codes), dtype=np.int64)
        phone = next((grid.phones[k] for k in members if grid.phones[k]), "")
        packages.append(Package(rules.package_id(codes, person), person, phone, members))
    return packages, orphans


def read_parcels(source: QgsFeatureSource, crs, context, feedback, direct=None) -> Parcels:
    wanted = {name: optional_field(source, name) for name in ("space_code", "DLBM", "DLMC", "TBDLMJ")}
    layer = direct if direct is not None and source.sourceCrs() == crs else None
    table = read_columns(source, [f for f in wanted.values() if f], context, feedback, dest_crs=crs, span=(10, 40), layer=layer)
    n = len(table)
    official = to_number(table.columns[wanted["TBDLMJ"]] if wanted["TBDLMJ"] else [None] * n)
    # Object arrays: each package takes its rows by index.
    columns = {key: object_array(table.columns[f] if f else [None] * n) for key, f in wanted.items() if key != "TBDLMJ"}
    geoms = np.asarray(table.geoms, dtype=object)
    area = np.where(np.isfinite(official), official, shapely.area(geoms)) * MU_PER_M2
    return Parcels(geoms, columns, np.round(area, 2))


def assign(packages: List[Package], grid: Grid, parcels: Parcels, pbf_geoms, all_cells: np.ndarray) -> None:
    """Split parcels (by a point inside each), PBF (cut to the cells) and neighbouring cells between the packages."""
    owner_of_cell = np.full(len(grid.codes), -1, dtype=np.int64)
    for p, package in enumerate(packages):
        owner_of_cell[package.cells] = p
    member_cells = np.flatnonzero(owner_of_cell >= 0)
    tree = shapely.STRtree(grid.geoms[member_cells])
    usable = np.flatnonzero(~(shapely.is_missing(parcels.geoms) | shapely.is_empty(parcels.geoms)))
    points = shapely.point_on_surface(parcels.geoms[usable])
    which, hit = tree.query(points, predicate="within")
    first = np.unique(which, return_index=True)[1]  # a parcel in two overlapping cells goes to the first
    owner = owner_of_cell[member_cells[hit[first]]]
    cell_codes = grid.codes[member_cells[hit[first]]]
    parcel_rows = usable[which[first]]
    order = np.argsort(owner, kind="stable")
    splits = np.searchsorted(owner[order], np.arange(len(packages) + 1))
    unions = [shapely.union_all(grid.geoms[p.cells]) for p in packages]
    # Neighbours: cells of the same kind touching a package's cells, not its own.
    same_kind = shapely.STRtree(grid.geoms[all_cells])
    near_which, near_hit = same_kind.query(np.asarray(unions, dtype=object), predicate="dwithin", distance=NEIGHBOUR_DISTANCE_M)
    pbf_tree = shapely.STRtree(pbf_geoms) if pbf_geoms is not None and len(pbf_geoms) else None
    for p, package in enumerate(packages):
        package.parcels = parcel_rows[order[splits[p] : splits[p + 1]]]
        package.parcel_cells = cell_codes[order[splits[p] : splits[p + 1]]]
        others = all_cells[near_hit[near_which == p]]
        package.neighbours = np.setdiff1d(others, package.cells)
        area = unions[p]
        package.extent = tuple(shapely.bounds(area).tolist())
        package.pbf = np.empty(0, dtype=object)
        if pbf_tree is not None:
            package.pbf = _clip(pbf_geoms, pbf_tree, shapely.buffer(area, CLIP_MARGIN_M))


def _clip(geoms: np.ndarray, tree: shapely.STRtree, area) -> np.ndarray:
    """``geoms`` cut to ``area``: only the ones crossing its edge are intersected (an overlay with the whole edge of
    the area each time), the ones inside are taken whole."""
    found = geoms[tree.query(area, predicate="intersects")]
    shapely.prepare(area)
    inside = shapely.contains_properly(area, found)
    cut = shapely.intersection(found[~inside], area)
    cut = cut[~shapely.is_empty(cut) & (shapely.get_dimensions(cut) == 2)]
    return np.concatenate([found[inside], cut])


def open_cases(workspace, packages: List[Package], grid: Grid, crs) -> None:
    """The open cases (issued, collecting, sent back) of each package's cells, their patches in the package CRS."""
    prefixes = {}
    for p, package in enumerate(packages):
        for code in grid.codes[package.cells]:
            prefixes[code] = p
    lengths = sorted({len(c) for c in prefixes}, reverse=True)
    to_package = None
    if workspace.cases.crs != crs:
        to_package = transformer(workspace.cases.crs, crs)
    owners, records, wkbs = [], [], []
    for record in workspace.cases.cases(status=rules.OPEN_FOR_FIELD):
        unit = str(record.attributes.get("unit_code") or "")
        owner = next((prefixes[unit[:n]] for n in lengths if unit[:n] in prefixes), None)
        if owner is not None:
            owners.append(owner)
            records.append(record)
            missing = record.geometry is None or record.geometry.isNull()
            wkbs.append(None if missing else bytes(record.geometry.asWkb()))
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.empty(0, dtype=object)
    if to_package is not None and len(geoms):
        geoms = shapely.transform(geoms, lambda xy: np.column_stack(to_package.transform(xy[:, 0], xy[:, 1])))
    for owner, record, geom in zip(owners, records, geoms):
        packages[owner].cases.append((record, geom, _sent_back_note(workspace, record)))


def _sent_back_note(workspace, record) -> str:
    """What the reviewer asked for when the case was last sent back (or reopened)."""
    if record.status != case_rules.RETURNED:
        return ""
    events = [e for e in workspace.cases.events(record.case_id) if e.to_status == case_rules.RETURNED]
    return events[-1].note if events else ""


def read_periods(source: Optional[QgsFeatureSource], today: date, context, feedback) -> Periods:
    """Per cell code, the patrol period containing ``today``, else the latest one."""
    if source is None:
        return Periods({})
    names = ["grid_code", "frequency", "period_start", "period_end", "status", "status_label"]
    table = read_columns(source, [n for n in names if source.fields().lookupField(n) >= 0], context, feedback, geometry=False)
    column = table.columns
    best: Dict[str, tuple] = {}
    for k in range(len(table)):
        code = str(column["grid_code"][k] or "")
        start, end = (_as_date(column.get(n, [None] * len(table))[k]) for n in ("period_start", "period_end"))
        if not code or start is None:
            continue
        current = end is not None and start <= today <= end
        key = (current, start)
        row = tuple(column.get(n, [None] * len(table))[k] for n in ("frequency", "status", "status_label"))
        if code not in best or key > best[code][0]:
            best[code] = (key, (row[0], start, end, row[1], row[2]))
    return Periods({code: value for code, (_, value) in best.items()})


def _as_date(value) -> Optional[date]:
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def default_frequency(level: int) -> str:
    return DEFAULT_FREQUENCIES.get(int(level), DEFAULT_FREQUENCIES[LEVEL_GROUP])
