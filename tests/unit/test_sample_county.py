"""The sample county generator: a clean coverage, valid codes, consistent attributes and files."""

import csv
import json
import re
from datetime import date, datetime, timedelta, timezone
from xml.etree import ElementTree

import numpy as np
import pyproj
import pytest
import shapely
from osgeo import ogr
from PIL import Image

from farmland_grid_plugin.domain.area import SQM_PER_MU, EllipsoidalArea
from farmland_grid_plugin.domain.landclass import DEFAULT_FARMLAND_CLASSES, LAND_CLASS_NAMES
from farmland_grid_plugin.domain.unitcode import validate_unit_code
from sample_county.__main__ import main
from sample_county.county import CountyConfig, SampleCounty, generate_county

CONFIG = CountyConfig(townships=3, villages=3, groups=3, parcels=600, photos=5, track_townships=1, track_weeks=2)
GPX = "{http://www.topografix.com/GPX/1/1}"
LAYERS = ("dltb", "jbnt", "bhtb", "cjdcq")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return generate_county(tmp_path_factory.mktemp("county"), CONFIG)


def read_layer(county, name):
    """(attribute rows as dicts, geometries as WKB) of one layer."""
    dataset = ogr.Open(str(county.gpkg))
    layer = dataset.GetLayerByName(name)
    rows, wkbs = [], []
    for feature in layer:
        rows.append(feature.items())
        wkbs.append(bytes(feature.GetGeometryRef().ExportToWkb()))
    return rows, wkbs


@pytest.fixture(scope="module")
def dltb(county):
    rows, wkbs = read_layer(county, "dltb")
    return rows, shapely.from_wkb(wkbs)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_paths_layers_and_crs(county):
    assert isinstance(county, SampleCounty)
    assert county.gpkg == county.directory / "county.gpkg"
    assert county.uri("dltb") == f"{county.gpkg}|layername=dltb"
    dataset = ogr.Open(str(county.gpkg))
    for name in LAYERS:
        layer = dataset.GetLayerByName(name)
        assert layer.GetGeomType() == ogr.wkbMultiPolygon
        assert layer.GetSpatialRef().GetAuthorityCode(None) == "4527"
        assert layer.GetFeatureCount() > 0
    assert county.crs_epsg == 4527


def test_parcels_form_a_clean_coverage(dltb):
    rows, geoms = dltb
    assert 500 < len(geoms) < 700
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)  # shared edges have identical vertices
    union = shapely.coverage_union_all(geoms)
    assert union.is_valid
    assert union.area == pytest.approx(shapely.area(geoms).sum(), rel=1e-6)
    assert shapely.get_num_interior_rings(shapely.get_parts(union)).sum() == 0  # no gaps
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    overlaps = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlaps.max() < 1e-6
    centre_x, centre_y = union.centroid.x, union.centroid.y
    assert 39.5e6 < centre_x < 39.54e6 and 4.2e6 < centre_y < 4.28e6
    assert 2000 < shapely.area(geoms).mean() < 4000


