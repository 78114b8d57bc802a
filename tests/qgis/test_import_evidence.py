"""farmlandgrid:importevidence: the real photo corpus, synthetic geotagged photos matched to cases and parcels, GCJ-02."""

import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from osgeo import ogr, osr
from PIL import Image
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from farmland_grid_plugin.domain.datum import wgs84_to_gcj02
from farmland_grid_plugin.processing.import_evidence import EVIDENCE_FIELDS, REJECTED_FIELDS, ImportEvidenceAlgorithm

from ..unit.test_exif import CORPUS, EXPECTED
from .helpers import RecordingFeedback, open_layer, run_algorithm

ALG_ID = "farmlandgrid:importevidence"
EPSG = 4527  # CGCS2000 / 3-degree Gauss-Kruger zone 39, as the sample county
TO_LOCAL = pyproj.Transformer.from_crs(4326, EPSG, always_xy=True)
TO_LONLAT = pyproj.Transformer.from_crs(EPSG, 4326, always_xy=True)
GEOD = pyproj.Geod(ellps="WGS84")
ORIGIN = (117.2, 38.3)  # lon, lat of case A's centre


def algorithm():
    """The registered algorithm where the provider has it, else a fresh instance."""
    registered = QgsApplication.processingRegistry().algorithmById(ALG_ID)
    return ALG_ID if registered is not None else ImportEvidenceAlgorithm().create()


def run(parameters, feedback=None):
    return run_algorithm(algorithm(), {"OUTPUT": "memory:", "OUTPUT_REJECTED": "memory:", **parameters}, feedback)


def is_null(value):
    return value is None or isinstance(value, QVariant)


def rows(layer):
    return {f["file_name"]: f for f in layer.getFeatures()}


def dms(value):
    units = round(abs(value) * 36_000_000)  # 1e-4 arc seconds
    degrees, rest = divmod(units, 36_000_000)
    minutes, seconds = divmod(rest, 600_000)
    return (float(degrees), float(minutes), seconds / 10_000)


def write_photo(path, lon, lat, altitude=None, altitude_ref=0, direction=None, direction_ref="T", lat_ref=None, lon_ref=None):
    """A small JPEG with EXIF GPS written by Pillow; hemispheres from the signs unless refs are given."""
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"
    exif[0x0110] = "ALN-AL00"
    exif[0x8769] = {0x9003: "2026:05:04 10:23:11", 0x9011: "+08:00"}
    gps = {
        1: lat_ref or ("N" if lat >= 0 else "S"),
        2: dms(lat),
        3: lon_ref or ("E" if lon >= 0 else "W"),
        4: dms(lon),
    }
    if altitude is not None:
        gps.update({5: bytes([altitude_ref]), 6: float(abs(altitude))})
    if direction is not None:
        gps.update({16: direction_ref, 17: float(direction)})
    exif[0x8825] = gps
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 24), (90, 140, 60)).save(path, "JPEG", exif=exif)
    return path


def local(lon, lat):
    x, y = TO_LOCAL.transform(lon, lat)
    return float(x), float(y)


def lonlat(x, y):
    lon, lat = TO_LONLAT.transform(x, y)
    return float(lon), float(lat)


CX, CY = local(*ORIGIN)


def square(x, y, half):
    return shapely.box(x - half, y - half, x + half, y + half)


def memory_layer(kind, fields, features, epsg=EPSG):
    """A memory layer (EPSG:4527 unless told) from (shapely geometry, attribute list) pairs."""
    spec = "&".join(f"field={name}:{t}" for name, t in fields)
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:{epsg}&{spec}", kind.lower(), "memory")
    assert layer.isValid()
    out = []
    for geom, attributes in features:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        feature.setAttributes(attributes)
        out.append(feature)
    assert layer.dataProvider().addFeatures(out)
    return layer


@pytest.fixture
def cases():
    """Case A: 100 m square at the origin; case B: 100 m square 300 m east."""
    return memory_layer(
        "Polygon",
        [("case_id", "string"), ("note", "string")],
        [(square(CX, CY, 50), ["A-001", "a"]), (square(CX + 300, CY, 50), ["B-002", "b"])],
    )


@pytest.fixture
def parcels():
    """Four 100 m parcels in a row from x−100 to x+300 (y ± 50) around case A; the last has no code."""
    codes = ["130123001001001000011", "130123001001001000024", "130123001001001000038", None]
    return memory_layer(
        "Polygon", [("space_code", "string")], [(square(CX - 50 + 100 * k, CY, 50), [c]) for k, c in enumerate(codes)]
    )


