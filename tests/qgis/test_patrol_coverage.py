"""farmlandgrid:patrolcoverage: tracks with a known schedule, the sample county's GPX files and the real GPX corpus."""

import csv
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, Qt

from ..corpus import CORPUS as SHARED_CORPUS
from .helpers import RecordingFeedback, open_layer, run_algorithm

CORPUS = SHARED_CORPUS / "gpx"
FARMLAND = ("0101", "0102", "0103")


def grid_of(county, tmp_path):
    out = tmp_path / "grid.gpkg"
    run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(county.roster_csv),
            "OUTPUT": str(out),
            "OUTPUT_ISSUES": "memory:",
        },
    )
    return open_layer(out, "grid")


def farmland_by_group(county):
    groups = defaultdict(list)
    for f in open_layer(county.uri(county.parcels_layer)).getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            groups[f["ZLDWDM"][:15]].append(f.geometry())
    return groups


def utc_ms(*args):
    return QDateTime.fromMSecsSinceEpoch(int(datetime(*args, tzinfo=timezone.utc).timestamp() * 1000), Qt.UTC)


class Tracks:
    """A memory point layer of patrol tracks in the county's CRS."""

    def __init__(self, crs):
        self.layer = QgsVectorLayer(
            f"Point?crs={crs}&field=track_id:string&field=time:datetime&field=patroller:string", "t", "memory"
        )
        self.features = []

    def add(self, track_id, who, start, points, step_s=20, times=None):
        for i, point in enumerate(points):
            feature = QgsFeature(self.layer.fields())
            when = times[i] if times is not None else start + timedelta(seconds=step_s * i)
            stamp = None if when is None else QDateTime.fromMSecsSinceEpoch(int(when.timestamp() * 1000), Qt.UTC)
            feature.setAttributes([track_id, stamp, who])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*point)))
            self.features.append(feature)
        return points

    def done(self):
        assert self.layer.dataProvider().addFeatures(self.features)
        return self.layer


def walk(geometries):
    """A path through the inner points of parcels, densified to 10 m steps so that the speed is plausible."""
    points = []
    stops = [g.pointOnSurface().asPoint() for g in geometries]
    for a, b in zip(stops, stops[1:] + stops[-1:]):
        steps = max(int(a.distance(b) / 10.0), 1)
        points += [(a.x() + (b.x() - a.x()) * k / steps, a.y() + (b.y() - a.y()) * k / steps) for k in range(steps)]
    return points


def local(*args):
    """A Beijing wall-clock time as an aware datetime."""
    return datetime(*args, tzinfo=timezone(timedelta(hours=8)))


def features_of(layer_id):
    layer = layer_id if isinstance(layer_id, QgsVectorLayer) else open_layer(layer_id)
    return list(layer.getFeatures())


@pytest.fixture(params=["memory", "gpkg"])
def schedule(request, provider, county, tmp_path):
    """The known schedule, from a memory layer (read through QGIS) and a GeoPackage (read through GDAL's SQL)."""
    grid = grid_of(county, tmp_path)
    groups = farmland_by_group(county)
    codes = sorted(g for g in groups if not g.endswith("000"))  # real villager groups
    g1, g2 = codes[0], codes[-1]  # first and last township: far apart
    tracks = Tracks(f"EPSG:{county.crs_epsg}")
    tracks.add("t1", "张三", local(2026, 3, 2, 9, 0), walk(groups[g1]))
    # Sunday 17:00 UTC is Monday 01:00 in Beijing: the patrol belongs to the next local week.
    tracks.add("t2", "张三", datetime(2026, 3, 8, 17, 0, tzinfo=timezone.utc), walk(groups[g1]))
    partial = tracks.add("t3", "李四", local(2026, 3, 4, 9, 0), walk(groups[g2][:2]))
    tracks.add("t4", "李四", local(2026, 3, 17, 9, 0), walk(groups[g2]))
    # Bad input: no times; a GPS jump and a duplicate; far away from the grid.
    tracks.add("no_time", "王五", None, walk(groups[g1][:3]), times=[None] * len(walk(groups[g1][:3])))
    jumpy = walk(groups[g2][:3])
    jumpy = jumpy[:5] + [(jumpy[4][0] + 50000.0, jumpy[4][1])] + jumpy[5:]
    jumpy_times = [local(2026, 3, 10, 9, 0) + timedelta(seconds=20 * i) for i in range(len(jumpy))]
    tracks.add("jumpy", "王五", None, jumpy + [jumpy[-1]], times=jumpy_times + [jumpy_times[-1]])
    far = [(p[0] + 200000.0, p[1]) for p in walk(groups[g1][:3])]
    tracks.add("far", "赵六", local(2026, 3, 6, 9, 0), far)
    feedback = RecordingFeedback()
    layer = tracks.done()
    if request.param == "gpkg":
        path = tmp_path / "tracks.gpkg"
        options = QgsVectorFileWriter.SaveVectorOptions()
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsProject.instance().transformContext(), options)
        assert error[0] == QgsVectorFileWriter.NoError, error
        layer = open_layer(path, "tracks")  # QGIS 3.22 wrote the UTC times without their zone
    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACKS": layer,
            "ZONELESS_TIMES": 1 if request.param == "gpkg" else 0,
            "GRID": grid,
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 3, 2),
            "END": QDate(2026, 3, 18),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_TRACKS": "memory:",
            "OUTPUT_SUMMARY": "memory:",
            "OUTPUT_REJECTED": "memory:",
            "OUTPUT_LEDGER": str(tmp_path / "ledger.csv"),
        },
        feedback,
    )
    return {"result": result, "g1": g1, "g2": g2, "groups": groups, "partial": partial, "feedback": feedback, "tmp": tmp_path}


