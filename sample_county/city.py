"""A sample city: several sample counties of one city side by side, with the city's roster and targets.

Every county is a complete sample county in its own folder (as counties deliver their data), with its
own county code (the first one's code, then the next numbers), seed and place east of the one before.
The city folder adds ``roster.csv`` (the province and city persons, 省级/市级总责任人 and 州级田管员, then
every county's roster) and ``targets.csv`` (the city's targets, then every county's rows), and, unless
told not to, ``city.gpkg`` holding the counties' layers merged, as a city office would load them at once.
"""

import csv
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from osgeo import gdal

from farmland_grid_plugin.domain.unitcode import LEVEL_CITY, LEVEL_PROVINCE

from .county import CountyConfig, generate_county
from .coverage import MEAN_PARCEL_AREA
from .tables import ROLE_CHIEF, ROLE_FIELD_KEEPER
from .units import person_name, phone_number

CITY_NAME = "示范市"
PROVINCE_NAME = "示范省"
COUNTY_NAMES = ("示范县", "示范二县", "示范三县", "示范四县", "示范五县", "示范六县", "示范七县", "示范八县")
# The county outline reaches at most about 1.8 radii from its centre (wobble and elongation, see coverage).
OUTLINE_REACH = 1.8
SPACING_MARGIN_M = 1000.0
DEFAULT_CONFIG = CountyConfig()


@dataclass(frozen=True)
class SampleCity:
    directory: Path
    city_code: str
    counties: tuple  # SampleCounty per county, in code order
    roster_csv: Path
    targets_csv: Path
    gpkg: Path  # the counties' layers merged; None when not written
    crs_epsg: int
    parcels_layer: str = "dltb"
    pbf_layer: str = "jbnt"
    changes_layer: str = "bhtb"
    boundaries_layer: str = "cjdcq"

    def uri(self, layer):
        return f"{self.gpkg}|layername={layer}"


def county_configs(config=DEFAULT_CONFIG, counties=2):
    """The configurations of ``counties`` counties of ``config``'s city, placed east of each other."""
    first = int(config.county_code[4:])
    if not 1 <= counties <= len(COUNTY_NAMES) or first + counties - 1 > 99:
        raise ValueError(f"a sample city has 1 to {len(COUNTY_NAMES)} counties whose codes stay below {config.county_code[:4]}99")
    radius = math.sqrt(config.parcels * MEAN_PARCEL_AREA / math.pi)
    spacing = 2 * (OUTLINE_REACH * radius + SPACING_MARGIN_M)
    return [
        replace(
            config,
            county_code=f"{config.county_code[:4]}{first + i:02d}",
            county_name=COUNTY_NAMES[i],
            seed=config.seed + i,
            offset_m=(config.offset_m[0] + i * spacing, config.offset_m[1]),
        )
        for i in range(counties)
    ]


def generate_city(out_dir, config=DEFAULT_CONFIG, counties=2, merged=True):
    """Write ``counties`` sample counties (folders named by county code) and the city's tables into ``out_dir``."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    written = tuple(generate_county(directory / c.county_code, c) for c in county_configs(config, counties))
    city_code = config.county_code[:4]
    city = SampleCity(
        directory=directory,
        city_code=city_code,
        counties=written,
        roster_csv=directory / "roster.csv",
        targets_csv=directory / "targets.csv",
        gpkg=directory / "city.gpkg" if merged else None,
        crs_epsg=config.epsg,
    )
    rng = np.random.default_rng(np.random.SeedSequence(config.seed).spawn(9)[8])
    upper = [
        (city_code[:2], PROVINCE_NAME, LEVEL_PROVINCE, person_name(rng), ROLE_CHIEF, phone_number(rng)),
        (city_code, CITY_NAME, LEVEL_CITY, person_name(rng), ROLE_CHIEF, phone_number(rng)),
        (city_code, CITY_NAME, LEVEL_CITY, person_name(rng), ROLE_FIELD_KEEPER, phone_number(rng)),
    ]
    _concatenate(city.roster_csv, upper, [c.roster_csv for c in written])
    targets = [_read(c.targets_csv)[1] for c in written]
    county_rows = [rows[0] for rows in targets]
    city_row = (city_code, CITY_NAME, *(f"{sum(float(r[k]) for r in county_rows):.2f}" for k in (2, 3)))
    _concatenate(city.targets_csv, [city_row], [c.targets_csv for c in written])
    if merged:
        _merge_layers(city.gpkg, written)
    return city


def _read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _concatenate(path, first_rows, paths):
    header = _read(paths[0])[0]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(first_rows)
        for source in paths:
            writer.writerows(_read(source)[1])


def _merge_layers(path, counties):
    """Append every county's four layers into one GeoPackage of the same layer names (new fids)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for i, county in enumerate(counties):
        for k, layer in enumerate((county.parcels_layer, county.pbf_layer, county.changes_layer, county.boundaries_layer)):
            mode = "append" if i else "update" if k else None
            options = gdal.VectorTranslateOptions(format="GPKG", layers=[layer], accessMode=mode)
            if gdal.VectorTranslate(str(path), str(county.gpkg), options=options) is None:
                raise RuntimeError(f"Cannot merge {county.uri(layer)} into {path}: {gdal.GetLastErrorMsg()}")
