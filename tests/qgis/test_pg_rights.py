"""The rights of a PostgreSQL workspace, enforced by the server: each login of the test cluster (one per role)
tries every forbidden operation in raw SQL, and the server refuses it (insufficient_privilege, or row-level security
hiding the row); the same operations through the case store end in a clear ``CaseStoreError`` naming the login.
The allowed operations of each role succeed, so the rights are not "everything refused"."""

import psycopg2
import pytest
from psycopg2.errors import InsufficientPrivilege

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.cases import CaseStoreError

from .postgis import LOGINS

S = "farmland_grid"
ADMIN, REVIEWER, TOWNSHIP, OTHER_TOWNSHIP, VIEWER = "admin_zhang", "reviewer_li", "township_wang", "township_chen", "viewer_liu"
WANG_UNIT, CHEN_UNIT = "5301020010010000000", "5301020020010000000"  # townships 530102001 (wang) and 530102002 (chen)
EVENT = f"INSERT INTO {S}.case_events (case_id, action, from_status, to_status, actor, time) VALUES (%s, %s, %s, %s, 'x', 'now')"
PHOTO = {"path": "DCIM/1.jpg", "lon_wgs84": 102.7, "lat_wgs84": 25.0, "direction_deg": 90.0, "checks": ""}


@pytest.fixture(scope="module")
def rights(postgis):
    """A workspace with the cases W1, W2 (township 530102001; W2 reported by its township) and C1 (530102002)."""
    dbname = postgis.new_workspace()
    with open_workspace(postgis.location(dbname, ADMIN), create=False) as workspace:
        patches = [{"case_id": "W1", "unit_code": WANG_UNIT}, {"case_id": "W2", "unit_code": WANG_UNIT}]
        assert workspace.cases.issue([*patches, {"case_id": "C1", "unit_code": CHEN_UNIT}], "县自然资源局")[0] == [
            "W1",
            "W2",
            "C1",
        ]
    with open_workspace(postgis.location(dbname, TOWNSHIP), create=False) as workspace:
        workspace.cases.apply("W2", c.REPORT, "乡镇 王", verdict=c.LEGAL)
    return dbname


def connect(postgis, dbname, login):
    return psycopg2.connect(postgis.location(dbname, login))


def server_refuses(postgis, dbname, login, sql, args=()):
    """Run ``sql`` as ``login`` in a transaction rolled back after: the server must refuse it; its message."""
    connection = connect(postgis, dbname, login)
    try:
        with connection.cursor() as cursor, pytest.raises(InsufficientPrivilege) as refused:
            cursor.execute(sql, args)
        return refused.value.diag.message_primary
    finally:
        connection.rollback()
        connection.close()


def server_answers(postgis, dbname, login, sql, args=(), commit=False):
    """Rows of ``sql`` run as ``login`` (its changes rolled back unless ``commit``); (rows, rowcount)."""
    connection = connect(postgis, dbname, login)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            return (cursor.fetchall() if cursor.description else []), cursor.rowcount
    finally:
        if commit:
            connection.commit()
        connection.close()  # without a commit: rolled back


# --- forbidden, refused by the server -----------------------------------------------------------------------------

FORBIDDEN = [
    # a reviewer issuing
    (REVIEWER, f"INSERT INTO {S}.cases (case_id, status) VALUES ('R1', 'issued')", ()),
    (REVIEWER, EVENT, ("W1", c.ISSUE, None, "issued")),
    # a township approving, sending back, closing, issuing; or changing what is the administrator's
    (TOWNSHIP, f"UPDATE {S}.cases SET status = 'approved', verdict = 'legal' WHERE case_id = 'W2'", ()),
    (TOWNSHIP, EVENT, ("W2", c.APPROVE, "reported", "reported")),
    (TOWNSHIP, EVENT, ("W2", c.SEND_BACK, "reported", "reported")),
    (TOWNSHIP, EVENT, ("W1", c.ISSUE, None, "issued")),
    (TOWNSHIP, f"UPDATE {S}.cases SET person = '某人' WHERE case_id = 'W1'", ()),
    (TOWNSHIP, f"INSERT INTO {S}.cases (case_id, status) VALUES ('T1', 'issued')", ()),
    # a township acting on another township's case
    (TOWNSHIP, EVENT, ("C1", c.COLLECT, "issued", "issued")),
    (TOWNSHIP, f"INSERT INTO {S}.evidence (case_id, path) VALUES ('C1', 'DCIM/x.jpg')", ()),
    # a township giving itself another township
    (TOWNSHIP, f"INSERT INTO {S}.township_logins VALUES ('{TOWNSHIP}', '530102002')", ()),
    # a reviewer attaching evidence or changing the registry
    (REVIEWER, f"INSERT INTO {S}.evidence (case_id, path) VALUES ('W1', 'DCIM/x.jpg')", ()),
    (REVIEWER, f"INSERT INTO {S}.space_code_registry VALUES ('X', 'X', 'X', 1, 'active', 'now', NULL, NULL)", ()),
    # a viewer writing anything
    (VIEWER, f"INSERT INTO {S}.cases (case_id, status) VALUES ('V1', 'issued')", ()),
    (VIEWER, f"UPDATE {S}.cases SET status = 'collecting' WHERE case_id = 'W1'", ()),
    (VIEWER, EVENT, ("W1", c.COLLECT, "issued", "collecting")),
    (VIEWER, f"INSERT INTO {S}.evidence (case_id, path) VALUES ('W1', 'DCIM/x.jpg')", ()),
    (VIEWER, f"INSERT INTO {S}.space_code_registry VALUES ('X', 'X', 'X', 1, 'active', 'now', NULL, NULL)", ()),
    (VIEWER, f"UPDATE {S}.farmland_grid_meta SET value = '9' WHERE key = 'schema_version'", ()),
    (VIEWER, f"INSERT INTO {S}.township_logins VALUES ('{VIEWER}', '530102001')", ()),
    (VIEWER, f"DELETE FROM {S}.township_logins", ()),
    (VIEWER, f"DELETE FROM {S}.cases", ()),
]


