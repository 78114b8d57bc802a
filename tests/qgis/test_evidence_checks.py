"""举证核验 with real files: the shared corpus photos re-tagged at known positions, directions and times around a
generated patch — one per flag and one clean — through importevidence, into a workspace, and the schema migration."""

import hashlib
import shutil
from datetime import date, datetime, timedelta, timezone

import pytest
from osgeo import ogr
from PIL import Image
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.schema import create_workspace_of_version, workspace_schema_version

from ..corpus import CORPUS
from .helpers import RecordingFeedback
from .test_case_store import sql
from .test_import_evidence import CX, CY, EPSG, dms, is_null, lonlat, rows, run, square

PHOTOS = CORPUS / "photos"
CHINA = timedelta(hours=8)
ISSUED, DUE = date(2026, 3, 2), date(2026, 3, 17)
TAKEN = datetime(2026, 3, 5, 10, 0)  # China time, between issue and due date
FAR_DUE = date(2099, 1, 1)  # case B in the workspace: no photo of it is late


def retag(source, target, x, y, direction=None, taken=TAKEN, gps_skew_s=0.0, accuracy=None, software="HUAWEI ALN-AL00"):
    """A corpus photo re-saved with the EXIF of a field photo taken at (x, y) of EPSG:4527: its pixels re-encoded,
    its own tags (Software among them) kept where ``software`` is None."""
    lon, lat = lonlat(x, y)
    with Image.open(source) as image:
        exif = image.getexif()
        picture = image.convert("RGB")
    if software is not None:
        exif[0x0131] = software
    gps_utc = taken - CHINA + timedelta(seconds=gps_skew_s)
    exif[0x8769] = {0x9003: taken.strftime("%Y:%m:%d %H:%M:%S"), 0x9011: "+08:00"}
    gps = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon), 7: (float(gps_utc.hour), float(gps_utc.minute), float(gps_utc.second))}
    gps[29] = gps_utc.strftime("%Y:%m:%d")
    if direction is not None:
        gps.update({16: "T", 17: float(direction)})
    if accuracy is not None:
        gps[31] = float(accuracy)
    exif[0x8825] = gps
    target.parent.mkdir(parents=True, exist_ok=True)
    picture.save(target, "JPEG", quality=90, exif=exif)
    return target


def case_layer(dated=True):
    """Case A: 100 m square at the origin, issued 2026-03-02, due 2026-03-17; case B 300 m east, without dates."""
    layer = QgsVectorLayer(
        f"Polygon?crs=EPSG:{EPSG}&field=case_id:string&field=issued_on:date&field=due_date:date", "c", "memory"
    )
    features = []
    for geom, values in (
        (square(CX, CY, 50), ["A-001", QDate(2026, 3, 2), QDate(2026, 3, 17)]),
        (square(CX + 300, CY, 50), ["B-002", None, None]),
    ):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        feature.setAttributes(values if dated else [values[0], None, None])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


