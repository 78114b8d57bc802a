"""The workspace case store through ``open_workspace``: issuing, the case loop with its audit trail, refusals,
concurrent reads and writers, evidence. Schema creation and migration are in test_workspace.py.

The ``opened`` fixture is the seam for other backends: the tests that only use ``store`` and ``opened``
hold for every backend; those that also read ``workspace`` (the file) check the GeoPackage itself."""

import re
import sqlite3
import threading
import time
from contextlib import closing
from datetime import date, datetime, timedelta, timezone

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.cases import CaseStoreError

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
GROUP = "530102001001001"  # a villager group: township 530102001, village 530102001001


def square(x, y, size=0.001):
    return QgsGeometry.fromWkt(f"POLYGON(({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))")


def patch(n, accountable=False, **extra):
    values = {
        "patch_id": f"WP2025{n:04d}",
        "unit_code": GROUP,
        "person": "王建国",
        "phone": "13800000001",
        "area_mu": 12.5 if accountable else 3.0,
        "pbf_mu": 6.0 if accountable else 0.0,
        "farmland_mu": 12.0 if accountable else 2.5,
        "accountable": accountable,
        "issued_on": date(2025, 3, 1),
        "geometry": square(102.7 + n * 0.01, 25.0),
    }
    values.update(extra)
    return values


@pytest.fixture
def workspace(tmp_path):
    """The workspace file, for the checks that read the GeoPackage itself."""
    return tmp_path / "workspace.gpkg"


@pytest.fixture
def opened(workspace):
    """The workspace as the plugin opens it."""
    with open_workspace(workspace) as opened:
        yield opened


@pytest.fixture
def store(opened):
    store = opened.cases
    store.issue([patch(1), patch(2, accountable=True), patch(3, unit_code="530102002003000")], "县自然资源局 张三", now=T0)
    return store


def sql(path, query, *args):
    with closing(sqlite3.connect(str(path))) as db, db:
        return db.execute(query, args).fetchall()


def raw_case(path, case_id):
    columns = [row[1] for row in sql(path, "PRAGMA table_info(cases)")]
    row = sql(path, "SELECT * FROM cases WHERE case_id = ?", case_id)[0]
    return dict(zip(columns, row))


def raw_events(path):
    return sql(path, "SELECT * FROM case_events ORDER BY event_id")


def test_issue_and_idempotent_reissue(store, workspace):
    cases = {r.case_id: r for r in store.cases()}
    assert list(cases) == ["WP20250001", "WP20250002", "WP20250003"]
    first, accountable = cases["WP20250001"], cases["WP20250002"]
    assert first.status == c.ISSUED and first.state.verdict is None
    assert first.attributes["township_code"] == "530102001" and first.attributes["village_code"] == "530102001001"
    assert first.attributes["person"] == "王建国" and first.attributes["area_mu"] == 3.0
    assert first.due_date == date(2025, 3, 31) and accountable.due_date == date(2025, 3, 16)
    assert accountable.attributes["accountable"] == 1 and accountable.state.accountable
    assert first.geometry.wkbType() == QgsWkbTypes.MultiPolygon
    assert first.geometry.area() == pytest.approx(1e-6)
    assert first.attributes["updated_at"] == "2025-03-01T08:00:00Z"

    later = T0 + timedelta(days=1)
    created, skipped = store.issue([patch(2), patch(1), patch(4), patch(4)], "县自然资源局 张三", now=later)
    assert created == ["WP20250004"] and skipped == ["WP20250002", "WP20250001", "WP20250004"]
    assert [r.case_id for r in store.cases()] == ["WP20250001", "WP20250002", "WP20250003", "WP20250004"]
    assert sql(workspace, "SELECT case_id, COUNT(*) FROM cases GROUP BY case_id HAVING COUNT(*) > 1") == []
    assert store.case("WP20250001").attributes["updated_at"] == "2025-03-01T08:00:00Z"  # untouched by the re-run
    for case_id in ("WP20250001", "WP20250004"):
        (event,) = store.events(case_id)
        assert (event.from_status, event.to_status, event.action, event.actor) == ("", c.ISSUED, c.ISSUE, "县自然资源局 张三")
    assert store.case("WP20250004").attributes["issued_on"] == date(2025, 3, 1)
    assert store.issue([], "张三") == ([], [])


