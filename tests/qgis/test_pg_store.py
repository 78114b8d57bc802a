"""What only a PostgreSQL workspace shows: several logins at once, the server's refusals as messages, lost
connections and timeouts, opening (creation, refusal of a newer schema), the roles the dock gets, and the
speed of a month's cases. The contract both backends share is in test_case_store.py."""

import statistics
import threading
import time
from datetime import date, timedelta

import psycopg2
import pytest

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles
from farmland_grid_plugin.store import open_workspace, pg_session
from farmland_grid_plugin.store.cases import CaseChanged, CaseStoreError
from farmland_grid_plugin.store.pg_location import parse_location
from farmland_grid_plugin.store.postgres import PostgresCaseStore, open_postgres, set_local_files_root

from . import backends
from .test_case_store import T0, patch


@pytest.fixture
def backend(postgis):
    return backends.PostgresBackend(postgis)


@pytest.fixture
def admin(backend):
    with backend.open() as opened:
        opened.cases.issue([patch(n) for n in range(1, 6)] + [patch(9, unit_code="530102002003000")], "县局 张三", now=T0)
        yield opened.cases


def reported(store, case_id):
    store.apply(case_id, c.COLLECT, "王建国", "", now=T0)
    store.apply(case_id, c.REPORT, "王建国", "", verdict=c.ILLEGAL, now=T0)


def test_two_reviewers_at_once_exactly_one_wins(admin, backend):
    li, zhao = backend.as_login("reviewer_li"), backend.as_login("reviewer_zhao")
    for n in range(1, 6):
        case_id = f"WP2025{n:04d}"
        reported(admin, case_id)
        barrier, outcomes = threading.Barrier(2), {}

        def act(workspace, name, case_id=case_id, barrier=barrier, outcomes=outcomes, now=T0 + timedelta(hours=n)):
            seen = len(workspace.cases.events(case_id))
            barrier.wait()
            try:
                workspace.cases.apply(case_id, c.APPROVE, name, "", now=now, seen_events=seen)
                outcomes[name] = "won"
            except CaseChanged as refused:
                outcomes[name] = refused

        threads = [threading.Thread(target=act, args=(li, "审核员 李")), threading.Thread(target=act, args=(zhao, "审核员 赵"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        (winner,) = [name for name, outcome in outcomes.items() if outcome == "won"]
        (changed,) = [outcome for outcome in outcomes.values() if outcome != "won"]
        assert changed.event.actor == winner and changed.event.action == c.APPROVE
        assert changed.record.status == c.APPROVED  # the loser sees the new state
        assert f"{winner} took the step Approve at " in str(changed) and "it is now Approved" in str(changed)
        events = backend.rows("SELECT action, actor, login FROM case_events WHERE case_id = ? ORDER BY event_id", case_id)
        assert [action for action, _, _ in events] == [c.ISSUE, c.COLLECT, c.REPORT, c.APPROVE]  # no step doubled
        assert events[-1][1] == winner and events[-1][2] == {"审核员 李": "reviewer_li", "审核员 赵": "reviewer_zhao"}[winner]
    li.close()
    zhao.close()


def test_refusals_by_the_server_are_messages(admin, backend):
    before = backends.raw_events(backend)
    viewer, reviewer, township = (backend.as_login(login) for login in ("viewer_liu", "reviewer_li", "township_wang"))
    with pytest.raises(CaseStoreError) as refused:
        viewer.cases.apply("WP20250001", c.COLLECT, "刘", "", now=T0)
    step = "take the step Start collecting evidence on case WP20250001"
    assert str(refused.value).startswith(f"Your login viewer_liu may not {step} in the workspace {viewer.location}: ")
    with pytest.raises(CaseStoreError, match="^Your login reviewer_li may not add evidence to case WP20250001 in the workspace"):
        reviewer.cases.add_evidence("WP20250001", [{"path": "a.jpg"}], "李", now=T0)
    with pytest.raises(CaseStoreError, match="^Your login reviewer_li may not issue cases in the workspace"):
        reviewer.cases.issue([patch(7)], "李", now=T0)
    with pytest.raises(CaseStoreError, match="^Your login reviewer_li may not take the step Start collecting evidence"):
        reviewer.cases.apply("WP20250001", c.COLLECT, "李", "", now=T0)  # a field step: the server's trigger refuses it
    # a township login sees its townships' cases only, and another's case is none of its own
    assert [r.case_id for r in township.cases.cases()] == [f"WP2025{n:04d}" for n in range(1, 6)]
    with pytest.raises(CaseStoreError, match="^There is no case WP20250009 in the workspace"):
        township.cases.apply("WP20250009", c.COLLECT, "王", "", now=T0)
    assert backends.raw_events(backend) == before and backend.rows("SELECT COUNT(*) FROM evidence") == [(0,)]
    township.cases.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)  # its own field step goes through
    assert backend.rows("SELECT login FROM case_events ORDER BY event_id DESC LIMIT 1") == [("township_wang",)]
    for workspace in (viewer, reviewer, township):
        workspace.close()


def test_events_stay_append_only_for_the_superuser(admin, backend):
    connection = backend.connect()
    with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="never changed or deleted"), connection.cursor() as cursor:
        cursor.execute("UPDATE case_events SET note = 'rewritten'")
    connection.close()
    assert [e.note for e in admin.events("WP20250001")] == [""]


def test_a_connection_killed_in_a_write_leaves_nothing_and_the_next_call_works(admin, backend, monkeypatch):
    before_case, before_events = backends.raw_case(backend, "WP20250001"), backends.raw_events(backend)
    real = PostgresCaseStore._append_events

    def killed_then_append(self, cursor, events):
        cursor.execute("SELECT pg_backend_pid()")
        backend.rows("SELECT pg_terminate_backend(?)", cursor.fetchone()[0])
        real(self, cursor, events)

    monkeypatch.setattr(PostgresCaseStore, "_append_events", killed_then_append)
    with pytest.raises(CaseStoreError) as refused:
        admin.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    assert str(refused.value).startswith(
        f"The PostgreSQL server of the workspace {admin.location.text} did not answer while trying to take the step "
        "Start collecting evidence on case WP20250001 ("
    ) and str(refused.value).endswith("). Try again")
    monkeypatch.undo()
    assert backends.raw_case(backend, "WP20250001") == before_case and backends.raw_events(backend) == before_events
    admin.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)  # a new connection
    assert admin.case("WP20250001").status == c.COLLECTING

    # a connection killed between two calls: after a pause the store checks it first and nothing fails
    backend.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'admin_zhang'")
    monkeypatch.setattr(pg_session, "_CHECK_AFTER_IDLE_S", 0.0)
    assert admin.case("WP20250001").status == c.COLLECTING