def test_real_corpus(provider):
    feedback = RecordingFeedback()
    result = run({"FOLDER": str(CORPUS)}, feedback)
    imported, rejected = rows(result["OUTPUT"]), list(result["OUTPUT_REJECTED"].getFeatures())
    assert result["IMPORTED"] == len(imported) == 13
    assert result["REJECTED"] == len(rejected) == 30
    assert Counter(f["reason"] for f in rejected) == {"no_gps": 23, "no_exif": 7}
    assert result["OUTPUT"].crs().authid() == "EPSG:4490"
    by_path = {Path(f["path"]).relative_to(CORPUS).as_posix(): f for f in result["OUTPUT"].getFeatures()}
    reasons = {Path(f["path"]).relative_to(CORPUS).as_posix(): f["reason"] for f in rejected}
    assert set(by_path) | set(reasons) == set(EXPECTED) and not set(by_path) & set(reasons)
    for name, expected in EXPECTED.items():
        if isinstance(expected, str):
            assert reasons[name] == expected, name
            continue
        row = by_path[name]
        assert row["lat_wgs84"] == pytest.approx(expected["lat"], abs=1e-5)
        assert row["lon_wgs84"] == pytest.approx(expected["lon"], abs=1e-5)
        point = row.geometry().asPoint()
        assert (point.x(), point.y()) == (pytest.approx(row["lon_wgs84"], abs=1e-9), pytest.approx(row["lat_wgs84"], abs=1e-9))
        assert (row["x"], row["y"]) == (pytest.approx(point.x()), pytest.approx(point.y()))
        assert row["taken"] == expected["taken"]
        if expected.get("altitude") is None:
            assert is_null(row["altitude_m"])
        else:
            assert row["altitude_m"] == pytest.approx(expected["altitude"])
        assert is_null(row["case_id"]) and is_null(row["space_code"]) and is_null(row["parcel_fid"])
    nokia = rows(result["OUTPUT"])["HMD_Nokia_8.3_5G.jpg"]
    assert nokia["taken_utc"] == "2022-08-14T11:12:31Z" and nokia["direction_deg"] == 56.0 and nokia["direction_ref"] == "M"
    assert nokia["device"] == "HMD Global Nokia 8.3 5G" and nokia["orientation"] == 1
    assert rows(result["OUTPUT"])["DSCN0010.jpg"]["taken_utc"] == "2008-10-23T14:27:07Z"  # no offset: the GPS time
    messages = {f["file_name"]: f["message"] for f in rejected}
    assert "jolla.jpg" in messages["jolla.jpg"] and "GPS" in messages["jolla.jpg"]
    assert "EXIF" in messages["image00971.jpg"]
    log = "\n".join(feedback.lines)
    assert "13 photos imported, 30 files rejected" in log
    assert "no_gps: 23" in log and "no_exif: 7" in log


