"""What patrollers bring back from the fields: GPX patrol tracks and geotagged photos of change patches."""

import json
import shutil
import zlib
from datetime import date, datetime, timedelta, timezone
from xml.etree import ElementTree

import numpy as np
import shapely

from .units import bottom_cell_codes

CHINA_TIME = timezone(timedelta(hours=8))  # Asia/Shanghai has had no daylight saving since 1991
FIRST_PATROL_MONDAY = date(2026, 1, 5)
PATROL_INTERVAL_S = 15
PATROL_BAND = 150.0  # m; patrollers sweep their fields in east-west bands of this width
GPX_NS = "http://www.topografix.com/GPX/1/1"

CAMERAS = (("HUAWEI", "ALN-AL00"), ("Xiaomi", "23127PN0CC"), ("OPPO", "PHZ110"), ("vivo", "V2309A"))
CASES_ISSUED = date(2026, 3, 2)  # the demo issues its cases on this day; the photos follow in the next days
PHOTOS_PER_PATCH = 3
# Photos placed badly on purpose (index → the flag the evidence checks should give), from 12 photos on.
BAD_PHOTOS = {1: "far_from_patch", 4: "facing_away", 7: "before_issue", 11: "duplicate_photo"}
MIN_PHOTOS_FOR_BAD = 12


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


def write_tracks(directory, config, units, cell, parcels, field_keepers, to_lonlat, rng):
    """One GPX file per tracked township and week, one track per bottom-cell patrol."""
    centroids = shapely.get_coordinates(shapely.centroid(parcels["geometry"]))
    first = np.searchsorted(cell, np.arange(len(units.cell_names) + 1))
    cell_codes = bottom_cell_codes(units)
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
    """A 320×240 'field' picture of its own (sky, a field of blocky crop colours, rows at an angle), labelled:
    every photo looks different, as real ones do, so that only true copies look alike (similar_photo)."""
    from PIL import Image, ImageDraw  # Pillow is only needed here

    seed = np.random.default_rng([index, zlib.crc32(str(jcbh).encode("utf-8"))])
    rows = np.linspace(0.0, 1.0, 240)[:, None, None]
    cols = np.linspace(0.0, 1.0, 320)[None, :, None]
    horizon = seed.uniform(0.25, 0.5)
    sky = np.array([120.0, 170.0, 235.0]) + seed.uniform(-30, 30, 3) - 60 * rows
    blocks = np.kron(seed.uniform(-70, 70, (6, 8, 1)), np.ones((40, 40, 1)))  # patches of crop, soil, water
    angle = seed.uniform(0, np.pi)
    furrows = 18 * np.sin((np.cos(angle) * cols + np.sin(angle) * rows) * seed.uniform(20, 60))
    crop = np.array([70.0, 140.0, 50.0]) + seed.uniform(-25, 25, 3) + blocks + furrows
    pixels = np.where(rows < horizon, sky, crop)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 200, 44), fill=(255, 255, 255))
    draw.text((14, 12), f"IMG {index + 1:04d}", fill=(0, 0, 0))
    draw.text((14, 28), f"JCBH {jcbh}", fill=(0, 0, 0))
    return image


def _exif(make, model, taken, lat, lon, altitude, direction):
    from PIL import Image

    utc = taken.astimezone(timezone.utc)
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x8769] = {0x9003: taken.strftime("%Y:%m:%d %H:%M:%S"), 0x9011: "+08:00"}  # DateTimeOriginal
    exif[0x8825] = {
        0: b"\x02\x03\x00\x00",  # GPSVersionID
        1: "N" if lat >= 0 else "S",
        2: _dms(lat),
        3: "E" if lon >= 0 else "W",
        4: _dms(lon),
        5: b"\x00",  # above sea level
        6: float(altitude),
        7: (float(utc.hour), float(utc.minute), float(utc.second)),
        16: "T",
        17: float(direction),
        29: utc.strftime("%Y:%m:%d"),
    }
    return exif