def test_issue_defaults_and_conversions(workspace):
    store = open_workspace(workspace, crs="EPSG:4527").cases  # CGCS2000 / 3-degree GK zone 39
    assert store.crs.authid() == "EPSG:4527"
    lonlat = QgsGeometry.fromWkt("POLYGON((117 30, 117.001 30, 117.001 30.001, 117 30))")
    created, _ = store.issue(
        [
            {"case_id": "C-1", "patch_id": "WP1", "issued_on": "2025-03-02", "accountable": "1", "geometry": lonlat},
            {"patch_id": "WP2", "issued_on": QDate(2025, 3, 2), "due_date": date(2025, 5, 1), "geometry": lonlat.asWkb()},
            {"patch_id": "WP3", "geometry": None},
        ],
        "张三",
        now=datetime(2025, 3, 2, 20, 0, tzinfo=timezone(timedelta(hours=8))),
        rule=c.DueRule(days=60, accountable_days=20),
        crs="EPSG:4490",
    )
    assert created == ["C-1", "WP2", "WP3"]
    one, two, three = store.cases()
    assert one.attributes["patch_id"] == "WP1" and one.due_date == date(2025, 3, 22)
    assert two.due_date == date(2025, 5, 1)
    assert three.geometry is None and three.issued_on is not None
    x = one.geometry.boundingBox().xMinimum()
    assert 39_000_000 < x < 40_000_000  # transformed into the zone-39 GK coordinates
    with pytest.raises(CaseStoreError, match="Patch number 2 has neither a case id nor a patch id"):
        store.issue([patch(9), {"unit_code": GROUP}], "张三")
    assert store.case("WP20250009") is None  # nothing of a refused batch is stored
    with pytest.raises(DomainError, match="actor is missing"):
        store.issue([patch(9)], " ")


def test_full_loop_with_audit_trail(store, workspace):
    steps = [
        (c.COLLECT, "", {}),
        (c.REPORT, "违法占用耕地建房，照片 3 张", {"verdict": c.ILLEGAL}),
        (c.SEND_BACK, "缺少北侧照片", {}),
        (c.REPORT, "已补北侧照片", {}),
        (c.APPROVE, "", {}),
        (c.RECTIFY, "拆除违建，恢复耕种", {}),
        (c.CLOSE, "已拆除并复耕，验收合格", {}),
        (c.REOPEN, "回访发现复建", {}),
    ]
    actors = ["王建国", "王建国", "县局 审核员", "王建国", "县局 审核员", "王建国", "县局 审核员", "县局 审核员"]
    for i, ((action, note, kw), actor) in enumerate(zip(steps, actors), start=1):
        new, event = store.apply("WP20250001", action, actor, note, now=T0 + timedelta(hours=i), **kw)
        assert store.case("WP20250001").state == new

    final = store.case("WP20250001")
    assert final.status == c.RETURNED and final.state.verdict == c.ILLEGAL
    assert final.state.rectification == "已拆除并复耕，验收合格"
    assert final.attributes["updated_at"] == "2025-03-01T16:00:00Z"
    events = store.events("WP20250001")
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", c.ISSUED),
        (c.ISSUED, c.COLLECTING),
        (c.COLLECTING, c.REPORTED),
        (c.REPORTED, c.RETURNED),
        (c.RETURNED, c.REPORTED),
        (c.REPORTED, c.APPROVED),
        (c.APPROVED, c.RECTIFYING),
        (c.RECTIFYING, c.CLOSED),
        (c.CLOSED, c.RETURNED),
    ]
    assert [e.action for e in events[1:]] == [action for action, _, _ in steps]
    assert [e.actor for e in events[1:]] == actors
    assert [e.note for e in events[1:]] == [note for _, note, _ in steps]
    assert [e.time for e in events] == [T0 + timedelta(hours=i) for i in range(9)]
    stored = sql(
        workspace, "SELECT action, from_status, to_status, actor, time, note FROM case_events WHERE case_id = ?", "WP20250001"
    )
    assert all(ISO_UTC.match(row[4]) for row in stored)
    assert stored[1] == ("collect", "issued", "collecting", "王建国", "2025-03-01T09:00:00Z", "")
    assert stored[0][1] == ""  # issued from no status
    # the other cases are untouched
    assert [e.action for e in store.events("WP20250002")] == [c.ISSUE]
    assert store.case("WP20250002").status == c.ISSUED