def test_cases_parcels_altitude_direction(provider, tmp_path, cases, parcels):
    folder = tmp_path / "photos"
    photos = {  # name: (x, y in EPSG:4527, EXIF extras, case id, distance to it, space code, parcel index)
        "inside_a.jpg": (CX - 20, CY + 5, {"altitude": 45.2, "direction": 123.45}, "A-001", 0.0, 0),
        "north_of_a.JPG": (
            CX,
            CY + 80,
            {"altitude": 12.5, "altitude_ref": 1, "direction": 350.0, "direction_ref": "M"},
            "A-001",
            30.0,
            None,
        ),
        "inside_b.jpeg": (CX + 310, CY - 20, {}, "B-002", 0.0, None),
        "between.jpg": (CX + 150, CY + 45, {}, None, None, 2),  # 100 m from either case
        "far_south.jpg": (CX, CY - 500, {}, None, None, None),
        "sub/near_a_in_parcel.jpg": (CX + 70, CY + 10, {}, "A-001", 20.0, 1),
        "sub/deeper/in_uncoded_parcel.jpg": (CX + 260, CY - 10, {}, "B-002", 0.0, 3),
    }
    for name, (x, y, extra, *_) in photos.items():
        write_photo(folder / name, *lonlat(x, y), **extra)
    (folder / "notes.txt").write_text("not a photo, not even looked at")
    result = run({"FOLDER": str(folder), "CASES": cases, "PARCELS": parcels, "MATCH_DISTANCE": 50})
    out = result["OUTPUT"]
    assert out.crs().authid() == f"EPSG:{EPSG}"
    assert result["IMPORTED"] == 7 and result["REJECTED"] == 0
    assert [f["path"] for f in out.getFeatures()] == sorted(str(folder / n) for n in photos)
    got = rows(out)
    parcel_features = list(parcels.getFeatures())
    for name, (x, y, _, case_id, distance, parcel) in photos.items():
        row = got[Path(name).name]
        lon, lat = lonlat(x, y)
        if case_id is None:
            assert is_null(row["case_id"]) and is_null(row["case_distance_m"]), name
        else:
            assert row["case_id"] == case_id and row["case_distance_m"] == pytest.approx(distance, abs=0.02), name
        if parcel is None:
            assert is_null(row["space_code"]) and is_null(row["parcel_fid"]), name
        else:
            code = parcel_features[parcel]["space_code"]
            assert row["parcel_fid"] == parcel_features[parcel].id(), name
            assert (is_null(row["space_code"]) and is_null(code)) or row["space_code"] == code, name
        # Coordinates survive EXIF's degrees, minutes and 1e-4 seconds to a few millimetres.
        assert (row["x"], row["y"]) == (pytest.approx(x, abs=0.01), pytest.approx(y, abs=0.01)), name
        point = row.geometry().asPoint()
        assert (point.x(), point.y()) == (pytest.approx(row["x"], abs=1e-6), pytest.approx(row["y"], abs=1e-6))
        assert (row["lon_wgs84"], row["lat_wgs84"]) == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7))
        expected_x, expected_y = local(row["lon_wgs84"], row["lat_wgs84"])  # pyproj against QGIS's transformation
        assert (row["x"], row["y"]) == (pytest.approx(expected_x, abs=1e-3), pytest.approx(expected_y, abs=1e-3))
        assert row["device"] == "HUAWEI ALN-AL00" and row["orientation"] == 1
        assert row["taken"] == "2026-05-04 10:23:11" and row["taken_utc"] == "2026-05-04T02:23:11Z"
    assert got["inside_a.jpg"]["altitude_m"] == pytest.approx(45.2)
    assert got["inside_a.jpg"]["direction_deg"] == pytest.approx(123.45) and got["inside_a.jpg"]["direction_ref"] == "T"
    assert got["north_of_a.JPG"]["altitude_m"] == pytest.approx(-12.5)  # below sea level (GPSAltitudeRef 1)
    assert got["north_of_a.JPG"]["direction_deg"] == pytest.approx(350.0) and got["north_of_a.JPG"]["direction_ref"] == "M"
    assert is_null(got["far_south.jpg"]["altitude_m"]) and is_null(got["far_south.jpg"]["direction_deg"])
    assert is_null(got["far_south.jpg"]["direction_ref"])


def test_gcj02_coordinates_are_shifted_back(provider, tmp_path, cases):
    folder = tmp_path / "app"
    true_lon, true_lat = lonlat(CX + 10, CY - 10)  # inside case A
    gcj_lon, gcj_lat = (float(v) for v in wgs84_to_gcj02(true_lon, true_lat))
    write_photo(folder / "app.jpg", gcj_lon, gcj_lat)
    _, _, shift = GEOD.inv(true_lon, true_lat, gcj_lon, gcj_lat)
    assert 100 < shift < 700
    as_wgs = rows(run({"FOLDER": str(folder), "CASES": cases})["OUTPUT"])["app.jpg"]
    assert as_wgs["lon_wgs84"] == pytest.approx(gcj_lon, abs=1e-7) and is_null(as_wgs["case_id"])  # hundreds of metres off
    fixed = rows(run({"FOLDER": str(folder), "CASES": cases, "DATUM": 1})["OUTPUT"])["app.jpg"]
    assert (fixed["lon_wgs84"], fixed["lat_wgs84"]) == (pytest.approx(true_lon, abs=1e-7), pytest.approx(true_lat, abs=1e-7))
    assert fixed["case_id"] == "A-001" and fixed["case_distance_m"] == 0
    moved = np.hypot(fixed["x"] - as_wgs["x"], fixed["y"] - as_wgs["y"])
    assert moved == pytest.approx(shift, rel=2e-3)  # grid distance in Gauss-Krüger, close to the geodesic one
    assert (fixed["x"], fixed["y"]) == (pytest.approx(CX + 10, abs=0.01), pytest.approx(CY - 10, abs=0.01))