def test_unit_codes_and_hierarchy(dltb, county):
    rows, geoms = dltb
    codes = [r["ZLDWDM"] for r in rows]
    assert all(validate_unit_code(c) == c and len(c) == 19 for c in codes)
    assert all(r["QSDWDM"] == r["ZLDWDM"] and r["QSDWMC"] == r["ZLDWMC"] for r in rows)
    assert {c[:6] for c in codes} == {"130123"}
    assert len({c[:9] for c in codes}) == CONFIG.townships
    assert len({c[:12] for c in codes}) == CONFIG.townships * CONFIG.villages
    groups = {c[:15] for c in codes if c[12:15] != "000"}
    assert len(groups) == CONFIG.townships * (CONFIG.villages - 1) * CONFIG.groups
    last_village = f"{CONFIG.villages:03d}"
    assert all((c[12:15] == "000") == (c[9:12] == last_village) for c in codes)
    assert all(c.endswith("0000") for c in codes)
    names = {}
    for r in rows:
        names.setdefault(r["ZLDWDM"], set()).add(r["ZLDWMC"])
        assert r["ZLDWMC"].endswith("组") == (r["ZLDWDM"][12:15] != "000")
    assert all(len(n) == 1 for n in names.values())
    assert len({r["BSM"] for r in rows}) == len(rows)
    assert len({(r["ZLDWDM"][:12], r["TBBH"]) for r in rows}) == len(rows)

    # Every group and village is one piece.
    code_array = np.array(codes)
    for code in set(codes):
        assert shapely.coverage_union_all(geoms[code_array == code]).geom_type == "Polygon"

    boundaries, wkbs = read_layer(county, "cjdcq")
    assert len(boundaries) == CONFIG.townships * CONFIG.villages
    village_codes = np.array([c[:12] for c in codes])
    for row, geom in zip(boundaries, shapely.from_wkb(wkbs)):
        assert row["ZLDWDM"].endswith("0000000") and validate_unit_code(row["ZLDWDM"]) == row["ZLDWDM"]
        members = geoms[village_codes == row["ZLDWDM"][:12]]
        assert geom.area == pytest.approx(shapely.area(members).sum(), rel=1e-9)
        assert all(r["ZLDWMC"].startswith(row["ZLDWMC"]) for r in rows if r["ZLDWDM"][:12] == row["ZLDWDM"][:12])


def test_land_classes_and_areas(dltb):
    rows, geoms = dltb
    farmland = np.array([r["DLBM"] in DEFAULT_FARMLAND_CLASSES for r in rows])
    assert 0.6 <= farmland.mean() <= 0.8
    assert all(r["DLMC"] == LAND_CLASS_NAMES[r["DLBM"]] for r in rows)
    tbmj = np.array([r["TBMJ"] for r in rows])
    kcxs = np.array([r["KCXS"] for r in rows])
    kcmj = np.array([r["KCMJ"] for r in rows])
    tbdlmj = np.array([r["TBDLMJ"] for r in rows])
    wkt = pyproj.CRS.from_epsg(4527).to_wkt()
    assert np.abs(tbmj - EllipsoidalArea(wkt).areas(geoms)).max() <= 0.005 + 1e-6
    assert np.all(kcxs[~farmland] == 0) and kcxs[farmland].min() >= 0 and kcxs[farmland].max() <= 0.15
    assert np.abs(kcmj - tbmj * kcxs).max() <= 0.005 + 1e-6
    assert np.abs(tbdlmj - (tbmj - kcmj)).max() <= 0.005 + 1e-6
    assert np.all(tbmj == np.round(tbmj, 2))


def test_pbf_copies_farmland_parcels(county, dltb):
    rows, geoms = dltb
    by_bsm = {r["BSM"]: (r, g) for r, g in zip(rows, shapely.to_wkb(geoms))}
    pbf, wkbs = read_layer(county, "jbnt")
    farmland_count = sum(r["DLBM"] in DEFAULT_FARMLAND_CLASSES for r in rows)
    assert 0.65 < len(pbf) / farmland_count < 0.95
    for row, wkb in zip(pbf, wkbs):
        parcel, parcel_wkb = by_bsm[row["BSM"]]
        assert parcel["DLBM"] in DEFAULT_FARMLAND_CLASSES and row["DLBM"] == parcel["DLBM"]
        assert wkb == parcel_wkb
        assert row["JBNTMJ"] == parcel["TBDLMJ"] and row["TBMJ"] == parcel["TBMJ"]
        assert row["ZLDWDM"] == parcel["ZLDWDM"]
    assert len({(r["ZLDWDM"][:12], r["JBNTTBBH"]) for r in pbf}) == len(pbf)