def test_known_schedule(schedule):
    result, g1, g2 = schedule["result"], schedule["g1"], schedule["g2"]
    periods = {(f["grid_code"], f["period_start"].toString(Qt.ISODate)): f for f in features_of(result["OUTPUT_PERIODS"])}
    status = {k: (f["status"], f["patrol_count"]) for k, f in periods.items() if k[0] in (g1, g2)}
    assert status == {
        (g1, "2026-03-02"): ("completed", 1),
        (g1, "2026-03-09"): ("completed", 1),  # the Sunday-evening-UTC patrol
        (g1, "2026-03-16"): ("pending", 0),  # still open at END
        (g2, "2026-03-02"): ("overdue", 0),  # only a partial patrol
        (g2, "2026-03-09"): ("overdue", 0),
        (g2, "2026-03-16"): ("completed", 1),
    }
    assert periods[(g1, "2026-03-02")]["period_end"] == QDate(2026, 3, 8)
    assert periods[(g1, "2026-03-02")]["coverage"] == 1.0
    assert periods[(g1, "2026-03-02")]["patrollers"] == "张三"
    # The partial patrol's best coverage: parcels of g2 within 30 m of its path, measured here with QGIS.
    path = QgsGeometry.fromPolylineXY([QgsPointXY(*p) for p in schedule["partial"]])
    near = sum(1 for g in schedule["groups"][g2] if g.distance(path) <= 30.0)
    coverage = periods[(g2, "2026-03-02")]["coverage"]
    assert coverage == pytest.approx(near / len(schedule["groups"][g2]), abs=1e-4)
    assert 0 < coverage < 0.5
    # Village and township periods are calendar months and quarters, still open on 18 March.
    village = periods[(g1[:12], "2026-03-01")]
    assert (village["period_end"], village["status"] in ("completed", "pending")) == (QDate(2026, 3, 31), True)
    assert periods[(g1[:9], "2026-01-01")]["period_end"] == QDate(2026, 3, 31)
    assert len([k for k in periods if k[0] == g1]) == 3


