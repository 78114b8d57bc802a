"""farmlandgrid:runcounties: a city of three small generated counties through the batch, in worker children."""

import math
import shutil
import sqlite3
import subprocess

import pytest
import shapely
import shapely.affinity
from osgeo import gdal, ogr
from qgis import processing
from qgis.core import QgsApplication, QgsProcessingFeedback

from farmland_grid_plugin.services import batch, batch_workers, county_inputs
from sample_county.city import generate_city
from sample_county.county import CountyConfig

CONFIG = CountyConfig(townships=2, villages=3, groups=2, parcels=600, photos=0, track_weeks=1)
KEYS = ("grid_code", "level", "unit_name", "farmland_mu", "farmland_count", "parcel_count", "persons", "phones")


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 - the QGIS names
        self.errors.append(error)


def rows(gpkg, sql):
    with sqlite3.connect(str(gpkg)) as db:
        return db.execute(sql).fetchall()


def cells(gpkg, where="1", table="grid_cells"):
    return {r[0]: r for r in rows(gpkg, f"SELECT {', '.join(KEYS)} FROM {table} WHERE {where}")}


def run_batch(city, output, counties, **extra):
    log = Log()
    results = processing.run(
        "farmlandgrid:runcounties",
        {
            "COUNTIES": counties,
            "ROSTER": str(city.roster_csv),
            "TARGETS": str(city.targets_csv),
            "PBF": city.uri(city.pbf_layer),
            "CHANGES": city.uri(city.changes_layer),
            "WORKERS": 2,
            "OUTPUT": str(output),
            **extra,
        },
        feedback=log,
    )
    return results, log


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return generate_city(tmp_path_factory.mktemp("city"), CONFIG, counties=3)


@pytest.fixture(scope="module")
def broken(city, tmp_path_factory):
    """Two county files that cannot run: one in a wrong CRS (Gauss-Krüger metres labelled as CGCS2000 degrees), one
    without the location code field (its child fails)."""
    folder = tmp_path_factory.mktemp("broken")
    source = city.counties[0].gpkg
    wrong_crs = folder / "wrong_crs.gpkg"
    options = gdal.VectorTranslateOptions(layers=["dltb"], dstSRS="EPSG:4490", reproject=False)  # assigned, not reprojected
    gdal.VectorTranslate(str(wrong_crs), str(source), options=options)
    no_code = folder / "no_code.gpkg"
    shutil.copy(source, no_code)
    with sqlite3.connect(no_code) as db:
        db.execute("ALTER TABLE dltb RENAME COLUMN ZLDWDM TO ZLDWDM_OLD")
    return [f"{wrong_crs}|layername=dltb", f"{no_code}|layername=dltb"]


def good(city):
    return [c.uri(c.parcels_layer) for c in city.counties]


@pytest.fixture(scope="module")
def first_run(qgis_processing, city, broken, tmp_path_factory):
    from farmland_grid_plugin.processing.provider import FarmlandGridProvider

    from .conftest import _registered

    registry = QgsApplication.processingRegistry()
    if registry.providerById("farmlandgrid") is None:  # as the provider fixture does, for the whole module
        _registered.append(FarmlandGridProvider())
        registry.addProvider(_registered[-1])
    output = tmp_path_factory.mktemp("batch") / "city.gpkg"
    results, log = run_batch(city, output, good(city) + broken)
    return output, results, log


def test_city_cell_is_the_sum_of_its_counties(first_run, city):
    output, results, _log = first_run
    assert results["MERGED"] == 3 and results["FAILED"] == 2
    merged = cells(output)
    counties = [r for r in merged.values() if r[1] == 3]
    assert sorted(r[0] for r in counties) == ["130123", "130124", "130125"]
    city_cell, province = merged["1301"], merged["13"]
    assert city_cell[1] == 2 and province[1] == 1
    assert math.isclose(city_cell[3], sum(r[3] for r in counties), abs_tol=0.01)
    assert city_cell[4] == sum(r[4] for r in counties) and city_cell[5] == sum(r[5] for r in counties)
    assert city_cell[6]  # the city's persons from the roster
    assert {r[0] for r in rows(output, "SELECT parent_code FROM grid_cells WHERE level = 3")} == {"1301"}
    # Every county's units, one 合计 for the city; the change patches each once, with their persons.
    units = rows(output, "SELECT unit_code, farmland_mu FROM quota_units")
    assert [u for u in units if u[0] == "TOTAL"] == [
        ("TOTAL", pytest.approx(sum(u[1] for u in units if u[0] != "TOTAL"), abs=0.01))
    ]
    patches = rows(output, "SELECT patch_id, county_code, persons FROM quota_changes")
    assert len(patches) == len({p[0] for p in patches}) == rows(city.gpkg, "SELECT count(*) FROM bhtb")[0][0]
    assert all(p[2] for p in patches if p[1])
    # Roster rows of the other counties and of the city are no issue once merged.
    assert rows(output, "SELECT count(*) FROM grid_issues WHERE issue_type = 'roster_unknown_unit'") == [(0,)]


