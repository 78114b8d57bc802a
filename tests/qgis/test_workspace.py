"""open_workspace: the location checks, one schema for cases and code registry (creation, migration from
versions 1 and 2 and from registry-only files of earlier coding runs, refusal of newer files), and the
Workspace it hands back."""

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace, schema
from farmland_grid_plugin.store.cases import CaseStoreError
from farmland_grid_plugin.store.schema import SCHEMA_VERSION, create_workspace_of_version, workspace_schema_version

from .test_case_store import GROUP, ISO_UTC, T0, patch, raw_case, raw_events, sql

CODE = "530102001001001" + "00017" + "X"  # a space code of the villager group, serial 17
WORKSPACE_TABLES = {
    "cases": "features",
    "case_events": "attributes",
    "evidence": "features",
    "farmland_grid_meta": "attributes",
    "space_code_registry": "attributes",
}


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "workspace.gpkg"


@pytest.fixture
def read_only(monkeypatch):
    """Makes files read-only, for root too (root may write to any file, and os.access says so)."""
    made = []
    real = os.access

    def access(path, mode, *args, **kwargs):
        return not (mode & os.W_OK and Path(path) in made) and real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)

    def make(path):
        path.chmod(0o444)
        made.append(Path(path))

    yield make
    for path in made:
        path.chmod(0o644)


def tables(path):
    return dict(sql(path, "SELECT table_name, data_type FROM gpkg_contents"))


def meta(path):
    return dict(sql(path, "SELECT key, value FROM farmland_grid_meta"))


def registry_of_earlier_runs(path):
    """A workspace as assignspacecodes made it before schema version 3: the registry alone, no case tables."""
    ogr.GetDriverByName("GPKG").CreateDataSource(str(path))  # closed at once: an empty GeoPackage
    with closing(sqlite3.connect(str(path), isolation_level=None)) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS space_code_registry ("
            "space_code TEXT PRIMARY KEY, county_code TEXT NOT NULL, group_code TEXT NOT NULL, "
            "serial INTEGER NOT NULL, status TEXT NOT NULL, issued_at TEXT NOT NULL, retired_at TEXT, "
            "parent_codes TEXT)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS space_code_registry_group ON space_code_registry (group_code, serial)")
        db.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
            "VALUES ('space_code_registry', 'attributes', 'space_code_registry', 'every space code ever issued')"
        )
        db.executemany(
            "INSERT INTO space_code_registry VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (CODE, "530102", "530102001001001", 17, "active", "2024-05-01T10:00:00+08:00", None, ""),
                (CODE[:-6] + "00003Y", "530102", "530102001001001", 3, "retired", "2024-01-01", "2024-05-01", ""),
            ],
        )