def test_cells_parcels_and_rejections(schedule):
    result, g1, g2 = schedule["result"], schedule["g1"], schedule["g2"]
    cells = {f["grid_code"]: f for f in features_of(result["OUTPUT_CELLS"])}
    assert (cells[g1]["periods_required"], cells[g1]["periods_completed"], cells[g1]["periods_overdue"]) == (3, 2, 0)
    assert cells[g1]["compliance_pct"] == 100.0
    assert (cells[g2]["periods_completed"], cells[g2]["periods_overdue"], cells[g2]["compliance_pct"]) == (1, 2, 33.3)
    assert cells[g1]["last_patrol"] == QDate(2026, 3, 9)
    assert cells[g1]["parcels_never_visited"] == 0
    assert cells[g1]["farmland_count"] == len(schedule["groups"][g1])
    assert cells[g1].geometry().area() > 0
    parcels = features_of(result["OUTPUT_PARCELS"])
    in_g1 = [f for f in parcels if f["grid_code"] == g1]
    assert len(in_g1) == len(schedule["groups"][g1])
    assert all(f["visit_count"] >= 2 and f["last_visit"] == QDate(2026, 3, 9) and f["days_since_visit"] == 9 for f in in_g1)
    untouched = [f for f in parcels if f["grid_code"] and f["grid_code"][:9] not in (g1[:9], g2[:9])]
    assert untouched and all(f["visit_count"] == 0 and f["days_since_visit"] == NULL for f in untouched)
    rejected = {f["track_id"]: f["reason"] for f in features_of(result["OUTPUT_REJECTED"])}
    assert rejected == {"no_time": "no_times", "far": "outside_grid"}
    tracks = {f["track_id"]: f for f in features_of(result["OUTPUT_TRACKS"])}
    assert sorted(tracks) == ["far", "jumpy", "t1", "t2", "t3", "t4"]  # every track in the window, for replay
    assert tracks["t2"]["local_date"] == QDate(2026, 3, 9)
    assert tracks["t2"]["start_time"] == utc_ms(2026, 3, 8, 17, 0)
    assert tracks["jumpy"]["length_km"] < 1.0  # the 50 km jump is not walked
    log = "\n".join(schedule["feedback"].lines)
    assert "1 duplicates dropped, 1 GPS jumps dropped" in log
    assert "Periods:" in log


def test_ledger_and_township_summary(schedule):
    result, g1 = schedule["result"], schedule["g1"]
    with open(result["OUTPUT_LEDGER"], encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    mine = [r for r in rows if r["网格编码"] == g1]
    assert [(r["月份"], r["巡查日期"], r["开始时间"], r["巡查人"], r["覆盖率(%)"]) for r in mine] == [
        ("2026-03", "2026-03-02", "09:00", "张三", "100.0"),
        ("2026-03", "2026-03-09", "01:00", "张三", "100.0"),
    ]
    assert any(r["备注"] == "本月无有效巡查记录" for r in rows)
    summary = features_of(result["OUTPUT_SUMMARY"])
    by_township = {f["township_code"]: f for f in summary}
    # March periods that ended by 18 March: the weeks of 2 and 9 March of each group.
    first = by_township[g1[:9]]
    groups_in_township = len({g for g in schedule["groups"] if g[:9] == g1[:9] and not g.endswith("000")})
    assert (first["month"], first["periods_due"]) == ("2026-03", 2 * groups_in_township)
    assert first["periods_completed"] >= 2
    assert min(f["rank"] for f in summary) == 1


def test_sample_county_gpx(provider, county, tmp_path):
    grid = grid_of(county, tmp_path)
    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(county.gpx_dir),
            "GRID": grid,
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 1, 5),
            "END": QDate(2026, 1, 11),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_POINTS": str(tmp_path / "points.gpkg"),
            "OUTPUT_REJECTED": "memory:",
        },
    )
    township = min(f["ZLDWDM"][:9] for f in open_layer(county.uri(county.parcels_layer)).getFeatures())
    weekly = [f for f in features_of(result["OUTPUT_PERIODS"]) if f["level"] == 6]
    assert {f["period_start"] for f in weekly} == {QDate(2026, 1, 5)}
    status = Counter((f["grid_code"][:9] == township, f["status"]) for f in weekly)
    tracked = sum(n for (mine, _), n in status.items() if mine)
    assert status[(True, "completed")] == tracked > 0
    assert status[(False, "overdue")] == len(weekly) - tracked
    assert all(f["coverage"] == 1.0 and f["patrollers"] for f in weekly if f["grid_code"][:9] == township)
    assert not features_of(result["OUTPUT_REJECTED"])
    points = open_layer(result["OUTPUT_POINTS"], "points")
    assert points.featureCount() > 100 and points.fields().field("time").alias() == "时间"
    # QGIS 3.22 resets temporal settings after a layer's default style loads on opening; loading it again
    # (Layer Properties › Style › Default) gives the replay settings stored in the GeoPackage.
    assert not points.temporalProperties().isActive()
    points.loadDefaultStyle()
    assert points.temporalProperties().isActive() and points.temporalProperties().startField() == "time"