def test_codes_unique_and_registered(first_run):
    output, _results, _log = first_run
    coded = rows(output, "SELECT count(space_code), count(DISTINCT space_code) FROM coded_parcels")[0]
    assert coded[0] == coded[1] > 0
    registered = {r[0] for r in rows(output, "SELECT space_code FROM space_code_registry")}
    assert registered == {r[0] for r in rows(output, "SELECT space_code FROM coded_parcels WHERE space_code IS NOT NULL")}
    # The merged layers keep an R-tree holding every parcel and GDAL's feature count.
    parcels = rows(output, "SELECT count(*) FROM coded_parcels")
    assert rows(output, "SELECT count(*) FROM rtree_coded_parcels_geom") == parcels
    dataset = gdal.OpenEx(str(output))
    assert [(dataset.GetLayerByName("coded_parcels").GetFeatureCount(),)] == parcels
    assert rows(output, "SELECT count(*) FROM rtree_grid_cells_geom") == rows(output, "SELECT count(*) FROM grid_cells")


def test_county_cells_equal_single_county_run(provider, first_run, city, tmp_path):
    output, _results, _log = first_run
    county = city.counties[1]
    single = tmp_path / "single.gpkg"
    processing.run(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(city.roster_csv),
            "OUTPUT": str(single),
            "OUTPUT_ISSUES": "TEMPORARY_OUTPUT",
        },
    )
    alone = cells(single, "level >= 3", table="single")
    assert alone and cells(output, f"grid_code LIKE '{county.gpkg.parent.name}%'") == alone


def test_quota_reads_only_its_county_of_the_city_layers(first_run, city, tmp_path):
    """Each county's quota read its share of the city's PBF and change patches (its box), feature ids kept; a patch in
    no county's box goes to the first county, so that the merge still lists it."""
    output, _results, _log = first_run
    work = output.with_name("city_counties")
    for county in city.counties:
        folder = next(work.glob(f"{county.gpkg.parent.name}_county-*"))
        for cut, layer in (("pbf.gpkg", "jbnt"), ("changes.gpkg", "bhtb")):
            assert rows(folder / cut, f"SELECT count(*) FROM {layer}") == rows(county.gpkg, f"SELECT count(*) FROM {layer}")
        ids = rows(folder / "changes.gpkg", "SELECT fid, JCBH FROM bhtb ORDER BY fid")
        listed = ",".join(str(i) for i, _ in ids)
        assert ids == rows(city.gpkg, f"SELECT fid, JCBH FROM bhtb WHERE fid IN ({listed}) ORDER BY fid")
    shared = tmp_path / "city.gpkg"
    shutil.copy(city.gpkg, shared)
    dataset = gdal.OpenEx(str(shared), gdal.OF_VECTOR | gdal.OF_UPDATE)
    layer = dataset.GetLayerByName("bhtb")
    far = layer.GetFeature(1).Clone()
    moved = shapely.affinity.translate(shapely.from_wkb(bytes(far.GetGeometryRef().ExportToWkb())), yoff=-300000)
    far.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(moved)))  # 300 km south of every county
    far.SetFID(-1)
    far.SetField("JCBH", "FAR")
    layer.CreateFeature(far)
    dataset = None
    source = f"{shared}|layername=bhtb"
    boxes = county_inputs.boxes({c.gpkg.parent.name: c.uri(c.parcels_layer) for c in city.counties}, source)
    first, *others = list(boxes.values())
    holder = county_inputs.cut_layer(source, first, tmp_path / "holder.gpkg", county_inputs.rest_fids(source, [first, *others]))
    other = county_inputs.cut_layer(source, others[0], tmp_path / "other.gpkg")
    far = rows(shared, "SELECT fid FROM bhtb WHERE JCBH = 'FAR'")
    assert far and rows(holder.split("|")[0], f"SELECT JCBH FROM bhtb WHERE fid = {far[0][0]}") == [("FAR",)]
    own = rows(city.counties[0].gpkg, "SELECT count(*) FROM bhtb")[0][0]
    assert rows(holder.split("|")[0], "SELECT count(*) FROM bhtb") == [(own + 1,)]
    assert rows(other.split("|")[0], "SELECT count(*) FROM bhtb WHERE JCBH = 'FAR'") == [(0,)]


