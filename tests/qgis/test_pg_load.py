"""Eight logins (four reviewers, four township logins: two per township) taking 200 steps each on 50 shared
cases of one PostgreSQL workspace at once, each in a process of its own with random waits between steps.

Afterwards every case's record equals the replay of its events, every successful step is stored exactly
once (none lost, none doubled), and the only refusals are ``CaseChanged`` for steps someone else took first
on the state the worker had read (tests/qgis/pg_load_worker.check_load)."""

import collections
import dataclasses

from farmland_grid_plugin.store import open_workspace, pg_schema
from farmland_grid_plugin.store.schema import CASES, EVENTS

from .pg_load_worker import CHANGED, OK, add_logins, case_patches, check_load, load_summary, logins, run_load

PROCESSES = 8
STEPS = 200
SHARED_CASES = 50


def test_eight_logins_on_fifty_shared_cases(postgis):
    dbname = postgis.new_workspace()
    people = logins(reviewers=PROCESSES // 2, townships=PROCESSES // 2)
    add_logins(postgis, dbname, people)
    with open_workspace(postgis.location(dbname, "admin_zhang"), create=False) as admin:
        case_ids, skipped = admin.cases.issue(case_patches(SHARED_CASES), "admin_zhang", note="第一批")
    assert len(case_ids) == SHARED_CASES and skipped == []

    attempts, idle, span = run_load(lambda login: postgis.location(dbname, login), people, case_ids, STEPS)

    # Each login made its 200 attempts (and kept going until the last one had: the others wait on its steps).
    made = collections.Counter(a.login for a in attempts)
    assert sorted(made) == sorted(p.name for p in people) and min(made.values()) >= STEPS
    with open_workspace(postgis.location(dbname, "viewer_liu"), create=False) as viewer:
        assert check_load(viewer.cases, attempts, case_ids) == []
        # The check is not blind: a successful step left out, or a refusal where nobody had been first, is caught.
        stored_one = next(a for a in attempts if a.outcome == OK)
        assert check_load(viewer.cases, [a for a in attempts if a is not stored_one], case_ids) != []
        refused = next(a for a in attempts if a.outcome == CHANGED)
        unopposed = dataclasses.replace(refused, seen=len(viewer.cases.events(refused.case_id)))
        assert check_load(viewer.cases, [unopposed if a is refused else a for a in attempts], case_ids) != []
        stored = sum(len(viewer.cases.events(case_id)) - 1 for case_id in case_ids)
    outcomes = [a.outcome for a in attempts]
    assert stored == outcomes.count(OK)
    # The workers did get in each other's way, and most steps still went through.
    assert 0 < outcomes.count(CHANGED) < outcomes.count(OK)
    # The server recorded each step's login (the workers' actor), and township logins acted on their townships only.
    events = pg_schema.q(EVENTS)
    assert postgis.sql(dbname, f"SELECT count(*) FROM {events} WHERE action <> 'issue' AND login <> actor").strip() == "0"
    outside = (
        f"SELECT count(*) FROM {events} e JOIN {pg_schema.q(CASES)} c USING (case_id) WHERE e.login LIKE 'township%' "
        f"AND (e.login, c.township_code) NOT IN (SELECT login, township_code FROM {pg_schema.q(pg_schema.TOWNSHIP_LOGINS)})"
    )
    assert postgis.sql(dbname, outside).strip() == "0"
    _, text = load_summary(people, attempts, idle, span)
    print(f"\nPostgreSQL load: {text}")