@pytest.fixture
def field_photos(tmp_path):
    """One photo per flag and a clean one, from distinct corpus pictures; a duplicate pair; a re-saved near-duplicate."""
    folder = tmp_path / "photos"
    now = datetime.now(timezone(CHINA)).replace(tzinfo=None, microsecond=0)
    gps = sorted((PHOTOS / "gps").glob("*.jpg"))
    specs = {
        "clean.jpg": (gps[0], CX, CY, {"direction": 0.0, "accuracy": 5.0}),
        "far.jpg": (gps[1], CX, CY + 50 + 183, {"direction": 180.0}),  # 183 m north of A, facing it
        "away.jpg": (gps[2], CX, CY - 80, {"direction": 180.0}),  # 30 m south of A, facing south
        "nodir.jpg": (gps[3], CX - 20, CY, {}),
        "early.jpg": (gps[4], CX + 10, CY, {"direction": 90.0, "taken": datetime(2026, 2, 20, 9, 0)}),
        "late.jpg": (gps[5], CX + 20, CY, {"direction": 270.0, "taken": datetime(2026, 3, 30, 9, 0)}),
        "clock.jpg": (gps[6], CX, CY + 10, {"direction": 45.0, "gps_skew_s": -1500.0}),
        "poor.jpg": (gps[7], CX, CY - 10, {"direction": 135.0, "accuracy": 38.8}),
        "edited.jpg": (PHOTOS / "Canon_40D.jpg", CX + 5, CY + 5, {"direction": 225.0, "software": None}),  # GIMP 2.4.5
        "future.jpg": (gps[8], CX + 300, CY, {"direction": 10.0, "taken": now + timedelta(days=2)}),  # case B
        "dup_a.jpg": (PHOTOS / "mobile" / "jolla.jpg", CX - 10, CY - 10, {"direction": 315.0}),
        "similar_src.jpg": (PHOTOS / "Nikon_D70.jpg", CX - 30, CY + 30, {"direction": 300.0}),
    }
    for name, (source, x, y, extra) in specs.items():
        retag(source, folder / name, x, y, **extra)
    shutil.copy(folder / "dup_a.jpg", folder / "dup_b.jpg")  # the same bytes under another name
    # The same picture re-saved smaller and at a lower quality, tagged in case B.
    with Image.open(folder / "similar_src.jpg") as image:
        half = image.resize((image.width // 2, image.height // 2))
        half.save(folder / "resaved.jpg", "JPEG", quality=60)
    retag(folder / "resaved.jpg", folder / "similar_copy.jpg", CX + 310, CY + 10, direction=20.0)
    (folder / "resaved.jpg").unlink()
    return folder


EXPECTED = {
    "clean.jpg": "",
    "far.jpg": "far_from_patch",
    "away.jpg": "facing_away",
    "nodir.jpg": "no_direction",
    "early.jpg": "before_issue",
    "late.jpg": "after_due",
    "clock.jpg": "clock_mismatch",
    "poor.jpg": "poor_accuracy",
    "edited.jpg": "edited",
    "future.jpg": "future_time",
    "dup_a.jpg": "duplicate_photo",
    "dup_b.jpg": "duplicate_photo",
    "similar_src.jpg": "similar_photo",
    "similar_copy.jpg": "similar_photo",
}


def test_one_photo_per_flag(provider, field_photos):
    feedback = RecordingFeedback()
    result = run({"FOLDER": str(field_photos), "CASES": case_layer()}, feedback)
    got = rows(result["OUTPUT"])
    assert result["IMPORTED"] == len(EXPECTED) == len(got) and result["REJECTED"] == 0  # no flag drops a photo
    assert {name: row["checks"] for name, row in got.items()} == EXPECTED
    assert {name for name, row in got.items() if row["case_id"] == "B-002"} == {"future.jpg", "similar_copy.jpg"}
    assert got["far.jpg"]["case_distance_m"] == pytest.approx(183, abs=0.05)
    assert got["away.jpg"]["case_distance_m"] == pytest.approx(30, abs=0.05) and got["away.jpg"]["view_off_deg"] == 180
    assert got["clean.jpg"]["case_distance_m"] == 0 and got["clean.jpg"]["accuracy_m"] == 5
    assert got["clock.jpg"]["clock_skew_s"] == 1500 and got["clean.jpg"]["clock_skew_s"] == 0
    assert got["poor.jpg"]["accuracy_m"] == pytest.approx(38.8)
    assert got["edited.jpg"]["software"] == "GIMP 2.4.5"
    assert got["dup_a.jpg"]["duplicate_of"] == "A-001: dup_b.jpg" and got["dup_b.jpg"]["duplicate_of"] == "A-001: dup_a.jpg"
    assert got["dup_a.jpg"]["sha256"] == got["dup_b.jpg"]["sha256"]
    assert got["similar_copy.jpg"]["similar_of"] == "A-001: similar_src.jpg"
    assert got["similar_src.jpg"]["similar_of"] == "B-002: similar_copy.jpg"
    assert got["similar_copy.jpg"]["sha256"] != got["similar_src.jpg"]["sha256"]
    for name, row in got.items():
        data = (field_photos / name).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest() and row["size_bytes"] == len(data), name
        assert len(row["phash"]) == 16 and datetime.fromisoformat(row["read_at"].replace("Z", "+00:00")).tzinfo
    # Case A: 12 photos all round; case B: two photos pointing 10° apart.
    assert {row["case_checks"] for row in got.values() if row["case_id"] == "A-001"} == {""}
    assert {row["case_checks"] for row in got.values() if row["case_id"] == "B-002"} == {"too_few_photos,narrow_view"}
    assert any(line.startswith("Evidence checks: 13 of 14 photos flagged, 1 of 2 cases flagged") for line in feedback.lines)


def test_dates_only_where_the_cases_have_them(provider, field_photos):
    got = rows(run({"FOLDER": str(field_photos), "CASES": case_layer(dated=False)})["OUTPUT"])
    assert got["early.jpg"]["checks"] == got["late.jpg"]["checks"] == ""


def test_parameters_move_the_limits(provider, field_photos):
    params = {"MAX_DISTANCE": 200, "VIEW_HALF_ANGLE": 180, "GRACE_DAYS": 30, "MAX_CLOCK_SKEW": 30, "MAX_ACCURACY": 50}
    got = rows(run({"FOLDER": str(field_photos), "CASES": case_layer(), "MIN_PHOTOS": 1, "MIN_SPREAD": 0, **params})["OUTPUT"])
    for name in ("far.jpg", "away.jpg", "late.jpg", "clock.jpg", "poor.jpg"):
        assert got[name]["checks"] == "", name
    assert got["future.jpg"]["case_checks"] == ""


def test_real_corpus_figures(provider):
    got = {row["path"]: row for row in run({"FOLDER": str(PHOTOS)})["OUTPUT"].getFeatures()}
    heic = got[str(PHOTOS / "heic" / "IMG_5195.HEIC")]
    assert heic["checks"] == "poor_accuracy" and heic["accuracy_m"] == pytest.approx(38.813, abs=1e-3)
    assert is_null(heic["phash"]) or len(heic["phash"]) == 16  # Qt decodes HEIC only with a plugin
    # Nikon's clock was a day off its GPS receiver's.
    nikon = got[str(PHOTOS / "gps" / "DSCN0010.jpg")]
    assert set(nikon["checks"].split(",")) == {"no_direction", "clock_mismatch"} and abs(nikon["clock_skew_s"]) > 12 * 3600
    nokia = got[str(PHOTOS / "mobile" / "HMD_Nokia_8.3_5G.jpg")]
    assert nokia["checks"] == "" and nokia["clock_skew_s"] == pytest.approx(-1.0, abs=1)
    assert all(row["sha256"] and row["size_bytes"] for row in got.values())


def issue_cases(workspace):
    store = open_workspace(str(workspace), crs=f"EPSG:{EPSG}").cases
    patches = [
        {"geometry": QgsGeometry.fromWkt(square(CX, CY, 50).wkt), "patch_id": "A-001", "issued_on": ISSUED, "due_date": DUE},
        {
            "geometry": QgsGeometry.fromWkt(square(CX + 300, CY, 50).wkt),
            "patch_id": "B-002",
            "issued_on": ISSUED,
            "due_date": FAR_DUE,
        },
    ]
    store.issue(patches, "县自然资源局")
    return store


def test_workspace_keeps_flags_figures_and_files(provider, field_photos, tmp_path):
    workspace = tmp_path / "cases.gpkg"
    store = issue_cases(workspace)
    assert [(r.attributes["checks"], r.attributes["photo_count"]) for r in store.cases()] == [("no_photo", 0), ("no_photo", 0)]
    params = {"FOLDER": str(field_photos), "CASES": f"{workspace}|layername=cases", "WORKSPACE": str(workspace), "ACTOR": "张三"}
    got = rows(run(params)["OUTPUT"])
    evidence = {e.path.split("/")[-1]: e for e in store.evidence("A-001") + store.evidence("B-002")}
    assert {name: e.checks for name, e in evidence.items()} == {name: row["checks"] for name, row in got.items()}
    assert evidence["late.jpg"].checks == "after_due"  # the workspace's own dates
    far = evidence["far.jpg"]
    assert (
        far.distance_m == pytest.approx(183, abs=0.1)
        and far.sha256 == hashlib.sha256((field_photos / "far.jpg").read_bytes()).hexdigest()
    )
    assert (
        far.size_bytes == (field_photos / "far.jpg").stat().st_size
        and far.read_at.endswith("Z")
        and far.phash == got["far.jpg"]["phash"]
    )
    a, b = store.case("A-001").attributes, store.case("B-002").attributes
    assert (a["checks"], a["photo_count"], a["flagged_photos"]) == ("", 12, 11)
    assert (b["checks"], b["photo_count"], b["flagged_photos"]) == ("too_few_photos,narrow_view", 2, 2)
    assert b["view_spread_deg"] == pytest.approx(10)
    # Imported again: nothing added twice, and the stored photos are not duplicates of themselves.
    again = rows(run(params)["OUTPUT"])
    assert again["clean.jpg"]["checks"] == "" and again["dup_a.jpg"]["checks"] == "duplicate_photo"
    assert len(store.evidence("A-001")) == 12
    # A copy of a stored photo under another name, in another import: a duplicate of the stored one.
    other = tmp_path / "later"
    other.mkdir()
    shutil.copy(field_photos / "clean.jpg", other / "clean_again.jpg")
    later = rows(run({**params, "FOLDER": str(other)})["OUTPUT"])
    assert (
        later["clean_again.jpg"]["checks"] == "duplicate_photo" and later["clean_again.jpg"]["duplicate_of"] == "A-001: clean.jpg"
    )
    # The verdict events keep the flags the case had.
    store.apply("B-002", c.REPORT, "张三", verdict=c.LEGAL)
    store.apply("B-002", c.APPROVE, "审核员", note="现场复核无误", seen_checks=["similar_copy.jpg: edited"])
    events = store.events("B-002")
    assert [e.checks for e in events] == [
        "",
        "too_few_photos,narrow_view; future.jpg: future_time; similar_copy.jpg: similar_photo",
        "too_few_photos,narrow_view; future.jpg: future_time; similar_copy.jpg: similar_photo; similar_copy.jpg: edited",
    ]
    assert events[-1].note == "现场复核无误"


def add_row(layer, **values):
    feature = ogr.Feature(layer.GetLayerDefn())
    for name, value in values.items():
        if value is not None:
            feature.SetField(name, value)
    assert layer.CreateFeature(feature) == 0


def test_migration_from_version_3_keeps_evidence_unchecked(tmp_path):
    workspace = tmp_path / "v3.gpkg"
    create_workspace_of_version(workspace, 3, crs=f"EPSG:{EPSG}")
    dataset = ogr.Open(str(workspace), 1)
    for case_id, status in (("OLD", "reported"), ("BARE", "issued")):
        add_row(
            dataset.GetLayerByName("cases"), case_id=case_id, status=status, verdict="legal", updated_at="2025-03-01T00:00:00Z"
        )
    for n, direction in enumerate((10.0, 350.0, None)):
        add_row(dataset.GetLayerByName("evidence"), case_id="OLD", path=f"p{n}.jpg", direction_deg=direction, added_by="old")
    dataset = None
    columns = [row[1] for row in sql(workspace, "PRAGMA table_info(evidence)")]
    assert "checks" not in columns and "sha256" not in columns
    with open_workspace(workspace, create=False) as opened:
        assert opened.schema_version == 4 == workspace_schema_version(workspace)
        old, bare = opened.cases.case("OLD").attributes, opened.cases.case("BARE").attributes
        assert (old["checks"], old["photo_count"], old["view_spread_deg"], old["flagged_photos"]) == ("narrow_view", 3, 20.0, 0)
        assert (bare["checks"], bare["photo_count"]) == ("no_photo", 0)
        assert [(e.path, e.checks, e.sha256) for e in opened.cases.evidence("OLD")] == [
            (f"p{n}.jpg", None, None) for n in range(3)
        ]
        opened.cases.apply("OLD", c.APPROVE, "审核员", note="旧案")
        assert opened.cases.events("OLD")[-1].checks == "narrow_view"
    indexes = {row[1] for row in sql(workspace, "PRAGMA index_list(evidence)")}
    assert "evidence_sha256" in indexes


def test_sample_county_photos_placed_badly_on_purpose(provider, tmp_path):
    """The demo's photos: three a patch, four of them bad on purpose; the checks find exactly those."""
    import json

    from sample_county.county import CountyConfig, generate_county

    from .helpers import open_layer

    county = generate_county(
        tmp_path / "county", CountyConfig(townships=2, villages=2, groups=2, parcels=800, photos=12, track_weeks=1)
    )
    manifest = json.loads((county.photo_dir / "manifest.json").read_text(encoding="utf-8"))
    workspace = tmp_path / "cases.gpkg"
    store = open_workspace(str(workspace), crs=f"EPSG:{county.crs_epsg}").cases
    patches = [
        {"geometry": f.geometry(), "patch_id": f["JCBH"], "issued_on": date(2026, 3, 2)}
        for f in open_layer(county.uri(county.changes_layer)).getFeatures()
    ]
    store.issue(patches, "县自然资源局")
    params = {
        "FOLDER": str(county.photo_dir),
        "CASES": f"{workspace}|layername=cases",
        "WORKSPACE": str(workspace),
        "ACTOR": "张三",
    }
    got = rows(run(params)["OUTPUT"])
    assert len(got) == 12 and all(got[e["file"]]["case_id"] == e["jcbh"] for e in manifest)
    assert {e["file"]: got[e["file"]]["checks"] for e in manifest} == {e["file"]: e["flag"] for e in manifest}
    assert sorted(e["flag"] for e in manifest if e["flag"]) == [
        "before_issue",
        "duplicate_photo",
        "duplicate_photo",
        "facing_away",
        "far_from_patch",
    ]
    assert got["IMG_0002.jpg"]["case_distance_m"] > 100
    # The copy leaves the fourth patch two photos: a case-level flag too.
    by_case = {e["jcbh"] for e in manifest}
    flags = {case_id: store.case(case_id).attributes["checks"] for case_id in by_case}
    assert sorted(flags.values()) == ["", "", "", "too_few_photos"]