def test_the_server_stopped_and_started_between_two_actions(admin, postgis, monkeypatch):
    monkeypatch.setattr(pg_session, "_CHECK_AFTER_IDLE_S", 0.0)
    admin.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    postgis.halt()
    try:
        with pytest.raises(CaseStoreError) as refused:
            admin.case("WP20250001")
        assert str(refused.value).startswith(
            f"The PostgreSQL server of the workspace {admin.location.text} did not answer while trying to read the cases ("
        ) and str(refused.value).endswith("). Try again")
    finally:
        postgis.resume()
    admin.apply("WP20250001", c.REPORT, "王建国", "", verdict=c.LEGAL, now=T0)
    assert [e.action for e in admin.events("WP20250001")] == [c.ISSUE, c.COLLECT, c.REPORT]


def test_a_busy_case_and_a_statement_timeout(backend, admin, monkeypatch):
    other = backend.connect()
    with other.cursor() as cursor:
        cursor.execute("SELECT * FROM cases WHERE case_id = 'WP20250001' FOR UPDATE")  # another user's step in progress
        quick = backend.open(busy_timeout_ms=300).cases
        started = time.monotonic()
        with pytest.raises(
            CaseStoreError, match="is busy: another user is changing the same records, so it could not take the step"
        ):
            quick.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
        assert 0.25 < time.monotonic() - started < 5
    other.rollback()
    other.close()

    impatient = open_postgres(backend.location, statement_timeout_ms=1000).cases

    def slow(self, cursor, events):
        cursor.execute("SELECT pg_sleep(3)")

    monkeypatch.setattr(PostgresCaseStore, "_append_events", slow)
    with pytest.raises(
        CaseStoreError, match="did not answer within 1 s while trying to take the step .*; nothing was changed. Try again"
    ):
        impatient.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)
    monkeypatch.undo()
    assert admin.case("WP20250001").status == c.ISSUED and len(admin.events("WP20250001")) == 1
    impatient.apply("WP20250001", c.COLLECT, "王建国", "", now=T0)  # the next action on the same store works
    assert admin.case("WP20250001").status == c.COLLECTING
    quick.close()
    impatient.close()