def _placements(geoms, n, rng):
    """Per photo: (patch index, x, y, direction, intended flag): three photos a patch, taken from inside it
    all round; a few placed badly on purpose (see BAD_PHOTOS)."""
    groups = -(-n // PHOTOS_PER_PATCH)
    picks = np.sort(rng.choice(len(geoms), size=groups, replace=groups > len(geoms)))
    out = []
    for i in range(n):
        g = i // PHOTOS_PER_PATCH
        geom = geoms[picks[g]]
        centre = shapely.get_coordinates(shapely.point_on_surface(geom))[0]
        # Around the middle of the patch, looking out in three directions a third of a turn apart.
        direction = (120.0 * (i % PHOTOS_PER_PATCH) + rng.uniform(-20, 20)) % 360
        step = np.array([np.sin(np.radians(direction)), np.cos(np.radians(direction))])
        x, y = centre - 5.0 * step
        flag = BAD_PHOTOS.get(i, "") if n >= MIN_PHOTOS_FOR_BAD else ""
        minx, miny, maxx, maxy = shapely.bounds(geom)
        if flag == "far_from_patch":  # at home, 120 m east of the patch, facing it
            x, y, direction = maxx + 120.0, (miny + maxy) / 2, 270.0
        elif flag == "facing_away":  # 25 m south of the patch, the camera turned south
            x, y, direction = (minx + maxx) / 2, miny - 25.0, 180.0
        if not flag and not shapely.contains_xy(geom, x, y):
            x, y = centre
        out.append((picks[g], x, y, round(direction, 2) % 360, flag))
    return out


def write_photos(directory, config, changes, to_lonlat, rng):
    """Geotagged JPEGs of change patches, three a patch, taken in the days after the cases were issued
    (CASES_ISSUED), with a manifest. From 12 photos on, a few are bad on purpose, so that the evidence
    checks have something to find: one far from its patch, one facing away, one a year old, and the last
    a copy of the first under another name. The manifest's ``flag`` says which."""
    n = config.photos
    geoms = changes["geometry"]
    placed = _placements(geoms, n, rng)
    xy = np.array([(x, y) for _, x, y, _, _ in placed]).reshape(-1, 2)
    lon, lat = to_lonlat.transform(xy[:, 0], xy[:, 1])
    altitude = np.round(rng.uniform(50.0, 70.0, n), 1)
    day = rng.integers(1, 12, n)
    second = rng.integers(8 * 3600 + 1800, 17 * 3600 + 1800, n)
    cameras = rng.integers(len(CAMERAS), size=n)
    manifest = []
    for i, (p, _x, _y, direction, flag) in enumerate(placed):
        jcbh = changes["columns"]["JCBH"][p]
        name = f"IMG_{i + 1:04d}.jpg"
        if flag == "duplicate_photo":  # the first photo handed in again under another name
            shutil.copyfile(directory / manifest[0]["file"], directory / name)
            manifest.append({**manifest[0], "file": name, "flag": flag})
            manifest[0]["flag"] = flag
            continue
        issued = CASES_ISSUED - timedelta(days=365) if flag == "before_issue" else CASES_ISSUED
        taken = datetime.combine(issued, datetime.min.time(), CHINA_TIME) + timedelta(days=int(day[i]), seconds=int(second[i]))
        la, lo = round(float(lat[i]), 8), round(float(lon[i]), 8)
        make, model = CAMERAS[cameras[i]]
        exif = _exif(make, model, taken, la, lo, altitude[i], direction)
        _photo_image(i, jcbh).save(directory / name, "JPEG", quality=85, exif=exif)
        manifest.append({
            "file": name,
            "lon": lo,
            "lat": la,
            "altitude": float(altitude[i]),
            "direction": float(direction),
            "time": taken.isoformat(),
            "jcbh": jcbh,
            "flag": flag,
        })  # fmt: skip
    with open(directory / "manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
