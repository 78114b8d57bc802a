"""farmlandgrid:migrateworkspace: the demo's GeoPackage workspace (issued cases moved through the loop, evidence,
the code registry of the coded parcels) into PostgreSQL and back: every table counted and check-summed alike on
both sides, the dashboard giving the same figures on the original, the PostgreSQL and the round-tripped
workspace; targets holding other cases refused, a failing copy leaving the target as it was."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.schema import CASES, EVENTS, EVIDENCE, REGISTRY

from .helpers import RecordingFeedback, run_algorithm
from .test_dashboard_report import Tables, made, run_report  # noqa: F401 - made is a fixture

ALG_ID = "farmlandgrid:migrateworkspace"
ACTOR = "乡镇 张三"
TABLES = (CASES, EVENTS, EVIDENCE, REGISTRY)
EVENT_COLUMNS = "event_id, case_id, action, to_status, actor, time"


def migrate(source, target, feedback=None):
    return run_algorithm(ALG_ID, {"SOURCE": str(source), "TARGET": str(target), "OUTPUT": "memory:"}, feedback)


def checks(result):
    """{table: (source rows, target rows, source checksum, target checksum, equal)} of the OUTPUT table."""
    return {f["table_name"]: tuple(f.attributes()[1:]) for f in result["OUTPUT"].getFeatures()}


def counts(path):
    with sqlite3.connect(path) as db:
        found = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in TABLES}
    db.close()
    return found


def pg_counts(postgis, dbname):
    return {table: int(postgis.sql(dbname, f"SELECT count(*) FROM farmland_grid.{table}")) for table in TABLES}


@pytest.fixture
def demo_workspace(request, county, tmp_path):
    """A copy of the dashboard's workspace (cases in several statuses) with evidence and the parcels' codes."""
    inputs = request.getfixturevalue("made")  # the dashboard tests' inputs, made once
    path = tmp_path / "demo.gpkg"
    shutil.copy(inputs["workspace"], path)
    with open_workspace(path) as workspace:
        ids = [record.case_id for record in workspace.cases.cases()]
        for n, case_id in enumerate(ids[:3]):
            photos = [
                {"path": f"DCIM/{case_id}_{k}.jpg", "lon_wgs84": 102.7 + n / 100, "lat_wgs84": 25.0 + k / 1000,
                 "direction_deg": 40.0 * k, "taken": "2026-01-12T09:30:00", "checks": "far_from_patch" if k else "",
                 "distance_m": 12.5 * k, "sha256": f"{n}{k}" * 32, "size_bytes": 1000 + k}
                for k in range(2)
            ]  # fmt: skip
            workspace.cases.add_evidence(case_id, photos, ACTOR)
    coded = run_algorithm(
        "farmlandgrid:assignspacecodes", {"INPUT": county.uri(county.parcels_layer), "WORKSPACE": str(path), "OUTPUT": "memory:"}
    )
    assert coded["OUTPUT"].featureCount() > 0
    found = counts(path)
    assert found[CASES] >= 6 and found[EVENTS] > found[CASES] and found[EVIDENCE] == 6 and found[REGISTRY] > 100
    return path


def dashboard_tables(request, folder, workspace):
    folder.mkdir()
    run_report(request.getfixturevalue("made"), folder, WORKSPACE=str(workspace))
    return Tables((folder / "dashboard.html").read_text(encoding="utf-8")).tables


def test_round_trip_keeps_every_row_and_the_dashboard(request, demo_workspace, postgis, tmp_path):
    source_counts = counts(demo_workspace)
    dbname = postgis.new_workspace()
    feedback = RecordingFeedback()
    into_pg = migrate(demo_workspace, postgis.location(dbname), feedback)
    assert into_pg["COPIED"] is True and into_pg["EQUAL"] is True
    assert pg_counts(postgis, dbname) == source_counts
    assert {t: into_pg[n] for t, n in zip(TABLES, ("CASES", "EVENTS", "EVIDENCE", "CODES"))} == source_counts
    first = checks(into_pg)
    assert set(first) == set(TABLES) and all(row[4] and row[2] == row[3] for row in first.values())
    assert any(line.startswith("case_events: ") for line in feedback.lines)
    # Ids and order of the audit trail kept; the historical events copied as they were.
    with sqlite3.connect(demo_workspace) as db:
        events = db.execute(f"SELECT {EVENT_COLUMNS} FROM case_events ORDER BY event_id").fetchall()
    db.close()
    copied = postgis.sql(dbname, f"SELECT {EVENT_COLUMNS} FROM farmland_grid.case_events ORDER BY event_id")
    assert [tuple(line.split("|")) for line in copied.splitlines()] == [tuple(map(str, row)) for row in events]

    back = tmp_path / "back.gpkg"
    into_gpkg = migrate(postgis.location(dbname), back)
    assert into_gpkg["COPIED"] is True and into_gpkg["EQUAL"] is True
    assert counts(back) == source_counts
    second = checks(into_gpkg)
    assert {t: row[3] for t, row in second.items()} == {t: row[2] for t, row in first.items()}  # the same values

    # Field packages exported from the original import into either copy.
    with open_workspace(demo_workspace, create=False) as a, open_workspace(postgis.location(dbname), create=False) as b:
        assert a.identity == b.identity
    with open_workspace(back, create=False) as b:
        assert a.identity == b.identity
    original = dashboard_tables(request, tmp_path / "original", demo_workspace)
    assert original["cases"][1:] and original == dashboard_tables(request, tmp_path / "back", back)
    assert original == dashboard_tables(request, tmp_path / "postgres", postgis.location(dbname))
    head = (tmp_path / "postgres" / "dashboard.html").read_text(encoding="utf-8")
    assert f"case workspace user=postgres dbname={dbname} host=" in head  # the report names the database it read

    # Again into the same targets: nothing copied, the tables compared.
    again = migrate(demo_workspace, postgis.location(dbname))
    assert (again["COPIED"], again["EQUAL"]) == (False, True)
    assert pg_counts(postgis, dbname) == source_counts


def test_targets_with_content_or_other_rights_are_refused(demo_workspace, postgis, tmp_path):
    dbname = postgis.new_workspace()
    migrate(demo_workspace, postgis.location(dbname))
    other = tmp_path / "other.gpkg"
    with open_workspace(other) as workspace:
        workspace.cases.issue([{"case_id": "X1", "unit_code": "5301020010010000000"}], ACTOR)
    with pytest.raises(QgsProcessingException, match="already holds cases or codes of another workspace"):
        migrate(other, postgis.location(dbname))
    with pytest.raises(QgsProcessingException, match="already exists: copy a workspace into a new GeoPackage file"):
        migrate(postgis.location(dbname), other)
    with pytest.raises(QgsProcessingException, match="Copy a GeoPackage workspace into PostgreSQL, or a PostgreSQL one"):
        migrate(other, tmp_path / "third.gpkg")

    # An administrator who does not own the schema may not switch its step triggers off: refused by the server.
    empty = postgis.new_workspace()
    with pytest.raises(QgsProcessingException) as refused:
        migrate(demo_workspace, postgis.location(empty, "admin_zhang"))
    assert "permission denied for table case_events" in str(refused.value)
    assert "Copy with the owner of the schema farmland_grid" in str(refused.value)
    assert pg_counts(postgis, empty) == dict.fromkeys(TABLES, 0)
    # A township login sees only its townships' cases: it may not copy a workspace out.
    with pytest.raises(QgsProcessingException, match="Your login township_wang sees only part of the workspace"):
        migrate(postgis.location(dbname, "township_wang"), tmp_path / "partial.gpkg")
    assert not (tmp_path / "partial.gpkg").exists()


def test_a_copy_failing_half_way_leaves_the_target_as_it_was(demo_workspace, postgis, tmp_path):
    broken = tmp_path / "broken.gpkg"
    shutil.copy(demo_workspace, broken)
    with sqlite3.connect(broken) as db:  # an event of a case that is not there: the server refuses it (foreign key)
        db.execute("INSERT INTO case_events (case_id, action, from_status, to_status, actor, time) "
                   "VALUES ('NO-SUCH-CASE', 'collect', 'issued', 'collecting', 'x', '2026-01-12T00:00:00Z')")  # fmt: skip
    db.close()
    dbname = postgis.new_workspace()
    with pytest.raises(QgsProcessingException, match="violates foreign key constraint"):
        migrate(broken, postgis.location(dbname))
    assert pg_counts(postgis, dbname) == dict.fromkeys(TABLES, 0)
    triggers = postgis.sql(
        dbname, "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'farmland_grid.case_events'::regclass"
    )
    assert all(line.endswith("|O") for line in triggers.splitlines())  # the step rules are on again
    assert not Path(str(broken).replace(".gpkg", ".partial.gpkg")).exists()
