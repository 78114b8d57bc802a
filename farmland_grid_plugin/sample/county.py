"""A deterministic sample county for tests, demos and benchmarks.

``generate_county`` writes what a county bureau has on its disks (DESIGN.md §2): a DLTB
parcel layer, permanent basic farmland, change patches and village boundaries in one
GeoPackage, a roster and a target table as CSV, GPX patrol tracks and geotagged photos.
The same configuration always gives the same attributes and geometries.

Parcels are interior cells of a Voronoi diagram of jittered grid seeds: every cell is
built from circumcentres shared with its neighbours, so the parcels form an exact
coverage as long as no cell is clipped. One affine stretch of all coordinates turns the
cells into field strips without breaking that, because identical coordinates map to
identical coordinates.
"""

import csv
import json
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pyproj
import shapely
from osgeo import gdal, ogr, osr
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from ..domain.area import SQM_PER_MU, EllipsoidalArea
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, LAND_CLASS_NAMES
from ..domain.unitcode import (
    LEVEL_COUNTY,
    LEVEL_GROUP,
    LEVEL_TOWNSHIP,
    LEVEL_VILLAGE,
    validate_unit_code,
)

COUNTY_NAME = "示范县"
CENTRE_LONLAT = (117.2, 38.3)

MEAN_PARCEL_AREA = 3000.0  # m²
DROP_SHARE = 0.12  # grid seeds left out, so that some neighbours merge into larger parcels
JITTER = 0.42  # seed jitter as a share of the grid spacing
STRETCH = 1.6  # field strips: cells get STRETCH² times longer than wide
LLOYD_ROUNDS = 4
MIN_PARCELS_PER_CELL = 4

CLASS_SHARES = {
    "0101": 0.20,
    "0102": 0.15,
    "0103": 0.35,
    "0201": 0.03,
    "0201K": 0.02,
    "0301": 0.04,
    "0404": 0.03,
    "0702": 0.07,
    "1003": 0.02,
    "1006": 0.04,
    "1101": 0.02,
    "1104": 0.02,
    "1202": 0.01,
}
PBF_SHARE = 0.8
MAX_RIDGE_PERCENT = 15

# Classes after change: construction (非农化), other agricultural use (非粮化), or still dry land.
CHANGE_CLASSES = {
    "0702": 0.14,
    "1003": 0.08,
    "0601": 0.14,
    "0201": 0.10,
    "0301": 0.10,
    "1104": 0.10,
    "0404": 0.06,
    "0103": 0.18,
}
CHANGE_AREA_RANGE = (300.0, 15000.0)  # m²
LEGALITY = {"合法": 0.4, "违法": 0.35, "": 0.25}
FIRST_DETECTION = date(2026, 3, 1)
DETECTION_DAYS = 245

CHINA_TIME = timezone(timedelta(hours=8))  # Asia/Shanghai has had no daylight saving since 1991
FIRST_PATROL_MONDAY = date(2026, 1, 5)
PATROL_INTERVAL_S = 15
PATROL_BAND = 150.0  # m; patrollers sweep their fields in east-west bands of this width
GPX_NS = "http://www.topografix.com/GPX/1/1"

# Fixed creation time recorded by the GPKG driver, so that reruns give the same file.
GPKG_DATE = "2026-01-01T00:00:00.000Z"

TOWNSHIP_NAMES = (
    "城关镇 东风乡 红旗镇 新华乡 胜利镇 前进乡 永安镇 太平乡 长乐镇 兴隆乡 和平镇 富强乡 石门镇 柳林乡 "
    "白沙镇 青龙乡 黄土镇 高桥乡 马坊镇 南董镇 北苏乡 西阳镇 东庄乡 三合镇 双河乡 大营镇 小店乡 新城镇 "
    "古城乡 龙泉镇 金沙乡 杨柳镇 槐树乡 桃园镇 杏林乡 梨园镇 枣林乡 临河镇 沙河乡 清水镇"
).split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN_NAME_CHARS = "建国华明丽秀英军伟芳强磊洋勇艳杰娟涛敏超霞平刚桂兰志红海玉春德福荣庆文俊静凤云"
VILLAGE_PREFIXES = ("", "东", "西", "南", "北", "前", "后", "大", "小")  # none of these is a surname
VILLAGE_SUFFIXES = ("家庄", "庄", "屯", "营", "堡", "寨", "店", "家洼", "家坊", "官庄", "辛庄", "家屯")
PHONE_PREFIXES = ("13", "15", "18")
CAMERAS = (("HUAWEI", "ALN-AL00"), ("Xiaomi", "23127PN0CC"), ("OPPO", "PHZ110"), ("vivo", "V2309A"))

ROLE_CHIEF = "总责任人"
ROLE_DEPUTY = "副总责任人"
ROLE_RESPONSIBLE = "责任人"
ROLE_FIELD_KEEPER = "田管员"
DEPUTY_SHARE = 0.3