@pytest.mark.parametrize("login, sql, args", FORBIDDEN, ids=[f"{login}:{sql[:50]}" for login, sql, _ in FORBIDDEN])
def test_forbidden_operations_are_refused_by_the_server(postgis, rights, login, sql, args):
    assert server_refuses(postgis, rights, login, sql, args)


@pytest.mark.parametrize("login", [*LOGINS, "postgres"])
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {S}.case_events SET note = 'rewritten'",
        f"UPDATE {S}.case_events SET actor = 'someone else' WHERE case_id = 'W1'",
        f"DELETE FROM {S}.case_events WHERE case_id = 'W1'",
        f"TRUNCATE {S}.case_events",
    ],
)
def test_nobody_rewrites_the_audit_trail_the_superuser_neither(postgis, rights, login, sql):
    """No UPDATE/DELETE grant for any role, and a trigger refusing them (and TRUNCATE) for the owner and superuser."""
    message = server_refuses(postgis, rights, login, sql)
    if login == "postgres":
        assert message == "farmland_grid: the events are the audit trail; they are never changed or deleted"


def test_a_township_neither_sees_nor_touches_another_townships_case(postgis, rights):
    # Row-level security: the rows are not there for it, so reading finds nothing and a change touches nothing.
    for table in ("cases", "case_events"):
        sql = f"SELECT count(*) FROM {S}.{table} WHERE case_id = 'C1'"
        assert server_answers(postgis, rights, TOWNSHIP, sql)[0] == [(0,)]
        assert server_answers(postgis, rights, OTHER_TOWNSHIP, sql)[0][0][0] >= 1
    update = f"UPDATE {S}.cases SET status = 'collecting', updated_at = 'now' WHERE case_id = 'C1'"
    assert server_answers(postgis, rights, TOWNSHIP, update)[1] == 0
    seen = server_answers(postgis, rights, TOWNSHIP, f"SELECT case_id FROM {S}.cases ORDER BY case_id")[0]
    assert seen == [("W1",), ("W2",)]
    assert server_answers(postgis, rights, TOWNSHIP, f"SELECT township_code FROM {S}.township_logins")[0] == [("530102001",)]


# --- the same through the store: a clear CaseStoreError ------------------------------------------------------------


def issuing(case_id):
    return lambda workspace: workspace.cases.issue([{"case_id": case_id, "unit_code": WANG_UNIT}], "某人")


def store_refuses(postgis, dbname, login, act):
    with open_workspace(postgis.location(dbname, login), create=False) as workspace:
        with pytest.raises(CaseStoreError) as refused:
            act(workspace)
    message = str(refused.value)
    assert "Traceback" not in message and "psycopg2" not in message
    return message