def test_roles_the_dock_gets(admin, backend):
    expected = {
        "admin_zhang": (roles.REVIEWER, True, (roles.REVIEWER, roles.FIELD)),
        "reviewer_li": (roles.REVIEWER, False, (roles.REVIEWER,)),
        "township_wang": (roles.FIELD, False, (roles.FIELD,)),
        "viewer_liu": (roles.VIEWER, False, ()),
    }
    for login, (role, choosable, choices) in expected.items():
        with backend.as_login(login) as opened:
            provider = opened.cases.role_provider()
            assert (provider.role(), provider.choosable, tuple(provider.choices)) == (role, choosable, choices), login
            assert opened.cases.login == login


def test_opening_creates_checks_and_refuses(postgis, tmp_path):
    dbname = postgis.new_database()
    shown = parse_location(postgis.location(dbname, "admin_zhang")).text
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(postgis.location(dbname, "admin_zhang"), create=False)
    assert str(refused.value) == (
        f"The PostgreSQL database {shown} holds no workspace: an administrator creates it with Create workspace "
        "(farmlandgrid:createworkspace)"
    )
    with pytest.raises(CaseStoreError, match="your login admin_zhang may not create it \\(it needs CREATE on the database\\)"):
        open_workspace(postgis.location(dbname, "admin_zhang"))
    postgis.sql(dbname, f"GRANT CREATE ON DATABASE {dbname} TO admin_zhang")
    with open_workspace(postgis.location(dbname, "admin_zhang"), crs="EPSG:4527") as opened:
        assert opened.schema_version == 4 and opened.cases.crs.authid() == "EPSG:4527"
        assert opened.identity.endswith(f" postgresql:{dbname}") and opened.files_root is None
    assert postgis.sql(dbname, "SELECT tableowner FROM pg_tables WHERE tablename = 'cases'").strip() == "admin_zhang"

    postgis.sql(dbname, "INSERT INTO farmland_grid.farmland_grid_meta VALUES ('files_root', '/srv/county/photos')")
    location = postgis.location(dbname, "reviewer_li")
    with open_workspace(location) as opened:
        assert opened.files_root.as_posix() == "/srv/county/photos"
        set_local_files_root(opened.location, str(tmp_path))
    with open_workspace(location) as opened:
        assert opened.files_root == tmp_path  # this user's own mount of the shared folder
    set_local_files_root(opened.location, None)

    postgis.sql(dbname, "UPDATE farmland_grid.farmland_grid_meta SET value = '5' WHERE key = 'schema_version'")
    with pytest.raises(
        CaseStoreError, match="has schema version 5, which this plugin \\(version 4\\) cannot use; update the plugin"
    ):
        open_workspace(location)


STATUSES = [c.ISSUED, c.COLLECTING, c.REPORTED, c.RETURNED, c.APPROVED, c.CLOSED]