@dataclass(frozen=True)
class CountyConfig:
    townships: int = 9
    villages: int = 10  # per township; the last village of every township has no villager groups
    groups: int = 8  # per village that has groups
    parcels: int = 6000  # approximate total number of DLTB parcels
    seed: int = 20261123
    epsg: int = 4527  # CGCS2000 / 3-degree Gauss-Kruger zone 39
    county_code: str = "130123"
    photos: int = 12
    track_townships: int = 1  # townships whose groups get GPX patrol tracks
    track_weeks: int = 4
    changes: int = 0  # change patches; 0: one per hundred parcels, at least 20


@dataclass(frozen=True)
class SampleCounty:
    directory: Path
    gpkg: Path
    roster_csv: Path
    targets_csv: Path
    gpx_dir: Path
    photo_dir: Path
    crs_epsg: int
    parcels_layer: str = "dltb"
    pbf_layer: str = "jbnt"
    changes_layer: str = "bhtb"
    boundaries_layer: str = "cjdcq"

    def uri(self, layer):
        """The QGIS/OGR source string of a layer of the GeoPackage."""
        return f"{self.gpkg}|layername={layer}"


@dataclass
class _Units:
    """The hierarchy below the county. Villages and bottom cells are numbered township by township."""

    township_codes: list
    township_names: list
    village_township: np.ndarray
    village_codes: list
    village_names: list
    cell_village: np.ndarray
    cell_numbers: np.ndarray  # group number, 0 for the cell of a village without groups
    cell_names: list  # ZLDWMC: village name + group name


def generate_county(out_dir, config=CountyConfig()):
    """Write the sample county into ``out_dir``, replacing earlier outputs, and describe it."""
    _check_config(config)
    directory = Path(out_dir)
    county = SampleCounty(
        directory=directory,
        gpkg=directory / "county.gpkg",
        roster_csv=directory / "roster.csv",
        targets_csv=directory / "targets.csv",
        gpx_dir=directory / "gpx",
        photo_dir=directory / "photos",
        crs_epsg=config.epsg,
    )
    _clear(county)
    # Independent streams, so that e.g. more photos leave the parcels unchanged.
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(config.seed).spawn(8)]
    rng_shape, rng_units, rng_attrs, rng_changes, rng_people, rng_targets, rng_tracks, rng_photos = rngs

    crs = pyproj.CRS.from_epsg(config.epsg)
    to_local = pyproj.Transformer.from_crs(crs.geodetic_crs, crs, always_xy=True)
    origin = np.round(to_local.transform(*CENTRE_LONLAT))
    cells, seeds = _coverage(config.parcels, rng_shape, origin)
    cells, seeds, edges = _connected(cells, seeds)

    one_county = np.zeros(len(seeds), dtype=int)
    township = _partition(seeds, edges, one_county, np.array([config.townships]), rng_units)
    village = _partition(seeds, edges, township, np.full(config.townships, config.villages), rng_units)
    groupless = np.arange(config.townships * config.villages) % config.villages == config.villages - 1
    cell = _partition(seeds, edges, village, np.where(groupless, 1, config.groups), rng_units)
    units = _name_units(config, groupless, rng_units)

    # Parcels in code order, north to south within a villager group.
    order = np.lexsort((seeds[:, 0], -seeds[:, 1], cell))
    cells, seeds, cell = cells[order], seeds[order], cell[order]
    village = units.cell_village[cell]
    parcels = _parcel_attributes(config, cells, cell, village, units, crs, rng_attrs)
    pbf = _pbf_attributes(parcels, village, rng_attrs)
    changes = _changes(config, cells, seeds + origin, parcels, crs, rng_changes)
    boundaries = _village_boundaries(cells, village, units)

    layers = (
        (county.parcels_layer, parcels),
        (county.pbf_layer, pbf),
        (county.changes_layer, changes),
        (county.boundaries_layer, boundaries),
    )
    _write_gpkg(county.gpkg, config.epsg, layers)
    field_keepers = _write_roster(county.roster_csv, config, units, rng_people)
    _write_targets(county.targets_csv, config, units, parcels, pbf, village, rng_targets)
    to_lonlat = pyproj.Transformer.from_crs(crs, "EPSG:4490", always_xy=True)
    _write_tracks(county.gpx_dir, config, units, cell, parcels, field_keepers, to_lonlat, rng_tracks)
    _write_photos(county.photo_dir, config, changes, to_lonlat, rng_photos)
    return county


