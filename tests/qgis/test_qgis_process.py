"""The provider headless, as batch scripts use it: qgis_process.bin with the plugin enabled."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]


def qgis_process(*args, env):
    return subprocess.run(["qgis_process.bin", *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def env(tmp_path):
    site_packages = next(p for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=str(REPO),
        PYTHONPATH=site_packages,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),  # a fresh profile: the plugin starts disabled
    )
    enabled = qgis_process("plugins", "enable", "farmland_grid_plugin", env=env)
    assert enabled.returncode == 0, enabled.stderr
    return env


def run(algorithm, env, **parameters):
    """Run an algorithm with qgis_process.bin; its results as JSON."""
    done = qgis_process("--json", "run", algorithm, "--", *(f"{k}={v}" for k, v in parameters.items()), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout[done.stdout.index("{") :])["results"]


def test_delineategrid_through_qgis_process(county, tmp_path, env):
    listing = qgis_process("list", env=env)
    assert "farmlandgrid:delineategrid" in listing.stdout
    out = tmp_path / "grid.gpkg"
    results = run(
        "farmlandgrid:delineategrid",
        env,
        INPUT=county.uri(county.parcels_layer),
        ROSTER=county.roster_csv,
        OUTPUT=out,
        OUTPUT_ISSUES=tmp_path / "issues.gpkg",
    )
    assert results["ISSUE_COUNT"] == 0
    layer = QgsVectorLayer(str(out), "grid", "ogr")
    assert layer.featureCount() == results["CELL_COUNT"] > 0
    county_cell = next(f for f in layer.getFeatures() if f["level"] == 3)
    assert county_cell["farmland_mu"] == results["FARMLAND_MU"] > 0


def test_space_codes_over_two_years_through_qgis_process(county, tmp_path, env):
    from sample_county.nextyear import derive_next_year

    first = run(
        "farmlandgrid:assignspacecodes",
        env,
        INPUT=county.uri(county.parcels_layer),
        WORKSPACE=tmp_path / "ws.gpkg",
        OUTPUT=tmp_path / "coded1.gpkg",
    )
    edits = derive_next_year(county, tmp_path / "next.gpkg")
    second = run(
        "farmlandgrid:assignspacecodes",
        env,
        INPUT=tmp_path / "next.gpkg",
        PREVIOUS=tmp_path / "coded1.gpkg",
        WORKSPACE=tmp_path / "ws.gpkg",
        OUTPUT=tmp_path / "coded2.gpkg",
    )
    kept = [f for f in QgsVectorLayer(str(tmp_path / "coded2.gpkg"), "c", "ogr").getFeatures() if f["code_status"] == "kept"]
    # Shifted parcels keep their codes; every split and deleted farmland parcel retires one.
    assert len(kept) >= first["CODED"] - edits["split"] - edits["deleted"]
    assert 0 < second["RETIRED_CODES"] <= edits["split"] + edits["deleted"]
    qr = run(
        "farmlandgrid:exportqrcodes",
        env,
        INPUT=f"{tmp_path / 'coded2.gpkg'}|subset=\"space_code\" LIKE '130123001001%'",
        FOLDER=tmp_path / "qr",
        OUTPUT=tmp_path / "qr.gpkg",
    )
    assert qr["WRITTEN"] == len(list((tmp_path / "qr").glob("*.png"))) > 0


def test_patrol_coverage_through_qgis_process(county, tmp_path, env):
    """GPX folder, distance queries and the ledger inside qgis_process.bin, where shapely runs on the system GEOS."""
    grid = tmp_path / "grid.gpkg"
    run("farmlandgrid:delineategrid", env, INPUT=county.uri(county.parcels_layer), OUTPUT=grid, OUTPUT_ISSUES="TEMPORARY_OUTPUT")
    results = run(
        "farmlandgrid:patrolcoverage",
        env,
        TRACK_FOLDER=county.gpx_dir,
        GRID=grid,
        PARCELS=county.uri(county.parcels_layer),
        START="2026-01-05",
        END="2026-01-11",
        OUTPUT_PERIODS=tmp_path / "periods.gpkg",
        OUTPUT_CELLS=tmp_path / "cells.gpkg",
        OUTPUT_PARCELS=tmp_path / "parcels.gpkg",
        OUTPUT_LEDGER=tmp_path / "ledger.xlsx",
    )
    periods = QgsVectorLayer(results["OUTPUT_PERIODS"], "periods", "ogr")
    weekly = [f for f in periods.getFeatures() if f["level"] == 6]
    completed = [f for f in weekly if f["status"] == "completed"]
    assert completed and all(f["coverage"] == 1.0 for f in completed)
    assert {f["status"] for f in weekly} == {"completed", "overdue"}  # one township is tracked
    from openpyxl import load_workbook

    sheet = load_workbook(results["OUTPUT_LEDGER"]).active
    assert sheet.title == "巡查台账" and sheet.max_row > len(completed)


def test_atlas_and_sign_boards_through_qgis_process(county, tmp_path, env):
    """Print layouts need the main thread: qgis_process runs them so, and the PDFs hold the pages."""
    grid = tmp_path / "grid.gpkg"
    run(
        "farmlandgrid:delineategrid",
        env,
        INPUT=county.uri(county.parcels_layer),
        ROSTER=county.roster_csv,
        OUTPUT=grid,
        OUTPUT_ISSUES=tmp_path / "issues.gpkg",
    )
    township = next(f["grid_code"] for f in QgsVectorLayer(str(grid), "g", "ogr").getFeatures() if f["level"] == 4)
    atlas = run(
        "farmlandgrid:exportatlas",
        env,
        GRID=grid,
        LEVEL=2,
        CODE_PREFIX=township,
        PARCELS=county.uri(county.parcels_layer),
        SPACE_CODE_FIELD="ZLDWDM",  # the 19-digit location code also opens with the cell's code
        OUTPUT=tmp_path / "atlas.pdf",
    )
    boards = run("farmlandgrid:exportsignboards", env, GRID=grid, LEVEL=3, CODE_PREFIX=township, SHEETS=tmp_path / "s.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "atlas.pdf")], capture_output=True, text=True, check=True).stdout
    assert atlas["PAGES"] == 4 and "Pages:           4" in info  # the township's villages
    assert boards["BOARDS"] == 9 and boards["SHEET_PAGES"] == 2  # its villager groups (its last village has none)
    assert boards["FOLDER"] is None


def test_missing_packages_are_named_through_qgis_process(county, tmp_path, env):
    """The provider registers whatever is missing, so qgis_process users read in their terminal what to install."""
    parcels = f"INPUT={county.uri(county.parcels_layer)}"
    # The system Python alone has no shapely 2: no algorithm loads, and the terminal says why.
    done = qgis_process("run", "farmlandgrid:delineategrid", "--", parcels, env=dict(env, PYTHONPATH=""))
    assert done.returncode != 0 and "pip install 'shapely>=2'" in done.stderr
    # segno hidden (None in sys.modules, as if not installed): the QR export refuses, the other algorithms run.
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text('import sys\n\nsys.modules["segno"] = None\n')
    hidden = dict(env, PYTHONPATH=os.pathsep.join([str(shim), env["PYTHONPATH"]]))
    folder, out = f"FOLDER={tmp_path / 'qr'}", f"OUTPUT={tmp_path / 'qr.gpkg'}"
    done = qgis_process("run", "farmlandgrid:exportqrcodes", "--", parcels, "CODE_FIELD=BSM", folder, out, env=hidden)
    assert done.returncode != 0 and "pip install segno" in done.stdout + done.stderr
    grid = run(
        "farmlandgrid:delineategrid",
        hidden,
        INPUT=county.uri(county.parcels_layer),
        OUTPUT=tmp_path / "grid.gpkg",
        OUTPUT_ISSUES="TEMPORARY_OUTPUT",
    )
    assert grid["CELL_COUNT"] > 0


def test_postgresql_workspace_through_qgis_process(postgis, tmp_path, env):
    """WORKSPACE takes a PostgreSQL location in batch scripts too (QGIS's file parameter alone refuses all but .gpkg);
    createworkspace records a township login given as a table row; a GeoPackage migrates into it, checked; a
    password in the URI reaches neither the algorithm's log nor its results."""
    from farmland_grid_plugin.store import open_workspace

    dbname = postgis.new_database()
    location = f"postgresql://postgres:Pa55-w0rd@/{dbname}?host={postgis.root}&port={postgis.port}"
    done = qgis_process("--json", "run", "farmlandgrid:createworkspace", "--", f"WORKSPACE={location}",
                        "TOWNSHIP_LOGINS=wang_li,530102001", env=env)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    answer = json.loads(done.stdout[done.stdout.index("{") :])
    assert (answer["results"]["CREATED"], answer["results"]["LOGINS_ADDED"]) == (True, 1)
    log = json.dumps(answer["log"], ensure_ascii=False)
    assert "Pa55-w0rd" not in log + json.dumps(answer["results"]) + done.stderr
    assert f"postgresql://postgres@/{dbname}" in log
    logins = postgis.sql(dbname, "SELECT login || ' ' || township_code FROM farmland_grid.township_logins")
    assert logins.strip() == "wang_li 530102001"

    source = tmp_path / "single.gpkg"
    with open_workspace(source) as workspace:
        workspace.cases.issue([{"case_id": "Q1", "unit_code": "5301020010010000000"}], "县局")
    target = postgis.location(dbname)
    results = run("farmlandgrid:migrateworkspace", env, SOURCE=source, TARGET=target, OUTPUT=tmp_path / "check.csv")
    assert (results["COPIED"], results["EQUAL"], results["CASES"], results["EVENTS"]) == (True, True, 1, 1)
    assert postgis.sql(dbname, "SELECT case_id FROM farmland_grid.cases").strip() == "Q1"