def test_track_replay_when_loaded_into_the_project(provider, county, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    results = processing.runAndLoadResults(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(county.gpx_dir),
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 1, 5),
            "END": QDate(2026, 1, 11),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_TRACKS": "memory:",
            "OUTPUT_POINTS": "memory:",
        },
        context=QgsProcessingContext(),
        feedback=RecordingFeedback(),
    )
    try:
        points = QgsProject.instance().mapLayer(results["OUTPUT_POINTS"])
        tracks = QgsProject.instance().mapLayer(results["OUTPUT_TRACKS"])
        assert points.temporalProperties().isActive() and points.temporalProperties().startField() == "time"
        assert tracks.temporalProperties().isActive() and tracks.temporalProperties().endField() == "end_time"
        index = points.fields().lookupField("time")
        assert points.minimumValue(index).date() >= QDate(2026, 1, 4) and points.maximumValue(index).date() <= QDate(2026, 1, 11)
        cells = QgsProject.instance().mapLayer(results["OUTPUT_CELLS"])
        assert cells.renderer().type() == "RuleRenderer" and cells.fields().field("compliance_pct").alias() == "巡田率(%)"
    finally:
        QgsProject.instance().removeAllMapLayers()


# Every file of the real GPX corpus: imported (its tracks then lie far outside this county) or rejected with a reason.
CORPUS_EXPECTED = {
    "Mojstrovka.gpx": {"too_few_points": 1},  # every point carries the same bogus 1901 time
    "around-visnjan-with-car.gpx": {"outside_grid": 1},
    "cerknicko-jezero-no-creator.gpx": {"empty_track": 1, "outside_grid": 7},
    "cerknicko-jezero-with-elevations-zero.gpx": {"empty_track": 1, "outside_grid": 7},
    "cerknicko-jezero-without-elevations.gpx": {"empty_track": 1, "outside_grid": 7},
    "cerknicko-jezero.gpx": {"empty_track": 1, "outside_grid": 7},
    "cerknicko-without-times.gpx": {"empty_track": 1, "no_times": 6, "outside_grid": 1},
    "custom_schema_locations.gpx": {"no_tracks": 1},
    "default_schema_locations.gpx": {"no_tracks": 1},
    "first_and_last_elevation.gpx": {"outside_grid": 1},
    "gpx-with-node-with-comments.gpx": {"too_few_points": 1},
    "gpx1.0_with_all_fields.gpx": {"too_few_points": 1, "empty_track": 1},
    "gpx1.1_with_all_fields.gpx": {"too_few_points": 1, "empty_track": 1},
    "gpx1.1_with_extensions.gpx": {"no_tracks": 1},
    "gpx1.1_with_extensions_without_namespaces.gpx": {"no_tracks": 1},
    "gpx_with_garmin_extension.gpx": {"no_tracks": 1},
    "korita-zbevnica.gpx": {"empty_track": 1, "no_times": 1, "outside_grid": 2},
    "route.gpx": {"no_tracks": 1},
    "track-with-empty-segment.gpx": {"outside_grid": 1},
    "track-with-extremes.gpx": {"no_times": 1},
    "track-with-less-sec-time.gpx": {"outside_grid": 1},
    "track-with-small-floats.gpx": {"no_times": 1},
    "track_with_dilution_errors.gpx": {"no_times": 1},
    "track_with_speed.gpx": {"outside_grid": 1},
    "unicode.gpx": {"no_tracks": 1},
    "unicode2.gpx": {"no_tracks": 1},
    "unicode_with_bom.gpx": {"no_tracks": 1},
    "unicode_with_bom_noencoding.gpx": {"no_tracks": 1},
}


def test_real_gpx_corpus(provider, county, tmp_path):
    assert sorted(p.name for p in CORPUS.glob("*.gpx")) == sorted(CORPUS_EXPECTED), "a corpus file without an expectation"
    feedback = RecordingFeedback()
    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(CORPUS),
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(1900, 1, 1),
            "END": QDate(2030, 12, 31),
            "TIMEZONE": "Europe/Ljubljana",
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "FREQUENCY_GROUP": 5,  # yearly: 131 years of weekly periods would only slow the test
            "OUTPUT_REJECTED": "memory:",
        },
        feedback,
    )
    found = defaultdict(Counter)
    for f in features_of(result["OUTPUT_REJECTED"]):
        found[f["source"]][f["reason"]] += 1
        assert f["message"]
    assert {k: dict(v) for k, v in found.items()} == CORPUS_EXPECTED
    periods = features_of(result["OUTPUT_PERIODS"])
    assert periods and all(f["status"] != "completed" for f in periods)
    assert any("no time zone" in line for line in feedback.lines)  # gpx1.x_with_all_fields have zone-less times