def _check_config(config):
    if len(config.county_code) != 6:
        raise ValueError(f"county_code must have 6 digits, got {config.county_code!r}")
    validate_unit_code(config.county_code + "001001")
    if not 1 <= config.townships <= len(TOWNSHIP_NAMES):
        raise ValueError(f"townships must be between 1 and {len(TOWNSHIP_NAMES)}")
    if not 1 <= config.villages <= 999 or not 1 <= config.groups <= 99:
        raise ValueError("villages must be between 1 and 999 and groups between 1 and 99")
    if config.townships * config.villages > len(VILLAGE_PREFIXES) * len(SURNAMES) * len(VILLAGE_SUFFIXES):
        raise ValueError("too many villages for distinct village names")
    cells = config.townships * ((config.villages - 1) * config.groups + 1)
    minimum = MIN_PARCELS_PER_CELL * cells
    if config.parcels < minimum:
        raise ValueError(f"{config.parcels} parcels are too few for {cells} bottom grid cells; use {minimum} or more")
    if min(config.photos, config.track_townships, config.track_weeks) < 0:
        raise ValueError("photos, track_townships and track_weeks cannot be negative")


def _clear(county):
    """Remove the outputs of an earlier run; other files in the directory stay."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{county.gpkg}{suffix}").unlink(missing_ok=True)
    county.roster_csv.unlink(missing_ok=True)
    county.targets_csv.unlink(missing_ok=True)
    for pattern, folder in (("patrol_*.gpx", county.gpx_dir), ("IMG_*.jpg", county.photo_dir)):
        for path in folder.glob(pattern):
            path.unlink()
    (county.photo_dir / "manifest.json").unlink(missing_ok=True)
    for folder in (county.directory, county.gpx_dir, county.photo_dir):
        folder.mkdir(parents=True, exist_ok=True)


# --- geometry ---------------------------------------------------------------------------


def _coverage(parcels, rng, origin):
    """Parcel polygons (absolute CRS coordinates) and one interior point per parcel (local metres).

    The county outline is a wobbly, rotated ellipse of about ``parcels × MEAN_PARCEL_AREA``.
    Seeds are jittered on a grid in an unstretched frame; the Voronoi diagram is built there
    and then mapped by ``forward`` into the county.
    """
    harmonics = np.arange(2, 6)
    amplitude = rng.uniform(0.03, 0.08, harmonics.size)
    phase = rng.uniform(0, 2 * np.pi, harmonics.size)
    elongation = rng.uniform(1.1, 1.35)
    outline_angle = rng.uniform(0, np.pi)
    radius = math.sqrt(parcels * MEAN_PARCEL_AREA / (np.pi * (1 + 0.5 * np.sum(amplitude**2))))

    def outline_ratio(points):
        """Distance from the centre relative to the outline's radius in that direction (< 1 inside)."""
        c, s = math.cos(outline_angle), math.sin(outline_angle)
        u = (c * points[:, 0] + s * points[:, 1]) / elongation
        v = (c * points[:, 1] - s * points[:, 0]) * elongation
        theta = np.arctan2(v, u)
        wobble = 1 + np.sum(amplitude * np.cos(np.outer(theta, harmonics) + phase), axis=1)
        return np.hypot(u, v) / (radius * wobble)

    field_angle = rng.uniform(0, np.pi)
    c, s = math.cos(field_angle), math.sin(field_angle)
    forward = np.array([[c, -s], [s, c]]) @ np.diag([STRETCH, 1 / STRETCH])
    spacing = math.sqrt(MEAN_PARCEL_AREA * (1 - DROP_SHARE))
    # A few rows of seeds outside the outline keep the cells of the inside seeds bounded.
    margin = 6 * spacing * STRETCH * elongation
    half = radius * (1 + amplitude.sum()) * elongation + margin
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half @ np.linalg.inv(forward).T
    low, high = corners.min(axis=0), corners.max(axis=0)
    gx, gy = np.meshgrid(np.arange(low[0], high[0], spacing), np.arange(low[1], high[1], spacing))
    sites = np.column_stack([gx.ravel(), gy.ravel()])
    sites += rng.uniform(-JITTER, JITTER, sites.shape) * spacing
    sites = sites[rng.random(len(sites)) >= DROP_SHARE]

    def stretch(xy, offset=(0.0, 0.0)):
        # Element-wise arithmetic rather than a matrix product: BLAS kernels may round rows
        # differently depending on their position, which would unmatch shared vertices.
        x = (forward[0, 0] * xy[:, 0] + forward[0, 1] * xy[:, 1]) + offset[0]
        y = (forward[1, 0] * xy[:, 0] + forward[1, 1] * xy[:, 1]) + offset[1]
        return np.column_stack([x, y])

    ratio = outline_ratio(stretch(sites))
    sites = sites[ratio < 1 + margin / radius]
    inside = ratio[ratio < 1 + margin / radius] < 1
    diagram = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites), ordered=True))
    # Cells reaching the diagram's envelope were clipped by GEOS: they are outside seeds anyway.
    bounds = shapely.bounds(diagram)
    envelope = shapely.total_bounds(diagram)
    clipped = (bounds[:, :2] <= envelope[:2]).any(axis=1) | (bounds[:, 2:] >= envelope[2:]).any(axis=1)
    keep = inside & ~clipped
    cells = shapely.transform(diagram[keep], lambda xy: stretch(xy, origin))
    return cells, stretch(sites[keep])


