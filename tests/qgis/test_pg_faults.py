"""Faults between the plugin and its PostgreSQL workspace: the connection killed in the middle of a write,
the server stopped and started between two actions, a statement that times out on a case locked elsewhere.

Each time: no half-written case (every case's status is its last event's, no event without its case, the
case as it was before the failed step), a ``CaseStoreError`` a user can read (no driver traceback), and the
next action on the same store works (it reconnects)."""

import threading
import time

import psycopg2
import pytest

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace, pg_schema
from farmland_grid_plugin.store.cases import CaseChanged, CaseStoreError
from farmland_grid_plugin.store.schema import CASES, EVENTS

from .pg_load_worker import case_patches
from .postgis import PostgisServer

# case_patches: odd cases in township 530102001 (township_wang), even ones in 530102002 (township_chen).
WANG_CASE, CHEN_CASE, WANG_OTHER_CASE = "LOAD0001", "LOAD0002", "LOAD0003"


@pytest.fixture(scope="module")
def server():
    own = PostgisServer().start()  # a server of its own: these tests stop it and cut its sessions
    yield own
    own.stop()


@pytest.fixture
def dbname(server):
    name = server.new_workspace()
    with open_workspace(server.location(name, "admin_zhang"), create=False) as admin:
        admin.cases.issue(case_patches(4), "admin_zhang")
    return name


def trail(server, dbname, case_id):
    """(status, number of events) of a case, read by the superuser."""
    status = server.sql(dbname, f"SELECT status FROM {pg_schema.q(CASES)} WHERE case_id = '{case_id}'").strip()
    events = server.sql(dbname, f"SELECT count(*) FROM {pg_schema.q(EVENTS)} WHERE case_id = '{case_id}'").strip()
    return status, int(events)


def assert_whole(server, dbname):
    """Every case's status is the one its last event leads to, and no event is without its case."""
    cases, events = pg_schema.q(CASES), pg_schema.q(EVENTS)
    last = f"(SELECT to_status FROM {events} e WHERE e.case_id = c.case_id ORDER BY event_id DESC LIMIT 1)"
    assert server.sql(dbname, f"SELECT count(*) FROM {cases} c WHERE c.status IS DISTINCT FROM {last}").strip() == "0"
    orphans = f"SELECT count(*) FROM {events} e WHERE NOT EXISTS (SELECT 1 FROM {cases} c WHERE c.case_id = e.case_id)"
    assert server.sql(dbname, orphans).strip() == "0"


def assert_readable(error, dbname, *words):
    """A refusal a user can act on: the store's own message naming the workspace (and ``words``), no driver traceback."""
    assert isinstance(error, CaseStoreError) and not isinstance(error, CaseChanged), repr(error)
    text = str(error)
    assert f"dbname={dbname}" in text and all(word in text for word in words), text
    assert "psycopg2" not in text and "Traceback" not in text and "CONTEXT:" not in text, text


def superuser(server, dbname):
    return psycopg2.connect(server.location(dbname))