def test_change_patches(county, dltb):
    changes, wkbs = read_layer(county, "bhtb")
    geoms = shapely.from_wkb(wkbs)
    assert len(changes) == max(20, CONFIG.parcels // 100)
    assert len({r["JCBH"] for r in changes}) == len(changes)
    areas = EllipsoidalArea(pyproj.CRS.from_epsg(4527).to_wkt()).areas(geoms)
    assert np.abs(np.array([r["JCMJ"] for r in changes]) - areas).max() <= 0.005 + 1e-6
    assert areas.min() > 299 and areas.max() < 15001
    assert shapely.is_valid(geoms).all()
    assert {r["HDLBM"] for r in changes} <= {"0702", "1003", "0601", "0201", "0301", "1104", "0404", "0103"}
    assert {r["QDLBM"] for r in changes} <= set(LAND_CLASS_NAMES)
    assert {r["HFPD"] for r in changes} <= {"合法", "违法", ""}
    assert all(date.fromisoformat(r["JCSJ"]).year == 2026 for r in changes)
    # Each patch lies mostly on parcels of the county.
    union = shapely.coverage_union_all(dltb[1])
    assert all(union.intersects(g.centroid) for g in geoms)


def test_roster(county, dltb):
    rows = read_csv(county.roster_csv)
    assert list(rows[0]) == ["unit_code", "unit_name", "level", "person", "role", "phone"]
    lengths = {"3": 6, "4": 9, "5": 12, "6": 15}
    assert all(len(r["unit_code"]) == lengths[r["level"]] for r in rows)
    assert all(re.fullmatch(r"1[358]\d{9}", r["phone"]) and r["person"] for r in rows)
    roles = {}
    for r in rows:
        roles.setdefault(r["unit_code"], []).append(r["role"])
    assert roles["130123"] == ["总责任人", "责任人"]
    codes = {r["ZLDWDM"] for r in dltb[0]}
    for code in {c[:9] for c in codes}:
        assert roles[code] == ["总责任人", "责任人"]
    for code in {c[:12] for c in codes}:
        assert roles[code][0] == "责任人"
        assert ("田管员" in roles[code]) == (code[9:12] == f"{CONFIG.villages:03d}")
    groups = {c[:15] for c in codes if c[12:15] != "000"}
    assert all(roles[g] == ["田管员"] for g in groups)
    assert len(roles) == 1 + CONFIG.townships + CONFIG.townships * CONFIG.villages + len(groups)


def test_targets_near_actual_areas(county, dltb):
    rows = read_csv(county.targets_csv)
    assert list(rows[0]) == ["unit_code", "unit_name", "farmland_target_mu", "pbf_target_mu"]
    assert [r["unit_code"] for r in rows] == ["130123"] + [f"130123{t + 1:03d}" for t in range(CONFIG.townships)]
    parcels = dltb[0]
    pbf, _ = read_layer(county, "jbnt")
    for row in rows:
        code = row["unit_code"]
        inside = [r for r in parcels if r["ZLDWDM"].startswith(code)]
        farmland = sum(r["TBDLMJ"] for r in inside if r["DLBM"] in DEFAULT_FARMLAND_CLASSES)
        protected = sum(r["JBNTMJ"] for r in pbf if r["ZLDWDM"].startswith(code))
        assert 0.97 <= float(row["farmland_target_mu"]) / (farmland / SQM_PER_MU) <= 1.03 + 1e-4
        assert 0.97 <= float(row["pbf_target_mu"]) / (protected / SQM_PER_MU) <= 1.03 + 1e-4
        assert re.fullmatch(r"\d+\.\d\d", row["farmland_target_mu"])


def test_gpx_tracks(county, dltb):
    files = sorted(county.gpx_dir.glob("*.gpx"))
    assert [f.name for f in files] == ["patrol_130123001_2026-01-05.gpx", "patrol_130123001_2026-01-12.gpx"]
    keepers = {r["unit_code"]: r["person"] for r in read_csv(county.roster_csv) if r["role"] == "田管员"}
    cells = {c[:15] if c[12:15] != "000" else c[:12] for c in (r["ZLDWDM"] for r in dltb[0]) if c[:9] == "130123001"}
    to_local = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4527", always_xy=True)
    township = shapely.coverage_union_all(dltb[1][np.array([r["ZLDWDM"].startswith("130123001") for r in dltb[0]])])
    for path in files:
        monday = date.fromisoformat(path.stem[-10:])
        root = ElementTree.parse(path).getroot()
        assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1"
        tracks = root.findall(f"{GPX}trk")
        assert {t.findtext(f"{GPX}name") for t in tracks} == cells
        days = set()
        for track in tracks:
            assert track.findtext(f"{GPX}desc") == keepers[track.findtext(f"{GPX}name")]
            points = track.findall(f"{GPX}trkseg/{GPX}trkpt")
            assert len(points) > 5
            stamps = [p.findtext(f"{GPX}time") for p in points]
            assert all(s.endswith("Z") for s in stamps)
            times = [datetime.fromisoformat(s[:-1]).replace(tzinfo=timezone.utc) for s in stamps]
            assert all(b - a == timedelta(seconds=15) for a, b in zip(times, times[1:]))
            local_day = times[0].astimezone(timezone(timedelta(hours=8))).date()
            assert monday <= local_day <= monday + timedelta(days=6)
            days.add(local_day)
            lon = np.array([float(p.get("lon")) for p in points])
            lat = np.array([float(p.get("lat")) for p in points])
            assert all(p.findtext(f"{GPX}ele") for p in points)
            x, y = to_local.transform(lon, lat)
            assert shapely.contains_xy(township.buffer(100), x, y).all()
        assert len(days) > 1  # patrol days vary between groups
        dataset = ogr.Open(str(path))
        assert dataset.GetDriver().GetName() == "GPX"
        assert dataset.GetLayerByName("tracks").GetFeatureCount() == len(cells)


def dms_to_degrees(dms, ref):
    degrees = float(dms[0]) + float(dms[1]) / 60 + float(dms[2]) / 3600
    return -degrees if ref in ("S", "W") else degrees


def test_photos_exif_matches_manifest(county):
    manifest = json.loads((county.photo_dir / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == CONFIG.photos == len(list(county.photo_dir.glob("*.jpg")))
    changes, wkbs = read_layer(county, "bhtb")
    patches = dict(zip((r["JCBH"] for r in changes), shapely.from_wkb(wkbs)))
    to_local = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4527", always_xy=True)
    for entry in manifest:
        with Image.open(county.photo_dir / entry["file"]) as image:
            assert image.format == "JPEG" and image.size == (320, 240)
            exif = image.getexif()
        gps = exif.get_ifd(0x8825)
        assert dms_to_degrees(gps[2], gps[1]) == pytest.approx(entry["lat"], abs=1e-6)
        assert dms_to_degrees(gps[4], gps[3]) == pytest.approx(entry["lon"], abs=1e-6)
        assert float(gps[6]) == pytest.approx(entry["altitude"])
        assert gps[16] == "T" and float(gps[17]) == pytest.approx(entry["direction"], abs=1e-6)
        assert exif[0x010F] and exif[0x0110]
        taken = datetime.fromisoformat(entry["time"])
        assert exif.get_ifd(0x8769)[0x9003] == taken.strftime("%Y:%m:%d %H:%M:%S")
        assert taken.utcoffset() == timedelta(hours=8)
        if entry["flag"] not in ("far_from_patch", "facing_away"):  # those stand outside their patch on purpose
            assert patches[entry["jcbh"]].contains(shapely.Point(to_local.transform(entry["lon"], entry["lat"])))


def test_deterministic(county, tmp_path):
    again = generate_county(tmp_path, CONFIG)
    for name in LAYERS:
        assert read_layer(again, name) == read_layer(county, name)
    for relative in ("roster.csv", "targets.csv", "photos/manifest.json", "photos/IMG_0001.jpg"):
        assert (again.directory / relative).read_bytes() == (county.directory / relative).read_bytes()
    for path in county.gpx_dir.glob("*.gpx"):
        assert (again.gpx_dir / path.name).read_bytes() == path.read_bytes()


def test_rerun_replaces_outputs_and_cli(tmp_path, capsys):
    small = [str(tmp_path), "--parcels", "300", "--townships", "2", "--villages", "2", "--groups", "2"]
    assert main([*small, "--photos", "4", "--track-weeks", "3"]) == 0
    assert "dltb" in capsys.readouterr().out
    main([*small, "--photos", "2", "--track-weeks", "1", "--quiet"])
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == ["IMG_0001.jpg", "IMG_0002.jpg", "manifest.json"]
    assert len(list((tmp_path / "gpx").iterdir())) == 1


def test_too_few_parcels_rejected(tmp_path):
    with pytest.raises(ValueError, match="too few"):
        generate_county(tmp_path, CountyConfig(parcels=100))