def _connected(cells, seeds):
    """Keep the largest set of edge-connected parcels; also return the parcel pairs sharing an edge.

    Neighbours share identical vertices, so an edge of one parcel is found in its neighbour
    by exact comparison of the endpoint coordinates.
    """
    coords, owner = shapely.get_coordinates(shapely.get_exterior_ring(cells), return_index=True)
    same_ring = owner[1:] == owner[:-1]
    start, end, owner = coords[:-1][same_ring], coords[1:][same_ring], owner[:-1][same_ring]
    flip = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    key = np.where(flip[:, None], np.hstack([end, start]), np.hstack([start, end]))
    order = np.lexsort(key.T[::-1])
    key, owner = key[order], owner[order]
    twin = (key[1:] == key[:-1]).all(axis=1)
    edges = np.column_stack([owner[:-1][twin], owner[1:][twin]])
    n = len(cells)
    graph = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    labels = connected_components(graph, directed=False)[1]
    keep = labels == np.argmax(np.bincount(labels))
    new_index = np.cumsum(keep) - 1
    edges = new_index[edges[keep[edges].all(axis=1)]]
    return cells[keep], seeds[keep], edges


def _partition(points, edges, parent, counts, rng):
    """Split each parent's points into ``counts[parent]`` connected, non-empty regions.

    Seeds are placed by a few Lloyd rounds on nearest-seed regions (shifting each parent's
    points far apart along x lets one KD-tree serve all parents at once). Regions are then
    grown from the seeds along shared parcel edges that stay inside the parent: every point
    goes to the seed with the shortest path, which keeps each region in one piece, unlike
    plain nearest-seed regions on an irregular coverage. Seeds are points themselves, so every
    region holds at least its seed. Returns the region index of every point; regions are
    numbered parent by parent, north to south within a parent.
    """
    span = np.ptp(points, axis=0).max() + 1.0
    shifted = points.copy()
    shifted[:, 0] += parent * (3.0 * span)
    order = np.lexsort((rng.random(len(points)), parent))
    sorted_parent = parent[order]
    first = np.searchsorted(sorted_parent, np.arange(len(counts)))
    rank = np.arange(len(points)) - first[sorted_parent]
    seeds = order[rank < counts[sorted_parent]]
    if len(seeds) != counts.sum():
        raise ValueError("too few parcels to give every grid cell its own parcels")
    points_tree = cKDTree(shifted)
    for _ in range(LLOYD_ROUNDS):
        region = cKDTree(shifted[seeds]).query(shifted)[1]
        size = np.bincount(region, minlength=len(seeds))
        centre = np.column_stack([np.bincount(region, w, minlength=len(seeds)) for w in shifted.T]) / size[:, None]
        moved = points_tree.query(centre)[1]
        if len(np.unique(moved)) < len(moved):  # two seeds on one point would leave a region empty
            break
        seeds = moved
    seeds = seeds[np.lexsort((points[seeds, 0], -points[seeds, 1], parent[seeds]))]
    inner = edges[parent[edges[:, 0]] == parent[edges[:, 1]]]
    length = np.hypot(*(points[inner[:, 0]] - points[inner[:, 1]]).T)
    graph = csr_matrix((length, (inner[:, 0], inner[:, 1])), shape=(len(points), len(points)))
    _, _, source = dijkstra(graph, directed=False, indices=seeds, return_predecessors=True, min_only=True)
    if (source < 0).any():
        raise RuntimeError("a parent region is not connected")
    region_of_seed = np.empty(len(points), dtype=int)
    region_of_seed[seeds] = np.arange(len(seeds))
    return region_of_seed[source]


def _as_multipolygons(geoms):
    parts, index = shapely.get_parts(geoms, return_index=True)
    return shapely.multipolygons(parts, indices=index)


# --- attributes -------------------------------------------------------------------------