def _single_patrol(provider, county, tmp_path, tracks, **extra):
    groups = farmland_by_group(county)
    group = sorted(g for g in groups if not g.endswith("000"))[0]
    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACKS": tracks(groups[group]),
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 3, 2),
            "END": QDate(2026, 3, 8),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            **extra,
        },
    )
    return next(f for f in features_of(result["OUTPUT_PERIODS"]) if f["grid_code"] == group)


def test_line_layer_with_start_and_end_times(provider, county, tmp_path):
    def lines(parcels):
        layer = QgsVectorLayer(
            f"LineString?crs=EPSG:{county.crs_epsg}&field=time:datetime&field=end_time:datetime&field=patroller:string",
            "l",
            "memory",
        )
        feature = QgsFeature(layer.fields())
        feature.setAttributes([utc_ms(2026, 3, 3, 1, 0), utc_ms(2026, 3, 3, 3, 0), "张三"])
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*p) for p in walk(parcels)]))
        assert layer.dataProvider().addFeatures([feature])
        return layer

    period = _single_patrol(provider, county, tmp_path, lines)
    assert (period["status"], period["coverage"], period["patrollers"]) == ("completed", 1.0, "张三")


@pytest.mark.parametrize("datum, completed", [(1, True), (0, False)])
def test_gcj02_tracks(provider, county, tmp_path, datum, completed):
    """A phone app's GCJ-02 track counts once converted back; read as WGS 84 it lies hundreds of metres off."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    from farmland_grid_plugin.domain.datum import wgs84_to_gcj02

    def gcj_points(parcels):
        to_wgs84 = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem(f"EPSG:{county.crs_epsg}"),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsProject.instance(),
        )
        lonlat = [to_wgs84.transform(QgsPointXY(*p)) for p in walk(parcels)]
        lon, lat = wgs84_to_gcj02([p.x() for p in lonlat], [p.y() for p in lonlat])
        tracks = Tracks("EPSG:4326")
        tracks.add("app", "张三", local(2026, 3, 3, 9, 0), list(zip(lon.tolist(), lat.tolist())))
        return tracks.done()

    period = _single_patrol(provider, county, tmp_path, gcj_points, DATUM=datum)
    assert (period["status"] == "completed") is completed
    if not completed:
        assert period["coverage"] < 0.5


def test_grid_in_geographic_crs(provider, county, tmp_path):
    """A CGCS2000 (degrees) grid: distances are measured in a transverse Mercator on the grid's longitude,
    and the answer is that of the projected grid."""
    grid = grid_of(county, tmp_path)
    geographic = run_algorithm(
        "native:reprojectlayer", {"INPUT": grid, "TARGET_CRS": "EPSG:4490", "OUTPUT": str(tmp_path / "grid_4490.gpkg")}
    )["OUTPUT"]

    def statuses(grid_layer):
        result = run_algorithm(
            "farmlandgrid:patrolcoverage",
            {
                "TRACK_FOLDER": str(county.gpx_dir),
                "GRID": grid_layer,
                "PARCELS": county.uri(county.parcels_layer),
                "START": QDate(2026, 1, 5),
                "END": QDate(2026, 1, 11),
                "OUTPUT_PERIODS": "memory:",
                "OUTPUT_CELLS": "memory:",
                "OUTPUT_PARCELS": "memory:",
            },
        )
        return {(f["grid_code"], f["status"], round(f["coverage"], 6)) for f in features_of(result["OUTPUT_PERIODS"])}

    projected = statuses(grid)
    assert any(status == "completed" for _, status, _ in projected)
    assert statuses(geographic) == projected


def test_each_line_keeps_its_own_start_time(provider, county, tmp_path):
    """Vertex times are spread along each line from its own start: a second line is not shifted by the first."""
    groups = farmland_by_group(county)
    first, second = sorted(g for g in groups if not g.endswith("000"))[:2]
    layer = QgsVectorLayer(f"LineString?crs=EPSG:{county.crs_epsg}&field=time:datetime&field=end_time:datetime", "l", "memory")
    starts = [utc_ms(2026, 3, 3, 1, 0), utc_ms(2026, 3, 4, 15, 30)]  # the second: 23:30 in Beijing, still 4 March
    features = []
    for group, start in zip((first, second), starts):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([start, start.addSecs(7200)])
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*p) for p in walk(groups[group])]))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACKS": layer,
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 3, 2),
            "END": QDate(2026, 3, 8),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_TRACKS": "memory:",
        },
    )
    tracks = sorted(features_of(result["OUTPUT_TRACKS"]), key=lambda f: f["start_time"])
    assert [(f["start_time"], f["local_date"]) for f in tracks] == [
        (starts[0], QDate(2026, 3, 3)),
        (starts[1], QDate(2026, 3, 4)),
    ]
    assert tracks[1]["end_time"] == starts[1].addSecs(7200)


def test_weekly_parameters_in_front_the_rest_advanced(provider):
    from qgis.core import QgsProcessingParameterDefinition

    algorithm = provider.algorithm("patrolcoverage")
    shown = [
        p.name()
        for p in algorithm.parameterDefinitions()
        if not p.flags() & QgsProcessingParameterDefinition.FlagAdvanced and not p.isDestination()
    ]
    assert shown == ["TRACKS", "TRACK_FOLDER", "GRID", "PARCELS", "START", "END"]
    advanced = [p for p in algorithm.parameterDefinitions() if p.flags() & QgsProcessingParameterDefinition.FlagAdvanced]
    assert len(advanced) == 22 and all(p.help() for p in advanced)  # 22 with the input encoding
    # Help is shown as HTML by the dialog and as plain text by qgis_process: the GPX element is named without angle
    # brackets (<desc> would vanish as an unknown tag, &lt;desc&gt; would print as such).
    for text in [algorithm.shortHelpString()] + [p.help() for p in advanced]:
        assert "<desc>" not in text and "<trk>" not in text
    assert "desc" in algorithm.shortHelpString() and "&lt;" not in algorithm.shortHelpString()


def test_replay_points_are_single_points(provider, county, tmp_path):
    from qgis.core import QgsWkbTypes

    result = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(county.gpx_dir),
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2026, 1, 5),
            "END": QDate(2026, 1, 11),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_POINTS": "memory:",
        },
    )
    points = result["OUTPUT_POINTS"]
    assert points.wkbType() == QgsWkbTypes.Point
    assert {f.geometry().wkbType() for f in points.getFeatures()} == {QgsWkbTypes.Point}


def _gpx_folder_run(county, tmp_path, name, files):
    folder = tmp_path / name
    folder.mkdir()
    for file_name, data in files.items():
        (folder / file_name).write_bytes(data)
    return run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(folder),
            "GRID": grid_of(county, tmp_path),
            "PARCELS": county.uri(county.parcels_layer),
            "START": QDate(2000, 1, 1),
            "END": QDate(2030, 12, 31),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_POINTS": "memory:",
            "OUTPUT_TRACKS": "memory:",
            "OUTPUT_REJECTED": "memory:",
        },
    )


def test_a_cut_gpx_file_keeps_every_complete_track_and_point(provider, county, tmp_path):
    source = sorted(county.gpx_dir.glob("*.gpx"))[0]
    data = source.read_bytes()
    cut_at = data.rindex(b"<trkpt", 0, len(data) * 3 // 4) + 20  # inside a point three quarters through
    # The same points closed by hand: what the cut file must give.
    whole = data[: data.rindex(b"</trkpt>", 0, cut_at) + len(b"</trkpt>")] + b"</trkseg></trk></gpx>"
    cut = _gpx_folder_run(county, tmp_path, "cut", {source.name: data[:cut_at]})
    closed = _gpx_folder_run(county, tmp_path, "closed", {source.name: whole})
    rejected = features_of(cut["OUTPUT_REJECTED"])
    truncated = [f for f in rejected if f["reason"] == "truncated_file"]
    assert len(truncated) == 1 and truncated[0]["source"] == source.name
    line = data[:cut_at].count(b"\n") + 1
    assert f"line {line}" in truncated[0]["message"] or f"第 {line} 行" in truncated[0]["message"]
    assert [f.attributes() for f in rejected if f["reason"] != "truncated_file"] == [
        f.attributes() for f in features_of(closed["OUTPUT_REJECTED"])
    ]  # no track called empty that had points
    for key in ("OUTPUT_TRACKS", "OUTPUT_POINTS", "OUTPUT_PERIODS"):
        assert [f.attributes() for f in features_of(cut[key])] == [f.attributes() for f in features_of(closed[key])], key
    assert len(features_of(cut["OUTPUT_POINTS"])) > 0