def test_hemispheres_and_output_crs(provider, tmp_path):
    folder = tmp_path / "world"
    places = {
        "sydney.jpg": (151.215297, -33.856784),
        "new_york.jpg": (-74.044502, 40.689247),
        "rio.jpg": (-43.210487, -22.951916),
    }
    for name, (lon, lat) in places.items():
        write_photo(folder / name, lon, lat, direction=90.0)
    # Wrong-case references are still read: lower-case s and w.
    write_photo(folder / "lower.jpg", -58.38, -34.6, lat_ref="s", lon_ref="w")
    places["lower.jpg"] = (-58.38, -34.6)
    result = run({"FOLDER": str(folder), "CRS": "EPSG:4326", "DATUM": 1})  # GCJ-02 leaves places outside China alone
    got = rows(result["OUTPUT"])
    assert result["OUTPUT"].crs().authid() == "EPSG:4326" and set(got) == set(places)
    for name, (lon, lat) in places.items():
        row = got[name]
        assert (row["lon_wgs84"], row["lat_wgs84"]) == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7)), name
        assert (row["x"], row["y"]) == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7)), name


def test_position_outside_the_output_crs_is_rejected(provider, tmp_path):
    folder = tmp_path / "far"
    write_photo(folder / "here.jpg", 117.2, 38.3)
    write_photo(folder / "other_side.jpg", -94.29, -39.05)
    result = run({"FOLDER": str(folder), "CRS": "PROJ4:+proj=ortho +lat_0=38 +lon_0=117 +ellps=WGS84 +units=m +no_defs"})
    assert set(rows(result["OUTPUT"])) == {"here.jpg"}
    (rejected,) = result["OUTPUT_REJECTED"].getFeatures()
    assert rejected["file_name"] == "other_side.jpg" and rejected["reason"] == "outside_crs"
    assert "other_side.jpg" in rejected["message"] and "-39.05" in rejected["message"]


def test_bad_files_are_rejected_not_fatal(provider, tmp_path):
    folder = tmp_path / "mixed"
    write_photo(folder / "good.jpg", 117.2, 38.3)
    (folder / "text.heic").write_text("this is a note saved with a photo name\n")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "cut.JPG").write_bytes((folder / "good.jpg").read_bytes()[:60])
    (folder / "zero.jpeg").write_bytes(b"\xff\xd8\xff\xd9")  # SOI, EOI: an image with nothing in it
    Image.new("RGB", (8, 8)).save(folder / "plain.jpg", "JPEG")
    (folder / "folder.jpg").mkdir()  # a folder with a photo name is not a file
    write_photo(folder / "folder.jpg" / "inner.jpg", 117.21, 38.31)
    feedback = RecordingFeedback()
    result = run({"FOLDER": str(folder)}, feedback)
    assert set(rows(result["OUTPUT"])) == {"good.jpg", "inner.jpg"}
    reasons = {f["file_name"]: (f["reason"], f["message"]) for f in result["OUTPUT_REJECTED"].getFeatures()}
    assert {name: reason for name, (reason, _) in reasons.items()} == {
        "text.heic": "unsupported_format",
        "empty.jpg": "corrupt_file",
        "cut.JPG": "corrupt_file",
        "zero.jpeg": "corrupt_file",
        "plain.jpg": "no_exif",
    }
    for name, (_, message) in reasons.items():
        assert name in message
    assert "0 bytes" in reasons["empty.jpg"][1]
    assert result["IMPORTED"] == 2 and result["REJECTED"] == 5


def test_unexpected_errors_become_rejections(provider, tmp_path, monkeypatch):
    from farmland_grid_plugin.processing import import_evidence

    folder = tmp_path / "boom"
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        write_photo(folder / name, 117.2, 38.3)
    real = import_evidence.read_photo

    def flaky(path, data=None):
        if Path(path).name == "a.jpg":
            raise PermissionError(13, "Permission denied", str(path))
        if Path(path).name == "b.jpg":
            raise RuntimeError("a bug in a reader")
        return real(path, data)

    monkeypatch.setattr(import_evidence, "read_photo", flaky)
    result = run({"FOLDER": str(folder)})
    assert set(rows(result["OUTPUT"])) == {"c.jpg"}
    reasons = {f["file_name"]: (f["reason"], f["message"]) for f in result["OUTPUT_REJECTED"].getFeatures()}
    assert reasons["a.jpg"][0] == "unreadable_file" and "Permission denied" in reasons["a.jpg"][1]
    assert reasons["b.jpg"][0] == "corrupt_file" and "a bug in a reader" in reasons["b.jpg"][1]