def _chinese_number(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (1–99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def _person(rng):
    given = rng.choice(list(GIVEN_NAME_CHARS), size=rng.integers(1, 3))
    return SURNAMES[rng.integers(len(SURNAMES))] + "".join(given)


def _phone(rng):
    return PHONE_PREFIXES[rng.integers(len(PHONE_PREFIXES))] + "".join(map(str, rng.integers(0, 10, 9)))


def _name_units(config, groupless, rng):
    county = config.county_code
    others = rng.choice(len(TOWNSHIP_NAMES) - 1, size=config.townships - 1, replace=False) + 1
    township_names = [TOWNSHIP_NAMES[0]] + [TOWNSHIP_NAMES[i] for i in others]
    township_codes = [f"{county}{t + 1:03d}" for t in range(config.townships)]

    n_villages = config.townships * config.villages
    village_township = np.arange(n_villages) // config.villages
    village_codes = [f"{township_codes[t]}{v % config.villages + 1:03d}" for v, t in enumerate(village_township)]
    picks = rng.choice(len(VILLAGE_PREFIXES) * len(SURNAMES) * len(VILLAGE_SUFFIXES), n_villages, replace=False)
    prefix, rest = np.divmod(picks, len(SURNAMES) * len(VILLAGE_SUFFIXES))
    surname, suffix = np.divmod(rest, len(VILLAGE_SUFFIXES))
    village_names = [VILLAGE_PREFIXES[p] + SURNAMES[s] + VILLAGE_SUFFIXES[x] + "村" for p, s, x in zip(prefix, surname, suffix)]

    per_village = np.where(groupless, 1, config.groups)
    cell_village = np.repeat(np.arange(n_villages), per_village)
    cell_numbers = np.arange(len(cell_village)) - np.repeat(np.cumsum(per_village) - per_village, per_village) + 1
    cell_numbers[groupless[cell_village]] = 0
    group_names = [f"{_chinese_number(g)}组" if g else "" for g in cell_numbers]
    cell_names = [village_names[v] + group for v, group in zip(cell_village, group_names)]
    return _Units(
        township_codes=township_codes,
        township_names=township_names,
        village_township=village_township,
        village_codes=village_codes,
        village_names=village_names,
        cell_village=cell_village,
        cell_numbers=cell_numbers,
        cell_names=cell_names,
    )


def _location_codes(units):
    """ZLDWDM of every bottom cell: village code, 3-digit group (000 without groups), 0000."""
    return [f"{units.village_codes[v]}{g:03d}0000" for v, g in zip(units.cell_village, units.cell_numbers)]


def _cell_codes(units):
    """Grid code of every bottom cell: 15-digit group code, or the 12-digit village code without groups."""
    return [
        f"{units.village_codes[v]}{g:03d}" if g else units.village_codes[v]
        for v, g in zip(units.cell_village, units.cell_numbers)
    ]


def _serial_within(sorted_keys):
    """1-based serial of every element within its run of equal keys."""
    new_run = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    starts = np.flatnonzero(new_run)
    return np.arange(len(sorted_keys)) - starts[np.cumsum(new_run) - 1] + 1


def _parcel_attributes(config, cells, cell, village, units, crs, rng):
    n = len(cells)
    shares = np.array(list(CLASS_SHARES.values()))
    dlbm = rng.choice(np.array(list(CLASS_SHARES)), size=n, p=shares / shares.sum())
    classes, class_index = np.unique(dlbm, return_inverse=True)
    farmland = np.isin(dlbm, DEFAULT_FARMLAND_CLASSES)
    tbmj = np.round(EllipsoidalArea(crs.to_wkt()).areas(cells), 2)
    kcxs = np.where(farmland, rng.integers(0, MAX_RIDGE_PERCENT + 1, n) / 100, 0.0)
    kcmj = np.round(tbmj * kcxs, 2)
    location = np.array(_location_codes(units), dtype=object)[cell]
    names = np.array(units.cell_names, dtype=object)[cell]
    return {
        "geometry": cells,
        "farmland": farmland,
        "columns": {
            "BSM": [f"{config.county_code}{i + 1:012d}" for i in range(n)],
            "TBBH": _serial_within(village).astype(str),
            "DLBM": dlbm,
            "DLMC": np.array([LAND_CLASS_NAMES[c] for c in classes], dtype=object)[class_index],
            "QSDWDM": location,
            "QSDWMC": names,
            "ZLDWDM": location,
            "ZLDWMC": names,
            "TBMJ": tbmj,
            "KCXS": kcxs,
            "KCMJ": kcmj,
            "TBDLMJ": np.round(tbmj - kcmj, 2),
        },
    }


def _pbf_attributes(parcels, village, rng):
    """Permanent basic farmland: copies of most farmland parcels, keyed by the parcel's BSM."""
    chosen = np.flatnonzero(parcels["farmland"] & (rng.random(len(village)) < PBF_SHARE))
    columns = parcels["columns"]
    return {
        "index": chosen,
        "geometry": parcels["geometry"][chosen],
        "columns": {
            "BSM": [columns["BSM"][i] for i in chosen],
            "JBNTTBBH": _serial_within(village[chosen]).astype(str),
            "DLBM": columns["DLBM"][chosen],
            "ZLDWDM": columns["ZLDWDM"][chosen],
            "TBMJ": columns["TBMJ"][chosen],
            "JBNTMJ": columns["TBDLMJ"][chosen],
        },
    }


def _changes(config, cells, interior, parcels, crs, rng):
    """Change patches: jittered hexagons around interior points of random, mostly farmland, parcels."""
    count = config.changes or max(20, config.parcels // 100)
    weight = np.where(parcels["farmland"], 4.0, 1.0)
    centre_parcel = np.sort(rng.choice(len(cells), size=min(count, len(cells)), replace=False, p=weight / weight.sum()))
    m = len(centre_parcel)
    low, high = np.log(CHANGE_AREA_RANGE)
    target = np.exp(rng.uniform(low, high, m))
    angles = np.arange(6) * np.pi / 3 + rng.uniform(0, np.pi / 3, (m, 1)) + rng.uniform(-0.2, 0.2, (m, 6))
    radii = rng.uniform(0.75, 1.25, (m, 6))
    x, y = radii * np.cos(angles), radii * np.sin(angles)
    unit_area = 0.5 * np.abs(np.sum(x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y, axis=1))
    scale = np.sqrt(target / unit_area)[:, None]
    ring = np.stack([x * scale, y * scale], axis=-1) + interior[centre_parcel, None, :]
    geoms = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
    columns = parcels["columns"]
    after_codes = list(CHANGE_CLASSES)
    after_p = np.array(list(CHANGE_CLASSES.values()))
    legality = list(LEGALITY)
    legality_p = np.array(list(LEGALITY.values()))
    first_day = np.datetime64(FIRST_DETECTION.isoformat())
    return {
        "geometry": geoms,
        "columns": {
            "JCBH": [f"{config.county_code}{FIRST_DETECTION.year}{i + 1:06d}" for i in range(m)],
            "QDLBM": columns["DLBM"][centre_parcel],
            "HDLBM": np.array(after_codes)[rng.choice(len(after_codes), m, p=after_p / after_p.sum())],
            "JCMJ": np.round(EllipsoidalArea(crs.to_wkt()).areas(geoms), 2),
            "HFPD": np.array(legality)[rng.choice(len(legality), m, p=legality_p / legality_p.sum())],
            "JCSJ": np.datetime_as_string(first_day + rng.integers(0, DETECTION_DAYS, m), unit="D"),
        },
    }


def _village_boundaries(cells, village, units):
    """One boundary per village: the coverage union of its parcels (contiguous after sorting)."""
    n = len(units.village_codes)
    first = np.searchsorted(village, np.arange(n + 1))
    geoms = np.array([shapely.coverage_union_all(cells[first[v] : first[v + 1]]) for v in range(n)])
    return {
        "geometry": geoms,
        "columns": {
            "ZLDWDM": [f"{code}0000000" for code in units.village_codes],
            "ZLDWMC": units.village_names,
        },
    }


# --- writers ----------------------------------------------------------------------------


def _write_gpkg(path, epsg, layers):
    srs = osr.SpatialReference()
    if srs.ImportFromEPSG(epsg) != 0:
        raise RuntimeError(f"GDAL does not know EPSG:{epsg}; is PROJ_DATA set?")
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    previous_date = gdal.GetThreadLocalConfigOption("OGR_CURRENT_DATE", None)
    gdal.SetThreadLocalConfigOption("OGR_CURRENT_DATE", GPKG_DATE)
    try:
        _write_dataset(path, srs, layers)
    finally:
        gdal.SetThreadLocalConfigOption("OGR_CURRENT_DATE", previous_date)


def _write_dataset(path, srs, layers):
    """Write all layers; the GeoPackage is finished (spatial indexes built) when this returns."""
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    if dataset is None:
        raise RuntimeError(f"Cannot create {path}: {gdal.GetLastErrorMsg()}")
    for name, content in layers:
        _write_layer(dataset, name, srs, content)


def _write_layer(dataset, name, srs, content):
    layer = dataset.CreateLayer(name, srs, ogr.wkbMultiPolygon, options=["FID=fid", "GEOMETRY_NAME=geom"])
    if layer is None:
        raise RuntimeError(f"Cannot create layer {name}: {gdal.GetLastErrorMsg()}")
    values = []
    for field, column in content["columns"].items():
        column = np.asarray(column)
        real = column.dtype.kind == "f"
        layer.CreateField(ogr.FieldDefn(field, ogr.OFTReal if real else ogr.OFTString))
        values.append(column.tolist() if real else [str(v) for v in column])
    definition = layer.GetLayerDefn()
    wkbs = shapely.to_wkb(_as_multipolygons(content["geometry"]), output_dimension=2)
    if dataset.StartTransaction() != 0:
        raise RuntimeError(f"Cannot start a transaction on {name}")
    for row, wkb in zip(zip(*values), wkbs):
        feature = ogr.Feature(definition)
        for i, value in enumerate(row):
            feature.SetField(i, value)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        if layer.CreateFeature(feature) != 0:
            raise RuntimeError(f"Cannot write to layer {name}: {gdal.GetLastErrorMsg()}")
    if dataset.CommitTransaction() != 0:
        raise RuntimeError(f"Cannot commit layer {name}: {gdal.GetLastErrorMsg()}")


def _write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _write_roster(path, config, units, rng):
    """Responsible persons of every cell; returns bottom-cell grid code → 田管员 name."""
    rows = []

    def add(code, name, level, role):
        person = _person(rng)
        rows.append((code, name, level, person, role, _phone(rng)))
        return person

    for role in (ROLE_CHIEF, ROLE_RESPONSIBLE):
        add(config.county_code, COUNTY_NAME, LEVEL_COUNTY, role)
    cell_codes = _cell_codes(units)
    field_keepers = {}
    for t, (t_code, t_name) in enumerate(zip(units.township_codes, units.township_names)):
        for role in (ROLE_CHIEF, ROLE_RESPONSIBLE):
            add(t_code, t_name, LEVEL_TOWNSHIP, role)
        for v in np.flatnonzero(units.village_township == t):
            v_code, v_name = units.village_codes[v], units.village_names[v]
            add(v_code, v_name, LEVEL_VILLAGE, ROLE_RESPONSIBLE)
            if rng.random() < DEPUTY_SHARE:
                add(v_code, v_name, LEVEL_VILLAGE, ROLE_DEPUTY)
            for c in np.flatnonzero(units.cell_village == v):
                # A village without groups is its own bottom cell and has the field keeper itself.
                level = LEVEL_GROUP if units.cell_numbers[c] else LEVEL_VILLAGE
                field_keepers[cell_codes[c]] = add(cell_codes[c], units.cell_names[c], level, ROLE_FIELD_KEEPER)
    _write_csv(path, ("unit_code", "unit_name", "level", "person", "role", "phone"), rows)
    return field_keepers


def _write_targets(path, config, units, parcels, pbf, village, rng):
    columns = parcels["columns"]
    township = units.village_township[village]
    farmland = parcels["farmland"]
    n = config.townships
    farmland_mu = np.bincount(township[farmland], columns["TBDLMJ"][farmland], minlength=n) / SQM_PER_MU
    pbf_mu = np.bincount(township[pbf["index"]], pbf["columns"]["JBNTMJ"], minlength=n) / SQM_PER_MU
    codes = [config.county_code, *units.township_codes]
    names = [COUNTY_NAME, *units.township_names]
    actual = np.column_stack([np.r_[farmland_mu.sum(), farmland_mu], np.r_[pbf_mu.sum(), pbf_mu]])
    targets = actual * rng.uniform(0.97, 1.03, actual.shape)
    rows = [(c, m, f"{f:.2f}", f"{p:.2f}") for c, m, (f, p) in zip(codes, names, targets)]
    _write_csv(path, ("unit_code", "unit_name", "farmland_target_mu", "pbf_target_mu"), rows)


def _patrol_path(fields, rng):
    """Positions every PATROL_INTERVAL_S seconds of a walk from a roadside start through the fields and back."""
    band = np.floor((fields[:, 1] - fields[:, 1].min()) / PATROL_BAND)
    serpentine = np.where(band % 2 == 0, fields[:, 0], -fields[:, 0])
    ordered = fields[np.lexsort((serpentine, band))]
    heading = rng.uniform(0, 2 * np.pi)
    start = ordered[0] + 40.0 * np.array([np.cos(heading), np.sin(heading)])
    path = np.vstack([start, ordered, start])
    walked = np.r_[0.0, np.cumsum(np.hypot(*np.diff(path, axis=0).T))]
    step = rng.uniform(1.0, 1.4) * PATROL_INTERVAL_S  # walking speed in m/s
    at = np.r_[np.arange(0.0, walked[-1], step), walked[-1]]
    xy = np.column_stack([np.interp(at, walked, path[:, 0]), np.interp(at, walked, path[:, 1])])
    return xy + rng.normal(0.0, 2.0, xy.shape)  # GPS noise


def _write_tracks(directory, config, units, cell, parcels, field_keepers, to_lonlat, rng):
    """One GPX file per tracked township and week, one track per bottom-cell patrol."""
    centroids = shapely.get_coordinates(shapely.centroid(parcels["geometry"]))
    first = np.searchsorted(cell, np.arange(len(units.cell_names) + 1))
    cell_codes = _cell_codes(units)
    cell_township = units.village_township[units.cell_village]
    for t in range(min(config.track_townships, config.townships)):
        for week in range(config.track_weeks):
            monday = FIRST_PATROL_MONDAY + timedelta(weeks=week)
            root = ElementTree.Element("gpx", xmlns=GPX_NS, version="1.1", creator="farmland_grid_plugin sample")
            metadata = ElementTree.SubElement(root, "metadata")
            ElementTree.SubElement(metadata, "name").text = f"{units.township_names[t]} {monday} 巡田"
            for c in np.flatnonzero(cell_township == t):
                members = np.arange(first[c], first[c + 1])
                fields = members[parcels["farmland"][members]]
                xy = _patrol_path(centroids[fields if len(fields) else members], rng)
                local_start = np.datetime64(monday.isoformat()) + np.timedelta64(int(rng.integers(7)), "D")
                local_start += np.timedelta64(7 * 3600 + 1800 + int(rng.integers(0, 9000)), "s")
                utc = local_start - np.timedelta64(8, "h") + np.arange(len(xy)) * PATROL_INTERVAL_S
                times = np.char.add(np.datetime_as_string(utc, unit="s"), "Z")
                lon, lat = to_lonlat.transform(xy[:, 0], xy[:, 1])
                ele = 58.0 + 4.0 * np.sin(xy[:, 0] / 900.0) + 3.0 * np.cos(xy[:, 1] / 700.0)
                ele += rng.normal(0.0, 0.8, len(xy))
                track = ElementTree.SubElement(root, "trk")
                ElementTree.SubElement(track, "name").text = cell_codes[c]
                ElementTree.SubElement(track, "desc").text = field_keepers[cell_codes[c]]
                segment = ElementTree.SubElement(track, "trkseg")
                for x, y, z, when in zip(lon.tolist(), lat.tolist(), ele.tolist(), times.tolist()):
                    point = ElementTree.SubElement(segment, "trkpt", lat=f"{y:.8f}", lon=f"{x:.8f}")
                    ElementTree.SubElement(point, "ele").text = f"{z:.1f}"
                    ElementTree.SubElement(point, "time").text = when
            path = directory / f"patrol_{units.township_codes[t]}_{monday.isoformat()}.gpx"
            ElementTree.indent(root)
            ElementTree.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)


def _dms(value):
    """Degrees as EXIF (degrees, minutes, seconds), seconds to 1e-4″ with exact integer steps."""
    units = round(abs(value) * 36_000_000)
    degrees, rest = divmod(units, 36_000_000)
    minutes, seconds = divmod(rest, 600_000)
    return (float(degrees), float(minutes), seconds / 10_000)


def _photo_image(index, jcbh):
    """A 320×240 'field' picture: sky and crop gradients tinted per photo, labelled."""
    from PIL import Image, ImageDraw  # Pillow is only needed here

    rows = np.linspace(0.0, 1.0, 240)[:, None, None]
    cols = np.linspace(0.0, 1.0, 320)[None, :, None]
    tint = (index * 37) % 60
    sky = np.array([120 + tint, 170, 235]) - 60 * rows
    crop = np.array([70 + tint, 150 - 40 * (index % 2), 50]) + 50 * rows - 20 * cols
    pixels = np.where(rows < 0.4, sky, crop)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 200, 44), fill=(255, 255, 255))
    draw.text((14, 12), f"IMG {index + 1:04d}", fill=(0, 0, 0))
    draw.text((14, 28), f"JCBH {jcbh}", fill=(0, 0, 0))
    return image