def test_created_on_first_use_with_the_current_schema(workspace):
    assert not workspace.exists()
    with open_workspace(workspace) as opened:
        assert opened.location == str(workspace)
        store = opened.cases
        assert opened.schema_version == store.schema_version == SCHEMA_VERSION == workspace_schema_version(workspace)
        assert store.crs.authid() == "EPSG:4490"
    assert tables(workspace) == WORKSPACE_TABLES
    geometry_types = dict(sql(workspace, "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
    assert geometry_types == {"cases": "MULTIPOLYGON", "evidence": "POINT"}
    cases = QgsVectorLayer(f"{workspace}|layername=cases", "cases", "ogr")
    assert cases.isValid() and cases.wkbType() == QgsWkbTypes.MultiPolygon
    assert set(cases.fields().names()) == {"fid"} | {name for name, _, _ in schema.CASE_FIELDS}
    assert store.cases() == [] and store.events("nothing") == []
    assert sql(workspace, "SELECT COUNT(*) FROM space_code_registry") == [(0,)]
    # opening again changes nothing, for writers and readers
    assert open_workspace(workspace).schema_version == open_workspace(workspace, create=False).schema_version == 4
    assert meta(workspace)["schema_version"] == "4" and ISO_UTC.match(meta(workspace)["created_at"])
    assert not any(key.startswith("migrated_to") for key in meta(workspace))


def test_the_registry_uses_the_workspace_table(workspace):
    with open_workspace(workspace) as opened:
        registry = opened.registry
        assert opened.registry is registry  # opened once, on first use
        with registry.transaction():
            registry.record({CODE: ("530102001001001000099",)}, (), "2025-01-01T00:00:00Z")
        with pytest.raises(OSError, match="disk full"), registry.transaction():  # all or nothing
            registry.record({CODE[:-6] + "00018Z": ()}, (CODE,), "2025-02-01T00:00:00Z")
            raise OSError("disk full")
        assert registry.highest_serials() == {"530102001001001": 17} and registry.retired_codes() == set()
    assert sql(workspace, "SELECT space_code, status, parent_codes FROM space_code_registry") == [
        (CODE, "active", "530102001001001000099")
    ]
    with pytest.raises(sqlite3.ProgrammingError):  # closed with the workspace
        registry.highest_serials()
    layer = QgsVectorLayer(f"{workspace}|layername=space_code_registry", "registry", "ogr")
    assert layer.isValid() and layer.featureCount() == 1


def test_a_registry_of_earlier_coding_runs_becomes_a_workspace(workspace):
    registry_of_earlier_runs(workspace)
    before = sql(workspace, "SELECT * FROM space_code_registry ORDER BY space_code")
    with pytest.raises(CaseStoreError, match="holds no cases"):  # a reader makes no workspace of it
        open_workspace(workspace, create=False)
    assert workspace_schema_version(workspace) is None

    with open_workspace(workspace) as opened:
        assert opened.schema_version == SCHEMA_VERSION
        assert opened.registry.highest_serials() == {"530102001001001": 17}
        assert opened.registry.retired_codes() == {CODE[:-6] + "00003Y"}
        opened.cases.issue([patch(1)], "张三", now=T0)
    assert tables(workspace) == WORKSPACE_TABLES
    assert sql(workspace, "SELECT * FROM space_code_registry ORDER BY space_code") == before
    assert [r.case_id for r in open_workspace(workspace, create=False).cases.cases()] == ["WP20250001"]


def fill_old(path):
    """A few cases and events written as an earlier release of the store would have."""
    cases = QgsVectorLayer(f"{path}|layername=cases", "cases", "ogr")
    events = QgsVectorLayer(f"{path}|layername=case_events", "case_events", "ogr")
    rows = []
    for n, status, verdict in ((1, "reported", "illegal"), (2, "closed", "legal"), (3, "issued", None)):
        feature = QgsFeature(cases.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"MULTIPOLYGON((({n} 25, {n}.001 25, {n}.001 25.001, {n} 25)))"))
        for name, value in {
            "case_id": f"OLD{n}",
            "patch_id": f"OLD{n}",
            "unit_code": GROUP,
            "status": status,
            "verdict": verdict,
            "issued_on": QDate(2024, 6, 1),
            "due_date": QDate(2024, 7, 1),
            "accountable": 0,
            "updated_at": "2024-06-02T00:00:00Z",
        }.items():
            feature[name] = value
        rows.append(feature)
    assert cases.dataProvider().addFeatures(rows)[0]
    trail = [("OLD1", "issue", "", "issued"), ("OLD1", "report", "issued", "reported"), ("OLD2", "issue", "", "issued")]
    features = []
    for case_id, action, source, target in trail:
        feature = QgsFeature(events.fields())
        for name, value in zip(
            ("case_id", "action", "from_status", "to_status", "actor", "time", "note"),
            (case_id, action, source, target, "老用户", "2024-06-01T00:00:00Z", "v1"),
        ):
            feature[name] = value
        features.append(feature)
    assert events.dataProvider().addFeatures(features)[0]


def test_migration_from_version_1(workspace):
    create_workspace_of_version(workspace, 1)
    assert workspace_schema_version(workspace) == 1
    fill_old(workspace)
    events_before = raw_events(workspace)
    assert set(tables(workspace)) == {"cases", "case_events", "farmland_grid_meta"}
    assert "verdict_reason" not in [row[1] for row in sql(workspace, "PRAGMA table_info(cases)")]

    store = open_workspace(workspace).cases
    assert store.schema_version == 4 and workspace_schema_version(workspace) == 4
    columns = [row[1] for row in sql(workspace, "PRAGMA table_info(cases)")]
    assert {"verdict_reason", "rectification"} <= set(columns)
    assert tables(workspace) == WORKSPACE_TABLES
    # Migrating appends no event; version 4 adds the (empty) flags column to the old ones.
    assert raw_events(workspace) == [(*row, None) for row in events_before]
    found = meta(workspace)
    assert found["schema_version"] == "4"
    assert ISO_UTC.match(found["migrated_to_2_at"]) and ISO_UTC.match(found["migrated_to_3_at"])

    old = {r.case_id: r for r in store.cases()}
    assert {k: (r.status, r.state.verdict, r.state.verdict_reason) for k, r in old.items()} == {
        "OLD1": ("reported", "illegal", None),
        "OLD2": ("closed", "legal", None),
        "OLD3": ("issued", None, None),
    }
    assert old["OLD1"].due_date == date(2024, 7, 1) and old["OLD1"].geometry.area() > 0
    assert [e.action for e in store.events("OLD1")] == ["issue", "report"]
    # the loop goes on in the migrated file, with what version 2 added
    store.apply("OLD1", c.APPROVE, "审核员", "", now=T0)
    store.apply("OLD1", c.RECTIFY, "王建国", "拆除", now=T0)
    store.apply("OLD2", c.REOPEN, "审核员", "复查", now=T0)
    store.apply("OLD3", c.REPORT, "王建国", "", verdict=c.OTHER, verdict_reason="临时用地", now=T0)
    assert store.case("OLD1").state.rectification == "拆除" and store.case("OLD3").state.verdict_reason == "临时用地"
    store.add_evidence("OLD1", [{"path": "a.jpg", "lon_wgs84": 1.0005, "lat_wgs84": 25.0005}], "王建国", now=T0)
    assert len(store.evidence("OLD1")) == 1
    with closing(sqlite3.connect(str(workspace))) as db, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM case_events")
    assert open_workspace(workspace).schema_version == 4  # a second open migrates nothing
    assert meta(workspace) == found


@pytest.mark.parametrize("coded_before", [False, True], ids=["cases only", "cases and a registry"])
def test_migration_from_version_2(workspace, coded_before):
    if coded_before:  # the registry of an earlier coding run, then cases issued to the same file
        registry_of_earlier_runs(workspace)
    create_workspace_of_version(workspace, 2)
    assert workspace_schema_version(workspace) == 2
    fill_old(workspace)
    assert ("space_code_registry" in tables(workspace)) == coded_before
    registry_before = sql(workspace, "SELECT * FROM space_code_registry ORDER BY space_code") if coded_before else []
    cases_before, events_before = raw_case(workspace, "OLD1"), raw_events(workspace)

    with open_workspace(workspace, create=False) as opened:  # a reader of an older file migrates it
        assert opened.schema_version == 4
        assert opened.registry.highest_serials() == ({"530102001001001": 17} if coded_before else {})
        assert [r.case_id for r in opened.cases.cases()] == ["OLD1", "OLD2", "OLD3"]
    assert workspace_schema_version(workspace) == 4 and tables(workspace) == WORKSPACE_TABLES
    found = meta(workspace)
    assert ISO_UTC.match(found["migrated_to_3_at"]) and "migrated_to_2_at" not in found
    assert sql(workspace, "SELECT * FROM space_code_registry ORDER BY space_code") == registry_before
    # Version 4 adds the case flags, computed from the evidence there (none: no_photo), and an empty event column.
    checked = {"checks": "no_photo", "photo_count": 0, "flagged_photos": 0, "view_spread_deg": None}
    assert raw_case(workspace, "OLD1") == {**cases_before, **checked}
    assert raw_events(workspace) == [(*row, None) for row in events_before]


def test_a_failed_migration_leaves_the_file_as_it_was(workspace, monkeypatch):
    create_workspace_of_version(workspace, 1)
    fill_old(workspace)
    before = {table: sql(workspace, f'SELECT * FROM "{table}"') for table in tables(workspace)}

    def fail(dataset):
        raise RuntimeError("disk full")

    monkeypatch.setitem(schema._MIGRATIONS, 2, fail)  # after the step to version 2 has run
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(workspace)
    assert str(refused.value) == f"Cannot migrate the workspace {workspace} from case schema version 1 to 4: disk full"
    assert workspace_schema_version(workspace) == 1
    assert {table: sql(workspace, f'SELECT * FROM "{table}"') for table in tables(workspace)} == before
    assert "verdict_reason" not in [row[1] for row in sql(workspace, "PRAGMA table_info(cases)")]


def test_newer_schema_is_refused(workspace):
    open_workspace(workspace).cases.issue([patch(1)], "张三", now=T0)
    sql(workspace, "UPDATE farmland_grid_meta SET value = '5' WHERE key = 'schema_version'")
    before = raw_case(workspace, "WP20250001")
    for create in (True, False):
        with pytest.raises(CaseStoreError) as refused:
            open_workspace(workspace, create=create)
        assert str(refused.value) == (
            f"The workspace {workspace} has case tables of schema version 5, newer than this plugin knows (4); "
            "update the plugin to use it"
        )
    assert workspace_schema_version(workspace) == 5 and raw_case(workspace, "WP20250001") == before
    sql(workspace, "UPDATE farmland_grid_meta SET value = 'two' WHERE key = 'schema_version'")
    with pytest.raises(CaseStoreError, match="unreadable case schema version 'two'"):
        open_workspace(workspace)


def test_unrelated_tables_are_kept(workspace):
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(workspace))
    layer = dataset.CreateLayer("patrol_notes", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("note", "东片已巡")
    layer.CreateFeature(feature)
    feature = layer = dataset = None

    with open_workspace(workspace) as opened:
        opened.cases.issue([patch(1)], "张三", now=T0)
        opened.cases.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert sql(workspace, "SELECT note FROM patrol_notes") == [("东片已巡",)]
    assert tables(workspace) == {**WORKSPACE_TABLES, "patrol_notes": "attributes"}


def test_locations_that_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a location mistaken for a relative file name would land here
    for nothing in ("", "  ", None):
        with pytest.raises(CaseStoreError, match="^No workspace was given$"):
            open_workspace(nothing)
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(tmp_path)
    assert str(refused.value) == f"{tmp_path} is a folder: choose a GeoPackage file"
    # PostgreSQL locations are opened as such (never taken for a file name); these lead nowhere
    unknown_host = 'could not translate host name "db.example"'
    refusals = {
        "postgres:county": "QGIS has no saved PostgreSQL connection named county",
        "service=farmland": 'service=farmland: definition of service "farmland" not found',
        "postgresql://reviewer@db.example/farmland": f"postgresql://reviewer@db.example/farmland: {unknown_host}",
        "PostgreSQL://db.example/x": f"PostgreSQL://db.example/x: {unknown_host}",
        "dbname=x host=db.example": f"dbname=x host=db.example: {unknown_host}",
    }
    for location, message in refusals.items():
        with pytest.raises(CaseStoreError) as refused:
            open_workspace(location)
        assert str(refused.value).startswith(
            message if location == "postgres:county" else f"Cannot connect to the PostgreSQL workspace {message}"
        )
    assert list(tmp_path.iterdir()) == []

    missing = tmp_path / "missing.gpkg"
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(missing, create=False)
    assert str(refused.value) == f"There is no workspace file {missing}" and not missing.exists()
    with pytest.raises(CaseStoreError, match="Cannot create the workspace"):
        open_workspace(tmp_path / "no such folder" / "workspace.gpkg")

    foreign = tmp_path / "foreign.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(foreign))
    dataset.CreateLayer("cases", None, ogr.wkbNone)
    dataset = None
    with pytest.raises(CaseStoreError, match="has a table cases that is not one of this plugin's case tables"):
        open_workspace(foreign)
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(foreign, create=False)
    assert str(refused.value) == f"{foreign} holds no cases: choose the workspace GeoPackage the cases were issued to"

    broken = tmp_path / "notes.gpkg"
    broken.write_text("not a database")
    for create in (True, False):
        with pytest.raises(CaseStoreError, match="is not a usable GeoPackage"):
            open_workspace(broken, create=create)
    assert broken.read_text() == "not a database"


def test_read_only_files(workspace, tmp_path, read_only):
    open_workspace(workspace).cases.issue([patch(1)], "张三", now=T0)
    read_only(workspace)
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(workspace)  # a writer
    assert str(refused.value) == f"{workspace} is read-only"
    with open_workspace(workspace, create=False) as opened:  # a reader of the current schema reads on
        assert [r.case_id for r in opened.cases.cases()] == ["WP20250001"]

    old = tmp_path / "old.gpkg"
    create_workspace_of_version(old, 2)
    read_only(old)
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(old, create=False)
    assert str(refused.value) == f"{old} is read-only, so its workspace schema cannot be brought from version 2 to 4"
    assert workspace_schema_version(old) == 2
