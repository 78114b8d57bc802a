"""A deterministic sample county for tests, demos and benchmarks.

``generate_county`` writes what a county bureau has on its disks (DESIGN.md §2): a DLTB
parcel layer, permanent basic farmland, change patches and village boundaries in one
GeoPackage, a roster and a target table as CSV, GPX patrol tracks and geotagged photos.
The same configuration always gives the same attributes and geometries.

The steps live beside this module: ``coverage`` draws the parcels and splits them into grid
units, ``units`` names and codes those units, ``layers`` gives the parcels, farmland, change
patches and boundaries their attributes and writes the GeoPackage, ``tables`` writes the roster
and targets, ``fieldwork`` the patrol tracks and photos.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj

from farmland_grid_plugin.domain.unitcode import validate_unit_code

from .coverage import connected, parcel_coverage, partition
from .fieldwork import write_photos, write_tracks
from .layers import change_patches, parcel_attributes, pbf_attributes, village_boundaries, write_gpkg
from .tables import write_roster, write_targets
from .units import COUNTY_NAME, SURNAMES, TOWNSHIP_NAMES, VILLAGE_PREFIXES, VILLAGE_SUFFIXES, name_units

CENTRE_LONLAT = (117.2, 38.3)
MIN_PARCELS_PER_CELL = 4


@dataclass(frozen=True)
class CountyConfig:
    townships: int = 9
    villages: int = 10  # per township; the last village of every township has no villager groups
    groups: int = 8  # per village that has groups
    parcels: int = 6000  # approximate total number of DLTB parcels
    seed: int = 20261123
    epsg: int = 4527  # CGCS2000 / 3-degree Gauss-Kruger zone 39
    county_code: str = "130123"
    county_name: str = COUNTY_NAME
    offset_m: tuple = (0.0, 0.0)  # east and north shift of the county from CENTRE_LONLAT (a second county beside it)
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
    origin = np.round(to_local.transform(*CENTRE_LONLAT)) + np.asarray(config.offset_m, dtype=float)
    cells, seeds = parcel_coverage(config.parcels, rng_shape, origin)
    cells, seeds, edges = connected(cells, seeds)

    one_county = np.zeros(len(seeds), dtype=int)
    township = partition(seeds, edges, one_county, np.array([config.townships]), rng_units)
    village = partition(seeds, edges, township, np.full(config.townships, config.villages), rng_units)
    groupless = np.arange(config.townships * config.villages) % config.villages == config.villages - 1
    cell = partition(seeds, edges, village, np.where(groupless, 1, config.groups), rng_units)
    units = name_units(config, groupless, rng_units)

    # Parcels in code order, north to south within a villager group.
    order = np.lexsort((seeds[:, 0], -seeds[:, 1], cell))
    cells, seeds, cell = cells[order], seeds[order], cell[order]
    village = units.cell_village[cell]
    parcels = parcel_attributes(config, cells, cell, village, units, crs, rng_attrs)
    pbf = pbf_attributes(parcels, village, rng_attrs)
    changes = change_patches(config, cells, seeds + origin, parcels, crs, rng_changes)
    boundaries = village_boundaries(cells, village, units)

    layers = (
        (county.parcels_layer, parcels),
        (county.pbf_layer, pbf),
        (county.changes_layer, changes),
        (county.boundaries_layer, boundaries),
    )
    write_gpkg(county.gpkg, config.epsg, layers)
    field_keepers = write_roster(county.roster_csv, config, units, rng_people)
    write_targets(county.targets_csv, config, units, parcels, pbf, village, rng_targets)
    to_lonlat = pyproj.Transformer.from_crs(crs, "EPSG:4490", always_xy=True)
    write_tracks(county.gpx_dir, config, units, cell, parcels, field_keepers, to_lonlat, rng_tracks)
    write_photos(county.photo_dir, config, changes, to_lonlat, rng_photos)
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