def _write_photos(directory, config, changes, to_lonlat, rng):
    """Geotagged JPEGs taken at change-patch centroids some days after detection, with a manifest."""
    from PIL import Image

    n = config.photos
    geoms = changes["geometry"]
    picks = np.sort(rng.choice(len(geoms), size=n, replace=n > len(geoms)))
    centre = shapely.get_coordinates(shapely.centroid(geoms[picks]))
    lon, lat = to_lonlat.transform(centre[:, 0], centre[:, 1])
    altitude = np.round(rng.uniform(50.0, 70.0, n), 1)
    direction = np.round(rng.uniform(0.0, 360.0, n), 2) % 360
    delay = rng.integers(3, 31, n) * 86400 + rng.integers(8 * 3600 + 1800, 17 * 3600 + 1800, n)
    cameras = rng.integers(len(CAMERAS), size=n)
    manifest = []
    for i, p in enumerate(picks):
        jcbh = changes["columns"]["JCBH"][p]
        detected = date.fromisoformat(str(changes["columns"]["JCSJ"][p]))
        taken = datetime.combine(detected, datetime.min.time(), CHINA_TIME) + timedelta(seconds=int(delay[i]))
        utc = taken.astimezone(timezone.utc)
        la, lo = round(float(lat[i]), 8), round(float(lon[i]), 8)
        make, model = CAMERAS[cameras[i]]
        exif = Image.Exif()
        exif[0x010F] = make
        exif[0x0110] = model
        exif[0x8769] = {0x9003: taken.strftime("%Y:%m:%d %H:%M:%S"), 0x9011: "+08:00"}  # DateTimeOriginal
        exif[0x8825] = {
            0: b"\x02\x03\x00\x00",  # GPSVersionID
            1: "N" if la >= 0 else "S",
            2: _dms(la),
            3: "E" if lo >= 0 else "W",
            4: _dms(lo),
            5: b"\x00",  # above sea level
            6: float(altitude[i]),
            7: (float(utc.hour), float(utc.minute), float(utc.second)),
            16: "T",
            17: float(direction[i]),
            29: utc.strftime("%Y:%m:%d"),
        }
        name = f"IMG_{i + 1:04d}.jpg"
        _photo_image(i, jcbh).save(directory / name, "JPEG", quality=85, exif=exif)
        manifest.append({
            "file": name,
            "lon": lo,
            "lat": la,
            "altitude": float(altitude[i]),
            "direction": float(direction[i]),
            "time": taken.isoformat(),
            "jcbh": jcbh,
        })  # fmt: skip
    with open(directory / "manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
