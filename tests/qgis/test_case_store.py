"""The case store contract through ``open_workspace``, run on both backends (a GeoPackage file and a fresh
PostgreSQL workspace opened as ``admin_zhang``): issuing, the case loop with its audit trail, refusals, a step
someone else took first (``seen_events``), filters, evidence. ``backend.rows`` reads the tables raw (sqlite3 or
the superuser). What only a GeoPackage file shows is in test_gpkg_store.py, what only a server shows in
test_pg_store.py; schema creation and migration are in test_workspace.py."""

import re
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta, timezone

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.store.cases import CaseChanged, CaseStoreError

from . import backends

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


@pytest.fixture(params=backends.BACKENDS)
def backend(request, tmp_path):
    """Where the workspace lives: a GeoPackage file, or a new PostgreSQL database (``tests/qgis/backends.py``)."""
    return backends.make_backend(request.param, tmp_path, request)


@pytest.fixture
def opened(backend):
    """The workspace as the plugin opens it."""
    with backend.open() as opened:
        yield opened


@pytest.fixture
def store(opened):
    store = opened.cases
    store.issue([patch(1), patch(2, accountable=True), patch(3, unit_code="530102002003000")], "县自然资源局 张三", now=T0)
    return store


# The GeoPackage file read with sqlite3 (test_workspace.py and test_gpkg_store.py use them too).
def sql(path, query, *args):
    with closing(sqlite3.connect(str(path))) as db, db:
        return db.execute(query, args).fetchall()


def raw_case(path, case_id):
    columns = [row[1] for row in sql(path, "PRAGMA table_info(cases)")]
    row = sql(path, "SELECT * FROM cases WHERE case_id = ?", case_id)[0]
    return dict(zip(columns, row))


def raw_events(path):
    return sql(path, "SELECT * FROM case_events ORDER BY event_id")


def test_issue_and_idempotent_reissue(store, backend):
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
    assert backend.rows("SELECT case_id, COUNT(*) FROM cases GROUP BY case_id HAVING COUNT(*) > 1") == []
    assert store.case("WP20250001").attributes["updated_at"] == "2025-03-01T08:00:00Z"  # untouched by the re-run
    for case_id in ("WP20250001", "WP20250004"):
        (event,) = store.events(case_id)
        assert (event.from_status, event.to_status, event.action, event.actor) == ("", c.ISSUED, c.ISSUE, "县自然资源局 张三")
    assert store.case("WP20250004").attributes["issued_on"] == date(2025, 3, 1)
    assert store.issue([], "张三") == ([], [])


def test_issue_defaults_and_conversions(backend):
    store = backend.open(crs="EPSG:4527").cases  # CGCS2000 / 3-degree GK zone 39
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


def test_full_loop_with_audit_trail(store, backend):
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
    stored = backend.rows(
        "SELECT action, from_status, to_status, actor, time, note FROM case_events WHERE case_id = ? ORDER BY event_id",
        "WP20250001",
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


def test_refusals_leave_rows_and_events_untouched(store, backend):
    store.apply("WP20250001", c.REPORT, "王建国", "", verdict=c.LEGAL, now=T0)
    before_case, before_events = backends.raw_case(backend, "WP20250001"), backends.raw_events(backend)
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
    assert backends.raw_case(backend, "WP20250001") == before_case
    assert backends.raw_events(backend) == before_events
    assert store.case("WP20250002").status == c.ISSUED


def test_a_failed_event_write_leaves_the_case_unchanged(store, backend, monkeypatch):
    before_case, before_events = backends.raw_case(backend, "WP20250001"), backends.raw_events(backend)
    real = type(store)._append_events

    def append_then_fail(self, writer, events):
        real(self, writer, events)
        raise OSError("disk full")

    monkeypatch.setattr(type(store), "_append_events", append_then_fail)
    with pytest.raises(OSError, match="disk full"):
        store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0 + timedelta(hours=1))
    with pytest.raises(OSError, match="disk full"):
        store.issue([patch(7)], "张三", now=T0)
    assert backends.raw_case(backend, "WP20250001") == before_case
    assert backends.raw_events(backend) == before_events
    assert store.case("WP20250007") is None
    monkeypatch.undo()
    new, _ = store.apply("WP20250001", c.COLLECT, "王建国", "", now=T0 + timedelta(hours=1))
    assert store.case("WP20250001").status == c.COLLECTING


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


def test_evidence(store, backend):
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
    assert backend.rows("SELECT COUNT(*) FROM evidence") == [(2,)]
    # evidence is no change of status: the audit trail is unchanged
    assert [e.action for e in store.events("WP20250001")] == [c.ISSUE]


def test_evidence_points_in_a_projected_workspace(backend):
    store = backend.open(crs=QgsCoordinateReferenceSystem("EPSG:4527")).cases
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


def test_a_step_someone_took_first_is_refused_and_named(store, backend):
    seen = len(store.events("WP20250001"))
    store.apply("WP20250001", c.COLLECT, "王建国", "到场取证", now=T0 + timedelta(hours=1), seen_events=seen)
    before_case, before_events = backends.raw_case(backend, "WP20250001"), backends.raw_events(backend)
    with pytest.raises(CaseChanged) as changed:  # a second user who read the case before that step
        store.apply("WP20250001", c.REPORT, "李秀英", "", verdict=c.LEGAL, now=T0 + timedelta(hours=2), seen_events=seen)
    assert changed.value.event.actor == "王建国" and changed.value.event.action == c.COLLECT
    assert changed.value.record.status == c.COLLECTING
    local = (T0 + timedelta(hours=1)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert str(changed.value) == (
        f"Case WP20250001 was changed meanwhile: 王建国 took the step Start collecting evidence at {local}; "
        "it is now Collecting evidence. Nothing was done: look at it again"
    )
    assert isinstance(changed.value, CaseStoreError)
    assert backends.raw_case(backend, "WP20250001") == before_case and backends.raw_events(backend) == before_events
    # having seen the new event, the step goes through; without seen_events nothing is compared
    store.apply("WP20250001", c.REPORT, "李秀英", "", verdict=c.LEGAL, now=T0 + timedelta(hours=2), seen_events=seen + 1)
    store.apply("WP20250001", c.APPROVE, "审核员", "", now=T0 + timedelta(hours=3))
    assert [e.action for e in store.events("WP20250001")] == [c.ISSUE, c.COLLECT, c.REPORT, c.APPROVE]


def test_case_list_without_geometries(store):
    records = store.cases(geometry=False)
    assert [r.case_id for r in records] == ["WP20250001", "WP20250002", "WP20250003"]
    assert all(r.geometry is None for r in records)
    assert records[1].attributes["person"] == "王建国" and records[1].accountable
    assert all(r.geometry.area() == pytest.approx(1e-6) for r in store.cases())