def test_workers_run_a_county_in_one_child_and_split_the_last(city, tmp_path):
    """Three counties, two workers: two children of a whole county each, then the third county step by step, the
    longest step first; as many counties as workers: one child each; fewer: every step its own child."""
    counties = [batch.make_county(c) for c in good(city)]
    todo, _fresh = batch.Batch(tmp_path, counties, batch.BatchSettings(changes=city.uri(city.changes_layer))).plan()
    units = batch_workers.children(todo, 2)
    assert [len(u) for u in units] == [3, 3, 1, 1, 1]
    assert all(len({j.county.key for j in u}) == 1 for u in units)
    assert [u[0].step for u in units[2:]] == ["codes", "quota", "grid"]
    assert [len(u) for u in batch_workers.children(todo, 3)] == [3, 3, 3]
    assert [len(u) for u in batch_workers.children(todo[:3], 2)] == [1, 1, 1]


def test_failed_counties_named_and_others_merged(first_run, broken):
    output, _results, log = first_run
    runs = {r[0]: r[1:] for r in rows(output, "SELECT county, status, message FROM county_runs")}
    wrong_crs, no_code = broken
    assert runs[wrong_crs][0] == "failed" and "EPSG:4490" in runs[wrong_crs][1]
    assert runs[no_code][0] == "failed" and "ZLDWDM" in runs[no_code][1]  # the child's own error message
    assert any(no_code in e and "ZLDWDM" in e for e in log.errors)
    assert sum(1 for status, _ in runs.values() if status == "merged") == 3


def test_job_list_with_gnu_parallel_gives_the_same_outputs(first_run, city, tmp_path):
    output, _results, _log = first_run
    jobs = tmp_path / "jobs.txt"
    written, _ = run_batch(city, tmp_path / "city.gpkg", good(city), JOB_LIST=str(jobs))
    lines = jobs.read_text(encoding="utf-8").splitlines()
    assert written["JOB_COUNT"] == len(lines) == 9 and all("qgis_process" in line for line in lines)
    assert not (tmp_path / "city.gpkg").exists() or not rows(
        tmp_path / "city.gpkg", "SELECT name FROM sqlite_master WHERE name = 'grid_cells'"
    )
    subprocess.run(["parallel", "-j", "2", "--halt", "never"], stdin=jobs.open(), check=True, timeout=900)
    merged, _ = run_batch(city, tmp_path / "city.gpkg", good(city), MERGE_ONLY=True)
    assert merged["MERGED"] == 3 and merged["RAN"] == ""
    assert cells(tmp_path / "city.gpkg") == cells(output)
    for sql in ("SELECT space_code FROM coded_parcels ORDER BY 1", "SELECT * FROM quota_units ORDER BY unit_code"):
        assert rows(tmp_path / "city.gpkg", sql) == rows(output, sql)


def test_rerun_redoes_only_the_changed_county(first_run, city):
    """Last in this module: it changes a county of the city."""
    output, _results, _log = first_run
    changed = city.counties[2]
    fid = rows(changed.gpkg, "SELECT fid FROM dltb WHERE DLBM LIKE '01%' LIMIT 1")[0][0]
    dataset = gdal.OpenEx(str(changed.gpkg), gdal.OF_VECTOR | gdal.OF_UPDATE)  # GDAL: the file's R-tree triggers need it
    dataset.ExecuteSQL(f"UPDATE dltb SET DLBM = '0301' WHERE fid = {fid}")  # one farmland parcel becomes forest
    dataset = None
    before = cells(output)
    results, _log = run_batch(city, output, good(city))
    key = changed.gpkg.parent.name
    ran = results["RAN"].split(",")
    assert sorted(r.split(":")[1] for r in ran) == ["codes", "grid", "quota"]
    assert all(r.startswith(f"{key}_county-") for r in ran)  # the changed county's steps, no other
    after = cells(output)
    assert after["130125"][4] == before["130125"][4] - 1 and after["130123"] == before["130123"]
    assert math.isclose(after["1301"][3], sum(r[3] for r in after.values() if r[1] == 3), abs_tol=0.01)
    # Codes stay: the county's other farmland parcels keep theirs against its previous coding.
    statuses = dict(rows(output, f"SELECT code_status, count(*) FROM coded_parcels WHERE space_code LIKE '{key}%' GROUP BY 1"))
    assert statuses.get("kept", 0) == before["130125"][4] - 1