def test_legal_and_other_verdicts_close_after_approval(store):
    store.apply("WP20250002", c.REPORT, "王建国", "设施农用地，已备案", verdict=c.LEGAL, now=T0)
    store.apply("WP20250002", c.APPROVE, "审核员", "", now=T0)
    new, _ = store.apply("WP20250002", c.CLOSE, "审核员", "", now=T0)
    assert new.status == c.CLOSED and store.case("WP20250002").state.rectification is None
    with pytest.raises(DomainError, match="the verdict Other needs a reason"):
        store.apply("WP20250003", c.REPORT, "王建国", "", verdict=c.OTHER, now=T0)
    new, _ = store.apply("WP20250003", c.REPORT, "王建国", "", verdict=c.OTHER, verdict_reason="临时用地，审批中", now=T0)
    assert store.case("WP20250003").state.verdict_reason == "临时用地，审批中"


def test_refusals_leave_rows_and_events_untouched(store, workspace):
    store.apply("WP20250001", c.REPORT, "王建国", "", verdict=c.LEGAL, now=T0)
    before_case, before_events = raw_case(workspace, "WP20250001"), raw_events(workspace)
    later = T0 + timedelta(days=3)
    with pytest.raises(c.TransitionRefused) as refused:
        store.apply("WP20250001", c.CLOSE, "审核员", "done", now=later)
    assert str(refused.value) == "Case WP20250001 (Reported): Close is not possible now. Allowed now: Send back, Approve"
    assert refused.value.allowed == [c.SEND_BACK, c.APPROVE]
    with pytest.raises(DomainError, match="sending it back needs a note"):
        store.apply("WP20250001", c.SEND_BACK, "审核员", "  ", now=later)
    with pytest.raises(DomainError, match="actor is missing"):
        store.apply("WP20250001", c.APPROVE, "", "", now=later)
    with pytest.raises(DomainError, match="a verdict is given only when the case is reported"):
        store.apply("WP20250001", c.APPROVE, "审核员", "", now=later, verdict=c.ILLEGAL)
    with pytest.raises(DomainError, match="Unknown case action 'delete'"):
        store.apply("WP20250001", "delete", "审核员", "", now=later)
    with pytest.raises(CaseStoreError, match="There is no case WP404"):
        store.apply("WP404", c.COLLECT, "审核员", "", now=later)
    with pytest.raises(DomainError, match="reporting needs a verdict"):
        store.apply("WP20250002", c.REPORT, "王建国", "", now=later)
    assert raw_case(workspace, "WP20250001") == before_case
    assert raw_events(workspace) == before_events
    assert store.case("WP20250002").status == c.ISSUED


def test_a_failed_event_write_leaves_the_case_unchanged(store, workspace, monkeypatch):
    before_case, before_events = raw_case(workspace, "WP20250001"), raw_events(workspace)
    real = type(store)._append_events

    def append_then_fail(self, writer, events):
        real(self, writer, events)
        raise OSError("disk full")

    monkeypatch.setattr(type(store), "_append_events", append_then_fail)
    with pytest.raises(OSError, match="disk full"):
        store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0 + timedelta(hours=1))
    with pytest.raises(OSError, match="disk full"):
        store.issue([patch(7)], "张三", now=T0)
    assert raw_case(workspace, "WP20250001") == before_case
    assert raw_events(workspace) == before_events
    assert store.case("WP20250007") is None
    monkeypatch.undo()
    new, _ = store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0 + timedelta(hours=1))
    assert store.case("WP20250001").status == c.COLLECTING


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