def in_thread(call):
    """Run ``call`` in a thread; returns the thread and a dict that gets its "result" or "error"."""
    outcome = {}

    def run():
        try:
            outcome["result"] = call()
        except Exception as error:  # handed to the test, which asserts what it is
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def waiting_backend(cursor, dbname, login, timeout_s=20):
    """The server process of ``login``'s session once it waits for a lock."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND usename = %s AND wait_event_type = 'Lock'", (dbname, login)
        )
        row = cursor.fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError(f"{login}'s session never waited for the lock")


def test_connection_killed_in_the_middle_of_a_write(server, dbname):
    before = trail(server, dbname, WANG_CASE)
    with open_workspace(server.location(dbname, "township_wang"), create=False) as workspace:
        seen = len(workspace.cases.events(WANG_CASE))
        blocker = superuser(server, dbname)
        try:
            cursor = blocker.cursor()
            # Reads go on, but appending the event waits: the store is inside its transaction, the case row taken.
            cursor.execute(f"LOCK TABLE {pg_schema.q(EVENTS)} IN EXCLUSIVE MODE")
            thread, outcome = in_thread(
                lambda: workspace.cases.apply(WANG_CASE, c.COLLECT, "王建国", "到现场核查", seen_events=seen)
            )
            pid = waiting_backend(cursor, dbname, "township_wang")
            cursor.execute(
                "SELECT mode FROM pg_locks WHERE pid = %s AND granted AND relation = %s::regclass",
                (pid, f"{pg_schema.SCHEMA}.{CASES}"),
            )
            assert {"RowShareLock", "RowExclusiveLock"} & {mode for (mode,) in cursor.fetchall()}
            cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
            assert cursor.fetchone()[0] is True
            thread.join(30)
        finally:
            blocker.rollback()
            blocker.close()
        assert not thread.is_alive()
        assert_readable(outcome.get("error"), dbname, "did not answer", "Try again")
        assert trail(server, dbname, WANG_CASE) == before
        assert_whole(server, dbname)

        state, event = workspace.cases.apply(WANG_CASE, c.COLLECT, "王建国", "到现场核查", seen_events=seen)
        assert (state.status, event.from_status) == (c.COLLECTING, c.ISSUED)
    assert trail(server, dbname, WANG_CASE) == (c.COLLECTING, before[1] + 1)
    assert_whole(server, dbname)


def test_server_stopped_and_started_between_two_actions(server, dbname):
    with open_workspace(server.location(dbname, "township_chen"), create=False) as workspace:
        workspace.cases.apply(CHEN_CASE, c.COLLECT, "李明", "", seen_events=1)
        server.halt()
        try:
            with pytest.raises(CaseStoreError) as while_down:
                workspace.cases.apply(CHEN_CASE, c.REPORT, "李明", "", verdict=c.LEGAL, seen_events=2)
        finally:
            server.resume()
        assert_readable(while_down.value, dbname, "did not answer", "Try again")
        assert trail(server, dbname, CHEN_CASE) == (c.COLLECTING, 2)

        state, _ = workspace.cases.apply(CHEN_CASE, c.REPORT, "李明", "", verdict=c.LEGAL, seen_events=2)
        assert state.status == c.REPORTED
        assert [e.action for e in workspace.cases.events(CHEN_CASE)] == [c.ISSUE, c.COLLECT, c.REPORT]
    assert_whole(server, dbname)


def test_statement_timeout_on_a_case_locked_elsewhere(server, dbname):
    with open_workspace(server.location(dbname, "township_wang"), create=False) as township:
        township.cases.apply(WANG_OTHER_CASE, c.REPORT, "王建国", "", verdict=c.ILLEGAL, seen_events=1)
    before = trail(server, dbname, WANG_OTHER_CASE)
    # A location's own options win over the store's: one second for every statement (the store waits 10 s for a lock).
    location = server.location(dbname, "reviewer_zhao") + " options='-c statement_timeout=1000'"
    with open_workspace(location, create=False) as workspace:
        blocker = superuser(server, dbname)
        try:
            blocker.cursor().execute(f"SELECT 1 FROM {pg_schema.q(CASES)} WHERE case_id = %s FOR UPDATE", (WANG_OTHER_CASE,))
            started = time.monotonic()
            with pytest.raises(CaseStoreError) as timed_out:
                workspace.cases.apply(WANG_OTHER_CASE, c.APPROVE, "审核员赵", "", seen_events=2)
            waited = time.monotonic() - started
        finally:
            blocker.rollback()
            blocker.close()
        # The timeout in force is the location's 1 s, and the message says so.
        assert_readable(timed_out.value, dbname, "did not answer within 1 s", "nothing was changed", "Try again")
        assert waited < 10, f"the store waited {waited:.1f} s"
        assert trail(server, dbname, WANG_OTHER_CASE) == before
        assert_whole(server, dbname)

        state, _ = workspace.cases.apply(WANG_OTHER_CASE, c.APPROVE, "审核员赵", "", seen_events=2)
        assert state.status == c.APPROVED
    assert trail(server, dbname, WANG_OTHER_CASE) == (c.APPROVED, 3)