@pytest.mark.parametrize(
    "login, act, expected",
    [
        (REVIEWER, issuing("R1"), "Your login reviewer_li may not issue cases"),
        (TOWNSHIP, lambda w: w.cases.apply("W2", c.APPROVE, "乡镇 王"), "Your login township_wang may not take the step"),
        (TOWNSHIP, lambda w: w.cases.apply("C1", c.COLLECT, "乡镇 王"), "There is no case C1"),
        (TOWNSHIP, lambda w: w.cases.add_evidence("C1", [PHOTO], "乡镇 王"), "There is no case C1"),
        (TOWNSHIP, issuing("T1"), "Your login township_wang may not issue cases"),
        (VIEWER, lambda w: w.cases.apply("W1", c.COLLECT, "领导"), "Your login viewer_liu may not take the step"),
        (VIEWER, lambda w: w.cases.add_evidence("W1", [PHOTO], "领导"), "Your login viewer_liu may not add evidence to case W1"),
        (VIEWER, issuing("V1"), "Your login viewer_liu may not issue cases"),
    ],
    ids=["reviewer-issues", "township-approves", "township-acts-elsewhere", "township-evidence-elsewhere", "township-issues",
         "viewer-steps", "viewer-evidence", "viewer-issues"],
)  # fmt: skip
def test_refusals_reach_the_store_as_clear_messages(postgis, rights, login, act, expected):
    assert expected in store_refuses(postgis, rights, login, act)
    # Nothing of it was stored.
    rows = server_answers(postgis, rights, "postgres", f"SELECT case_id, status FROM {S}.cases ORDER BY case_id")[0]
    assert rows == [("C1", "issued"), ("W1", "issued"), ("W2", "reported")]


def test_a_viewer_writing_codes_is_refused_through_the_registry(postgis, rights):
    def record(workspace):
        with workspace.registry.transaction() as registry:
            registry.record({"530102001001001000011": []}, [], "2026-01-12T00:00:00Z")

    assert "viewer_liu" in store_refuses(postgis, rights, VIEWER, record)


# --- allowed: each role does its own work ---------------------------------------------------------------------------


def test_each_role_does_what_it_may(postgis):
    dbname = postgis.new_workspace()
    with open_workspace(postgis.location(dbname, ADMIN), create=False) as workspace:
        patches = [{"case_id": "W1", "unit_code": WANG_UNIT}, {"case_id": "C1", "unit_code": CHEN_UNIT}]
        assert workspace.cases.issue(patches, "县自然资源局")[0] == ["W1", "C1"]
        with workspace.registry.transaction() as registry:
            registry.record({"530102001001001000011": []}, [], "2026-01-12T00:00:00Z")
    server_answers(
        postgis, dbname, ADMIN, f"INSERT INTO {S}.township_logins VALUES ('{OTHER_TOWNSHIP}', '530102003')", commit=True
    )

    with open_workspace(postgis.location(dbname, TOWNSHIP), create=False) as workspace:
        assert [r.case_id for r in workspace.cases.cases()] == ["W1"]
        workspace.cases.apply("W1", c.COLLECT, "乡镇 王")
        assert workspace.cases.add_evidence("W1", [PHOTO], "乡镇 王")[0]
        workspace.cases.apply("W1", c.REPORT, "乡镇 王", verdict=c.ILLEGAL)
    with open_workspace(postgis.location(dbname, REVIEWER), create=False) as workspace:
        assert [r.case_id for r in workspace.cases.cases()] == ["W1", "C1"]
        workspace.cases.apply("W1", c.APPROVE, "审核员 李")
    with open_workspace(postgis.location(dbname, TOWNSHIP), create=False) as workspace:
        workspace.cases.apply("W1", c.RECTIFY, "乡镇 王", note="限期拆除")
    with open_workspace(postgis.location(dbname, VIEWER), create=False) as workspace:
        assert [r.status for r in workspace.cases.cases()] == [c.RECTIFYING, c.ISSUED]
        assert [e.action for e in workspace.cases.events("W1")] == [c.ISSUE, c.COLLECT, c.REPORT, c.APPROVE, c.RECTIFY]
        assert len(workspace.cases.evidence("W1")) == 1

    # The server recorded who logged in for each step, whatever the actor text said.
    logins = server_answers(
        postgis, dbname, VIEWER, f"SELECT action, login FROM {S}.case_events WHERE case_id = 'W1' ORDER BY event_id"
    )
    assert logins[0] == [
        (c.ISSUE, ADMIN),
        (c.COLLECT, TOWNSHIP),
        (c.REPORT, TOWNSHIP),
        (c.APPROVE, REVIEWER),
        (c.RECTIFY, TOWNSHIP),
    ]
    codes = server_answers(postgis, dbname, VIEWER, f"SELECT space_code FROM {S}.space_code_registry")[0]
    assert codes == [("530102001001001000011",)]
    # township_chen now acts for 530102003 too, and still sees its own C1.
    assert server_answers(postgis, dbname, OTHER_TOWNSHIP, f"SELECT case_id FROM {S}.cases")[0] == [("C1",)]