def test_filters(store):
    store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    store.issue([patch(6, person="李秀英", issued_on=date(2025, 2, 1))], "张三", now=T0)
    ids = lambda records: [r.case_id for r in records]  # noqa: E731
    assert ids(store.cases(status=c.ISSUED)) == ["WP20250002", "WP20250003", "WP20250006"]
    assert ids(store.cases(status=[c.COLLECTING, c.CLOSED])) == ["WP20250001"]
    assert ids(store.cases(status=[])) == []
    assert ids(store.cases(unit_prefix="530102001")) == ["WP20250001", "WP20250002", "WP20250006"]
    assert ids(store.cases(unit_prefix="530102002")) == ["WP20250003"]
    assert ids(store.cases(person="李秀英")) == ["WP20250006"]
    assert ids(store.cases(person="O'Brien")) == []
    assert ids(store.cases(overdue_on=date(2025, 3, 10))) == ["WP20250006"]
    assert ids(store.cases(overdue_on=date(2025, 3, 20))) == ["WP20250002", "WP20250006"]
    assert ids(store.cases(status=c.ISSUED, unit_prefix="530102001", overdue_on=date(2025, 4, 1))) == ["WP20250002", "WP20250006"]
    assert store.case("WP20250003").attributes["unit_code"] == "530102002003000"
    assert store.case("nope") is None


def test_evidence(store, workspace):
    taken = datetime(2025, 3, 5, 10, 30)  # EXIF: local time without zone
    added, skipped = store.add_evidence(
        "WP20250001",
        [
            {"path": "/photos/IMG_0001.jpg", "taken": taken, "lon_wgs84": 102.715, "lat_wgs84": 25.0005, "direction_deg": 270},
            {"path": "/photos/IMG_0002.jpg", "geometry": QgsGeometry.fromPointXY(QgsPointXY(102.716, 25.0006))},
            {"path": "/photos/IMG_0001.jpg"},
        ],
        "王建国",
        now=T0,
    )
    assert added == [1, 2] and skipped == ["/photos/IMG_0001.jpg"]
    one, two = store.evidence("WP20250001")
    assert (one.path, one.taken, one.direction_deg, one.added_by, one.added_at) == (
        "/photos/IMG_0001.jpg",
        "2025-03-05T10:30:00",
        270.0,
        "王建国",
        T0,
    )
    assert one.geometry.asPoint().x() == pytest.approx(102.715) and one.geometry.asPoint().y() == pytest.approx(25.0005)
    assert two.lon_wgs84 is None and two.geometry.asPoint().x() == pytest.approx(102.716)
    assert store.add_evidence("WP20250001", [{"path": "/photos/IMG_0002.jpg"}], "王建国") == ([], ["/photos/IMG_0002.jpg"])
    assert store.evidence("WP20250002") == []
    with pytest.raises(CaseStoreError, match="There is no case WP404"):
        store.add_evidence("WP404", [{"path": "/photos/x.jpg"}], "王建国")
    with pytest.raises(CaseStoreError, match="Evidence number 1 for case WP20250001 has no file path"):
        store.add_evidence("WP20250001", [{"path": " "}], "王建国")
    with pytest.raises(DomainError, match="actor is missing"):
        store.add_evidence("WP20250001", [{"path": "/photos/y.jpg"}], "")
    assert sql(workspace, "SELECT COUNT(*) FROM evidence") == [(2,)]
    # evidence is no change of status: the audit trail is unchanged
    assert [e.action for e in store.events("WP20250001")] == [c.ISSUE]


def test_evidence_points_in_a_projected_workspace(workspace):
    store = open_workspace(workspace, crs=QgsCoordinateReferenceSystem("EPSG:4527")).cases
    store.issue([{"patch_id": "P1"}], "张三", now=T0)
    store.add_evidence("P1", [{"path": "a.jpg", "lon_wgs84": 117.0, "lat_wgs84": 30.0}], "王建国", now=T0)
    (point,) = store.evidence("P1")
    assert point.geometry.asPoint().x() == pytest.approx(39_500_000, abs=1)  # central meridian 117° E, false easting


def test_records_read_through_to_the_state(store):
    record = store.case("WP20250002")
    assert record.case_id == record.state.case_id == "WP20250002"
    assert record.accountable is True and record.fid == 2
    assert c.allowed_actions(record.state) == [c.COLLECT, c.REPORT]
    with pytest.raises(AttributeError):
        record.no_such_attribute  # noqa: B018
