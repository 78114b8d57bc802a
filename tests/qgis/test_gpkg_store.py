"""The GeoPackage case store as a file: what sqlite3 and QGIS layers on the same file see while the store writes,
writers taking turns, and the append-only triggers. The backend-neutral contract is in test_case_store.py."""

import sqlite3
import threading
import time
from contextlib import closing

import pytest
from qgis.core import QgsVectorLayer

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.cases import CaseStoreError

from .test_case_store import T0, patch, raw_events, sql


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "workspace.gpkg"


@pytest.fixture
def store(workspace):
    with open_workspace(workspace) as opened:
        store = opened.cases
        store.issue([patch(1), patch(2, accountable=True), patch(3, unit_code="530102002003000")], "县自然资源局 张三", now=T0)
        yield store


def test_events_are_append_only(store, workspace):
    with closing(sqlite3.connect(str(workspace))) as db:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE case_events SET note = 'rewritten'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM case_events")
    events = QgsVectorLayer(f"{workspace}|layername=case_events", "events", "ogr")
    assert events.isValid()
    assert events.startEditing()
    assert events.deleteFeature(next(events.getFeatures()).id())
    assert not events.commitChanges()  # QGIS cannot delete them either
    events.rollBack()
    assert len(store.events("WP20250001")) == 1
    public = {name for name in dir(store) if not name.startswith("_")}
    assert not {name for name in public if "event" in name} - {"events"}


def test_layers_open_in_qgis_while_the_store_writes(store, workspace):
    viewer = QgsVectorLayer(f"{workspace}|layername=cases", "cases", "ogr")
    events_view = QgsVectorLayer(f"{workspace}|layername=case_events", "case_events", "ogr")
    assert viewer.isValid() and events_view.isValid()
    iterator = viewer.getFeatures()
    first = next(iterator)
    store.apply("WP20250002", c.REPORT, "王建国", "", verdict=c.ILLEGAL, now=T0)
    store.apply("WP20250003", c.COLLECT, "王建国", "", now=T0)
    rest = list(iterator)  # the iteration started before the writes goes on
    assert [first["case_id"]] + [f["case_id"] for f in rest] == ["WP20250001", "WP20250002", "WP20250003"]
    store.issue([patch(5)], "张三", now=T0)
    viewer.reload()
    statuses = {f["case_id"]: f["status"] for f in viewer.getFeatures()}
    assert statuses == {"WP20250001": "issued", "WP20250002": "reported", "WP20250003": "collecting", "WP20250005": "issued"}
    assert viewer.featureCount() == 4
    events_view.reload()
    assert events_view.featureCount() == 6


def test_reads_during_a_write_see_the_state_before_it(store, workspace, monkeypatch):
    viewer = QgsVectorLayer(f"{workspace}|layername=cases", "cases", "ogr")
    reader = sqlite3.connect(str(workspace), timeout=0.1, isolation_level=None)
    seen = {}
    real = type(store)._append_events

    def append_and_look(self, writer, events):
        # inside the store's open transaction: the case row is changed, the event not yet written
        seen["viewer"] = [f["status"] for f in viewer.getFeatures("\"case_id\" = 'WP20250001'")]
        seen["sqlite"] = reader.execute("SELECT status FROM cases WHERE case_id = 'WP20250001'").fetchall()
        seen["events"] = reader.execute("SELECT COUNT(*) FROM case_events").fetchall()
        return real(self, writer, events)

    monkeypatch.setattr(type(store), "_append_events", append_and_look)
    store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert seen == {"viewer": ["issued"], "sqlite": [("issued",)], "events": [(3,)]}
    # QGIS writes a local GeoPackage in WAL mode, and keeps it so while it has the file open (the viewer)
    assert sql(workspace, "PRAGMA journal_mode") == [("wal",)]
    monkeypatch.undo()

    # a reader holding a snapshot across a write keeps it, and does not stop the write
    reader.execute("BEGIN")
    assert reader.execute("SELECT status FROM cases WHERE case_id = 'WP20250001'").fetchall() == [("collecting",)]
    store.apply("WP20250001", c.REPORT, "王建国", "", verdict=c.LEGAL, now=T0)
    assert reader.execute("SELECT status FROM cases WHERE case_id = 'WP20250001'").fetchall() == [("collecting",)]
    reader.execute("COMMIT")
    assert reader.execute("SELECT status FROM cases WHERE case_id = 'WP20250001'").fetchall() == [("reported",)]
    assert [f["status"] for f in viewer.getFeatures("\"case_id\" = 'WP20250001'")] == ["reported"]
    reader.close()


def test_writers_take_turns(workspace):
    store = open_workspace(workspace, busy_timeout_ms=200).cases
    store.issue([patch(1)], "张三", now=T0)
    other = sqlite3.connect(str(workspace), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another user's write in progress
    started = time.monotonic()
    with pytest.raises(CaseStoreError, match="Another user may be writing to it"):
        store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert time.monotonic() - started >= 0.15
    other.execute("ROLLBACK")
    assert store.case("WP20250001").status == c.ISSUED and len(store.events("WP20250001")) == 1

    store.busy_timeout_ms = 10000
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)  # waits for the other writer
    assert store.case("WP20250001").status == c.COLLECTING
    other.close()


def test_cases_being_edited_in_qgis_make_writes_fail_cleanly(store, workspace):
    editing = QgsVectorLayer(f"{workspace}|layername=cases", "cases", "ogr")
    assert editing.startEditing()
    assert editing.changeAttributeValue(2, editing.fields().indexOf("phone"), "13900000002")
    before_events = raw_events(workspace)
    with pytest.raises(CaseStoreError, match="being edited in QGIS"):
        store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert raw_events(workspace) == before_events and store.case("WP20250001").status == c.ISSUED
    assert editing.commitChanges()
    store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert store.case("WP20250001").status == c.COLLECTING
    assert store.case("WP20250002").attributes["phone"] == "13900000002"
