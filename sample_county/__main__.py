"""Command line: ``python -m sample_county OUT_DIR [options]`` writes a sample county."""

import argparse
import sys
import time

from osgeo import ogr

from .city import generate_city
from .county import CountyConfig, generate_county


def main(argv=None):
    defaults = CountyConfig()
    parser = argparse.ArgumentParser(
        prog="python -m sample_county",
        description="Write a deterministic sample county: DLTB parcels, permanent basic farmland, change "
        "patches and village boundaries (county.gpkg), roster.csv, targets.csv, GPX patrol tracks and "
        "geotagged photos.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="output directory; earlier outputs in it are replaced")
    parser.add_argument("--parcels", type=int, default=defaults.parcels, help="approximate number of parcels")
    parser.add_argument("--townships", type=int, default=defaults.townships)
    parser.add_argument("--villages", type=int, default=defaults.villages, help="villages per township")
    parser.add_argument("--groups", type=int, default=defaults.groups, help="villager groups per village")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--photos", type=int, default=defaults.photos)
    parser.add_argument("--track-townships", type=int, default=defaults.track_townships)
    parser.add_argument("--track-weeks", type=int, default=defaults.track_weeks)
    parser.add_argument("--changes", type=int, default=defaults.changes, help="change patches (0: one per 100 parcels)")
    parser.add_argument("--county-code", default=defaults.county_code, help="6-digit county code (the city is its first 4)")
    parser.add_argument(
        "--counties", type=int, default=1, help="counties of one city, each in a folder named by its code (sample_county.city)"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    config = CountyConfig(
        townships=args.townships,
        villages=args.villages,
        groups=args.groups,
        parcels=args.parcels,
        seed=args.seed,
        photos=args.photos,
        track_townships=args.track_townships,
        track_weeks=args.track_weeks,
        changes=args.changes,
        county_code=args.county_code,
    )
    started = time.perf_counter()
    try:
        if args.counties > 1:
            city = generate_city(args.out_dir, config, args.counties)
        else:
            county = generate_county(args.out_dir, config)
    except ValueError as error:
        parser.error(str(error))
    if args.quiet:
        return 0
    if args.counties > 1:
        codes = ", ".join(c.gpkg.parent.name for c in city.counties)
        print(f"Sample city {city.city_code} ({codes}) written to {city.directory} in {time.perf_counter() - started:.1f} s")
        print(f"  {city.gpkg}, {city.roster_csv}, {city.targets_csv}")
        return 0
    print(f"Sample county written to {county.directory} in {time.perf_counter() - started:.1f} s")
    dataset = ogr.Open(str(county.gpkg))
    for name in (county.parcels_layer, county.pbf_layer, county.changes_layer, county.boundaries_layer):
        print(f"  {county.uri(name)}: {dataset.GetLayerByName(name).GetFeatureCount()} features")
    with open(county.roster_csv, encoding="utf-8") as f:
        print(f"  {county.roster_csv}: {sum(1 for _ in f) - 1} roster rows")
    print(f"  {county.targets_csv}: targets of the county and {config.townships} townships")
    print(f"  {county.gpx_dir}: {len(list(county.gpx_dir.glob('patrol_*.gpx')))} GPX files")
    print(f"  {county.photo_dir}: {len(list(county.photo_dir.glob('IMG_*.jpg')))} photos and manifest.json")
    print(f"  CRS EPSG:{county.crs_epsg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