def load_a_month(postgis, dbname, cases=50000):
    """``cases`` cases with 6 events and 2 evidence rows each, in ten townships of 20 villages, bulk-loaded by SQL."""
    township = "'530102' || lpad((i % 10 + 1)::text, 3, '0')"
    village = f"{township} || lpad((i / 10 % 20 + 1)::text, 3, '0')"
    array = "ARRAY[" + ", ".join(f"'{s}'" for s in STATUSES) + "]"
    postgis.sql(
        dbname,
        f"""SET session_replication_role = replica;  -- a bulk load, as a migration would: no per-row triggers
        SET search_path = farmland_grid, public;
        INSERT INTO cases (case_id, patch_id, unit_code, township_code, village_code, person, status, issued_on, due_date,
            area_mu, accountable, updated_at, checks, photo_count, flagged_photos, geom)
        SELECT 'M' || lpad(i::text, 6, '0'), 'P' || i, {village} || '001', {township}, {village}, 'person ' || (i % 500),
            ({array})[i % 6 + 1], date '2025-03-01', date '2025-03-01' + i % 60, 3.5, (i % 7 = 0)::int,
            '2025-03-01T08:00:00Z', '', 2, 0,
            ST_Multi(ST_MakeEnvelope(102 + (i % 300) * 0.002, 25 + (i / 300) * 0.002,
                102.001 + (i % 300) * 0.002, 25.001 + (i / 300) * 0.002, 4490))
        FROM generate_series(1, {cases}) AS i;
        INSERT INTO case_events (case_id, action, from_status, to_status, actor, time, note, checks, login)
        SELECT 'M' || lpad(i::text, 6, '0'), 'collect', 'issued', 'collecting', 'actor ' || k,
            '2025-03-0' || k || 'T08:00:00Z', 'step ' || k, '', 'admin_zhang'
        FROM generate_series(1, {cases}) AS i, generate_series(1, 6) AS k;
        INSERT INTO evidence (case_id, path, added_at, added_by, checks, direction_deg, login, geom)
        SELECT 'M' || lpad(i::text, 6, '0'), '/photos/' || i || '_' || k || '.jpg', '2025-03-02T08:00:00Z', 'wang', '',
            k * 90, 'admin_zhang', ST_SetSRID(ST_MakePoint(102 + (i % 300) * 0.002, 25), 4490)
        FROM generate_series(1, {cases}) AS i, generate_series(1, 2) AS k;
        ANALYZE;""",
    )


def test_a_month_of_cases_opens_fast(postgis, backend, capsys):
    """50,000 cases, 300,000 events, 100,000 evidence rows: a case opens (case, events, evidence) in < 200 ms."""
    load_a_month(postgis, backend.dbname)
    assert backend.rows("SELECT COUNT(*) FROM case_events") == [(300000,)]
    store = backend.open().cases

    def timed(call, repeat=5):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            result = call()
            times.append((time.perf_counter() - started) * 1000)
        return result, statistics.median(times), max(times)

    opened = []
    for n in range(1, 50001, 2500):
        case_id = f"M{n:06d}"
        _, median_ms, max_ms = timed(
            lambda case_id=case_id: (store.case(case_id), store.events(case_id), store.evidence(case_id)), 3
        )
        opened.append(median_ms)
    record, events, evidence = store.case("M012345"), store.events("M012345"), store.evidence("M012345")
    assert record.status == STATUSES[12345 % 6] and len(events) == 6 and len(evidence) == 2
    assert max(opened) < 200

    figures = {"open one case (case + events + evidence), median of 20 cases": statistics.median(opened)}
    for label, call in {
        "all 50,000 cases without geometries": lambda: store.cases(geometry=False),
        "all 50,000 cases with geometries": lambda: store.cases(),
        "status reported (8,333)": lambda: store.cases(status=c.REPORTED, geometry=False),
        "township 530102003 (5,000)": lambda: store.cases(unit_prefix="530102003", geometry=False),
        "village 530102003005 (250)": lambda: store.cases(unit_prefix="530102003005", geometry=False),
        "one person (100)": lambda: store.cases(person="person 42", geometry=False),
        "overdue on 2025-04-15, reported (about 2,000)": lambda: store.cases(
            status=c.REPORTED, overdue_on=date(2025, 4, 15), geometry=False
        ),
    }.items():
        result, median_ms, _ = timed(call, 3)
        figures[f"{label}: {len(result)} rows"] = median_ms
    assert len(store.cases(unit_prefix="530102003", geometry=False)) == 5000
    assert len(store.cases(person="person 42", geometry=False)) == 100
    with capsys.disabled():
        print("\nPostgreSQL workspace, 50,000 cases / 300,000 events / 100,000 evidence (median ms):")
        for label, ms in figures.items():
            print(f"  {label}: {ms:.1f}")
    store.close()