def test_geopackage_cases_other_id_field_and_outputs(provider, tmp_path, cases):
    gpkg = tmp_path / "cases.gpkg"
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(gpkg))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    layer = dataset.CreateLayer("bhtb", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("JCBH", ogr.OFTString))
    for k, feature in enumerate(cases.getFeatures()):
        out = ogr.Feature(layer.GetLayerDefn())
        out.SetField("JCBH", f"1301232026{k:06d}")
        out.SetGeometry(ogr.CreateGeometryFromWkt(feature.geometry().asWkt()))
        layer.CreateFeature(out)
    dataset = None
    folder = tmp_path / "p"
    write_photo(folder / "x.jpg", *lonlat(CX + 340, CY + 40))
    write_photo(folder / "y.jpg", *lonlat(CX + 400, CY))  # 50 m east of case B: exactly at the limit
    write_photo(folder / "z.jpg", *lonlat(CX + 420, CY))
    output, rejected = tmp_path / "evidence.gpkg", tmp_path / "rejected.gpkg"
    result = run_algorithm(
        algorithm(),
        {
            "FOLDER": str(folder),
            "CASES": f"{gpkg}|layername=bhtb",
            "CASE_ID_FIELD": "JCBH",
            "MATCH_DISTANCE": 50.5,
            "OUTPUT": str(output),
            "OUTPUT_REJECTED": str(rejected),
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"], "evidence", "ogr")
    assert layer.isValid() and layer.crs().authid() == f"EPSG:{EPSG}"
    got = rows(layer)
    assert got["x.jpg"]["case_id"] == "1301232026000001" and got["x.jpg"]["case_distance_m"] == 0
    assert got["y.jpg"]["case_id"] == "1301232026000001" and got["y.jpg"]["case_distance_m"] == pytest.approx(50, abs=0.02)
    assert is_null(got["z.jpg"]["case_id"])
    aliases = {f.name(): f.alias() for f in layer.fields()}
    assert aliases["case_id"] == "案件编号" and aliases["taken"] == "拍摄时间(当地)"  # stored as the default style
    assert [f.name() for f in layer.fields()][1:] == [name for name, _, _ in EVIDENCE_FIELDS]  # after the GeoPackage fid
    table = QgsVectorLayer(result["OUTPUT_REJECTED"], "rejected", "ogr")
    assert table.isValid() and table.featureCount() == 0
    assert [f.name() for f in table.fields()][1:] == [name for name, _, _ in REJECTED_FIELDS]
    # Zero distance: only photos inside a case are matched.
    strict = rows(
        run(
            {
                "FOLDER": str(folder),
                "CASES": f"{gpkg}|layername=bhtb",
                "CASE_ID_FIELD": "JCBH",
                "MATCH_DISTANCE": 0,
                "MAX_DISTANCE": 0,
            }
        )["OUTPUT"]
    )
    assert strict["x.jpg"]["case_id"] == "1301232026000001" and is_null(strict["y.jpg"]["case_id"])


def test_sample_county_photos_find_their_patches(provider, county):
    manifest = json.loads((county.photo_dir / "manifest.json").read_text(encoding="utf-8"))
    result = run(
        {
            "FOLDER": str(county.photo_dir),
            "CASES": county.uri(county.changes_layer),
            "CASE_ID_FIELD": "JCBH",
            "PARCELS": county.uri(county.parcels_layer),
        }
    )
    got = rows(result["OUTPUT"])
    assert result["REJECTED"] == 0 and len(got) == len(manifest)
    parcels = open_layer(county.uri(county.parcels_layer))
    for entry in manifest:
        row = got[entry["file"]]
        assert row["case_id"] == entry["jcbh"], entry["file"]
        assert row["altitude_m"] == pytest.approx(entry["altitude"]) and row["direction_deg"] == pytest.approx(entry["direction"])
        if not is_null(row["parcel_fid"]):
            parcel = parcels.getFeature(row["parcel_fid"])
            assert parcel.geometry().contains(row.geometry())
            assert is_null(row["space_code"])  # the survey layer has no space codes yet


def test_wrong_parameters(provider, tmp_path, cases, parcels):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="does not exist"):
        run({"FOLDER": str(tmp_path / "nowhere")})
    folder = tmp_path / "ok"
    write_photo(folder / "a.jpg", *lonlat(CX, CY))
    with pytest.raises(QgsProcessingException, match="CASE_ID_FIELD"):
        run({"FOLDER": str(folder), "CASES": cases, "CASE_ID_FIELD": "JCBH"})
    feedback = RecordingFeedback()
    row = rows(run({"FOLDER": str(folder), "PARCELS": parcels, "SPACE_CODE_FIELD": "DKBM"}, feedback)["OUTPUT"])["a.jpg"]
    assert is_null(row["space_code"]) and not is_null(row["parcel_fid"])
    assert any("DKBM" in line for line in feedback.lines)
    empty = tmp_path / "empty"
    empty.mkdir()
    feedback = RecordingFeedback()
    result = run({"FOLDER": str(empty)}, feedback)
    assert result["IMPORTED"] == 0 and result["OUTPUT"].featureCount() == 0
    assert any("No JPEG or HEIC" in line for line in feedback.lines)


def test_geographic_cases_are_matched_in_metres(provider, tmp_path):
    """Cases in CGCS2000 degrees: distances are still measured in metres (a local transverse Mercator)."""
    to_4490 = pyproj.Transformer.from_crs(EPSG, 4490, always_xy=True)
    features = [
        (shapely.transform(square(CX + dx, CY, 50), lambda xy: np.column_stack(to_4490.transform(xy[:, 0], xy[:, 1]))), [name])
        for dx, name in ((0, "A-001"), (300, "B-002"))
    ]
    layer = memory_layer("Polygon", [("case_id", "string")], features, epsg=4490)
    folder = tmp_path / "geo"
    write_photo(folder / "north.jpg", *lonlat(CX, CY + 80))  # 30 m north of A
    write_photo(folder / "east.jpg", *lonlat(CX + 390, CY))  # 40 m east of B
    write_photo(folder / "far.jpg", *lonlat(CX + 150, CY + 200))
    result = run({"FOLDER": str(folder), "CASES": layer, "MATCH_DISTANCE": 50})
    assert result["OUTPUT"].crs().authid() == "EPSG:4490"
    got = rows(result["OUTPUT"])
    assert got["north.jpg"]["case_id"] == "A-001" and got["north.jpg"]["case_distance_m"] == pytest.approx(30, abs=0.1)
    assert got["east.jpg"]["case_id"] == "B-002" and got["east.jpg"]["case_distance_m"] == pytest.approx(40, abs=0.1)
    assert is_null(got["far.jpg"]["case_id"])
    assert got["north.jpg"]["x"] == pytest.approx(got["north.jpg"]["lon_wgs84"], abs=1e-9)  # x, y are degrees here


def test_rejected_table_is_optional(provider, tmp_path):
    folder = tmp_path / "opt"
    write_photo(folder / "a.jpg", 117.2, 38.3)
    (folder / "b.jpg").write_bytes(b"")
    result = run_algorithm(algorithm(), {"FOLDER": str(folder), "OUTPUT": "memory:"})
    assert result["IMPORTED"] == 1 and result["REJECTED"] == 1 and result["OUTPUT"].featureCount() == 1
    assert not result.get("OUTPUT_REJECTED")


def test_matched_photos_become_case_evidence_in_the_workspace(provider, county, tmp_path):
    """The loop: cases issued into a workspace, photos imported into it, evidence there for the review dock."""
    from farmland_grid_plugin.store import open_workspace

    workspace = tmp_path / "cases.gpkg"
    patches = [
        {"geometry": f.geometry(), "patch_id": f["JCBH"], "unit_code": "130123001001001"}
        for f in open_layer(county.uri(county.changes_layer)).getFeatures()
    ]
    store = open_workspace(str(workspace), crs=f"EPSG:{county.crs_epsg}").cases
    created, _ = store.issue(patches, "县自然资源局")
    manifest = json.loads((county.photo_dir / "manifest.json").read_text(encoding="utf-8"))
    params = {"FOLDER": str(county.photo_dir), "CASES": f"{workspace}|layername=cases", "WORKSPACE": str(workspace)}
    with pytest.raises(QgsProcessingException, match="Added by"):
        run(params)
    for _ in range(2):  # a second import adds nothing twice
        run({**params, "ACTOR": "张三"})
    by_case = defaultdict(set)
    for entry in manifest:
        by_case[entry["jcbh"]].add(entry["file"])
    for case_id in created:
        evidence = open_workspace(str(workspace), create=False).cases.evidence(case_id)
        assert {Path(e.path).name for e in evidence} == by_case.get(case_id, set())
        assert all(e.added_by == "张三" for e in evidence)
