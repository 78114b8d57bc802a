"""Several users taking steps on the same cases at once, each in a process of its own as their QGIS would be
(tests/qgis/test_pg_load.py and bench/pg_load.py run this harness, with different numbers).

Each worker is one login: a reviewer or a township login. It reads a case as the review dock does (its
events, then its record), picks a step its role may take from that state, and applies it with
``seen_events`` = the number of events it read, so that a step someone else took first is refused with
``CaseChanged``. Every attempt is logged (case, seen count, outcome, time taken). ``check_load`` then
replays every case's events through ``domain.cases.transition`` and matches them to the attempts.
"""

import collections
import multiprocessing
import os
import random
import time
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

REVIEWER, TOWNSHIP = "reviewer", "township"
# The steps each kind of login takes (store/pg_schema.ACTION_ROLES; admins, who may take all, do not take part).
ROLE_STEPS = {
    REVIEWER: ("send_back", "approve", "close", "reopen"),
    TOWNSHIP: ("collect", "report", "rectify"),
}
TOWNSHIP_CODES = ("530102001", "530102002")
OK, CHANGED, FAILED = "ok", "changed", "failed"


@dataclass(frozen=True)
class Login:
    name: str
    kind: str  # REVIEWER or TOWNSHIP
    township: Optional[str] = None  # the township a township login acts for


@dataclass(frozen=True)
class Attempt:
    """One step tried: what was read (``seen`` events), what happened and how long ``apply`` took."""

    login: str
    case_id: str
    action: str
    seen: int
    outcome: str  # OK, CHANGED (someone else was first) or FAILED (anything else: the test fails on it)
    seconds: float
    note: str  # unique per attempt: the event it wrote carries it
    verdict: Optional[str] = None
    verdict_reason: Optional[str] = None
    message: str = ""
    latest_note: Optional[str] = None  # CHANGED: the note of the event CaseChanged named as the latest
    latest_actor: Optional[str] = None
    fresh_status: Optional[str] = None  # CHANGED: the status of CaseChanged's fresh record


def logins(reviewers: int, townships: int) -> List[Login]:
    """The fixture's logins first (tests/qgis/postgis.LOGINS), then more of each kind, townships taken in turn."""
    named = ["reviewer_li", "reviewer_zhao"] + [f"reviewer_{n}" for n in range(3, reviewers + 1)]
    town = ["township_wang", "township_chen"] + [f"township_{n}" for n in range(3, townships + 1)]
    return [Login(name, REVIEWER) for name in named[:reviewers]] + [
        Login(name, TOWNSHIP, TOWNSHIP_CODES[k % len(TOWNSHIP_CODES)]) for k, name in enumerate(town[:townships])
    ]


def add_logins(server, dbname: str, people: Sequence[Login]) -> None:
    """Create the logins the server lacks (cluster-wide) and record each township login's township in ``dbname``."""
    from farmland_grid_plugin.store import pg_schema

    roles = {REVIEWER: pg_schema.REVIEWER, TOWNSHIP: pg_schema.TOWNSHIP}
    existing = set(server.sql("postgres", "SELECT rolname FROM pg_roles").split())
    create = "".join(f"CREATE ROLE {p.name} LOGIN IN ROLE {roles[p.kind]}; " for p in people if p.name not in existing)
    if create:
        server.sql("postgres", create)
    rows = ", ".join(f"('{p.name}', '{p.township}')" for p in people if p.kind == TOWNSHIP)
    server.sql(dbname, f"INSERT INTO {pg_schema.q(pg_schema.TOWNSHIP_LOGINS)} VALUES {rows} ON CONFLICT DO NOTHING")


def case_patches(count: int) -> List[dict]:
    """``count`` change patches for ``CaseStore.issue``, half in each township of ``TOWNSHIP_CODES``."""
    patches = []
    for n in range(count):
        township = TOWNSHIP_CODES[n % len(TOWNSHIP_CODES)]
        x, y = 102.7 + (n // 10) * 0.01, 25.0 + (n % 10) * 0.01
        square = f"POLYGON(({x} {y}, {x + 0.001} {y}, {x + 0.001} {y + 0.001}, {x} {y + 0.001}, {x} {y}))"
        patches.append({"patch_id": f"LOAD{n + 1:04d}", "unit_code": f"{township}001001", "person": "王建国", "geometry": square})
    return patches


def visible_cases(login: Login, case_ids: Sequence[str]) -> List[str]:
    """The cases a login works on: every case for a reviewer, its township's for a township login."""
    if login.kind == REVIEWER:
        return list(case_ids)
    return [case_id for n, case_id in enumerate(case_ids) if TOWNSHIP_CODES[n % len(TOWNSHIP_CODES)] == login.township]


def take_steps(location, login, case_ids, steps, seed, max_wait_s, ready, start, unfinished, results):
    """The worker: ``steps`` attempts on random cases of ``case_ids``, and more until every worker has made its
    ``steps`` (``unfinished`` counts those that have not: a township login alone would wait for reviewers forever);
    puts (login, attempts, idle reads, began, ended)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from farmland_grid_plugin.domain import cases as domain
    from farmland_grid_plugin.store import open_workspace
    from farmland_grid_plugin.store.cases import CaseChanged

    rng = random.Random(seed)
    workspace = open_workspace(location, create=False)
    ready.set()
    start.wait()
    attempts, idle, began = [], 0, time.monotonic()
    while len(attempts) < steps or unfinished.value > 0:
        case_id = rng.choice(case_ids)
        seen = len(workspace.cases.events(case_id))  # events first, then the record: the record is never older
        record = workspace.cases.case(case_id)
        actions = [action for action in domain.allowed_actions(record.state) if action in ROLE_STEPS[login.kind]]
        if not actions:
            idle += 1
            time.sleep(rng.uniform(0, max_wait_s))
            continue
        action = rng.choice(actions)
        verdict = rng.choice(domain.VERDICTS) if action == domain.REPORT else None
        reason = "已办理设施农用地备案" if verdict == domain.OTHER else None
        note = f"{login.name} step {len(attempts) + 1}"
        outcome, message, latest = OK, "", None
        started = time.perf_counter()
        try:
            workspace.cases.apply(case_id, action, login.name, note, verdict=verdict, verdict_reason=reason, seen_events=seen)
        except CaseChanged as changed:
            outcome, message, latest = CHANGED, str(changed), changed
        except Exception as error:  # anything but CaseChanged fails the test, which lists it
            outcome, message = FAILED, f"{type(error).__name__}: {error}"
        seconds = time.perf_counter() - started
        attempts.append(
            Attempt(
                login.name,
                case_id,
                action,
                seen,
                outcome,
                seconds,
                note,
                verdict,
                reason,
                message,
                latest_note=latest.event.note if latest else None,
                latest_actor=latest.event.actor if latest else None,
                fresh_status=latest.record.status if latest else None,
            )
        )
        if len(attempts) == steps:
            with unfinished.get_lock():
                unfinished.value -= 1
        time.sleep(rng.uniform(0, max_wait_s))
    ended = time.monotonic()
    workspace.close()
    results.put((login.name, attempts, idle, began, ended))


def run_load(location_of, people: Sequence[Login], case_ids: Sequence[str], steps: int, seed=15, max_wait_s=0.02):
    """Run one worker per login at once (``location_of(login name)`` → its workspace location);
    returns (every attempt, idle reads, seconds from the first step to the last)."""
    spawn = multiprocessing.get_context("spawn")
    start, results, unfinished = spawn.Event(), spawn.Queue(), spawn.Value("i", len(people))
    processes, readies = [], []
    for k, login in enumerate(people):
        ready = spawn.Event()
        args = (
            location_of(login.name),
            login,
            visible_cases(login, case_ids),
            steps,
            seed + k,
            max_wait_s,
            ready,
            start,
            unfinished,
            results,
        )
        process = spawn.Process(target=take_steps, args=args)
        process.start()
        processes.append(process)
        readies.append(ready)
    for process, ready in zip(processes, readies):
        while not ready.wait(0.2):
            assert process.is_alive(), f"a load worker ended before its first step (exit code {process.exitcode})"
    start.set()
    done = [results.get(timeout=900) for _ in processes]
    for process in processes:
        process.join(60)
        assert process.exitcode == 0, f"a load worker exited with {process.exitcode}"
    attempts = [attempt for _, made, _, _, _ in done for attempt in made]
    span = max(ended for *_, ended in done) - min(began for *_, began, _ in done)
    return attempts, sum(idle for _, _, idle, _, _ in done), span


def check_load(store, attempts: Sequence[Attempt], case_ids: Sequence[str]) -> List[str]:
    """What the stored cases and events contradict in the attempts: an empty list when

    - every case's record equals the replay of its events through ``domain.cases.transition``;
    - the events after the issue events are exactly the successful attempts, each once (none lost or doubled),
      each at the position its attempt read (``seen``): nobody had written before it;
    - every refused attempt is a conflicting one: someone else's event stands at the position it read, taken
      by an attempt that read the same count, and CaseChanged named a later event and its actor;
    - nothing else failed.
    """

    problems = [f"{a.login} {a.action} {a.case_id}: {a.message}" for a in attempts if a.outcome == FAILED]
    ok = {a.note: a for a in attempts if a.outcome == OK}
    trails = {case_id: store.events(case_id) for case_id in case_ids}
    written = collections.Counter(event.note for events in trails.values() for event in events[1:])
    for case_id, events in trails.items():
        state, found = _replay(case_id, events, ok)
        problems += found
        record = store.case(case_id).state
        stored = (record.status, record.verdict, record.verdict_reason, record.rectification)
        if state is not None and stored != (state.status, state.verdict, state.verdict_reason, state.rectification):
            problems.append(f"{case_id}: stored {stored}, the replay of its {len(events)} events gives {state}")
    problems += [f"{note}: succeeded but its event was not stored" for note in ok if written[note] == 0]
    problems += [f"{note}: its event was stored {n} times" for note, n in written.items() if n > 1]
    for a in attempts:
        if a.outcome != CHANGED:
            continue
        events = trails[a.case_id]
        first = events[a.seen] if a.seen < len(events) else None
        winner = ok.get(first.note) if first else None
        if winner is None or winner.note == a.note or winner.seen != a.seen:
            problems.append(f"{a.note} ({a.case_id}, read {a.seen} events) was refused though nobody else took that step")
        later = events[a.seen :]
        named = a.latest_note in [e.note for e in later] and a.fresh_status in [e.to_status for e in later]
        if not named or a.latest_actor not in a.message:
            problems.append(f"{a.note}: CaseChanged named {a.latest_note} by {a.latest_actor}: {a.message}")
    return problems


def _replay(case_id, events, ok):
    """(the case's state after its events, problems): each event after the issue event taken through
    ``domain.cases.transition`` with the verdict of the attempt that wrote it; None where the replay cannot go on."""
    from farmland_grid_plugin.domain import cases as domain
    from farmland_grid_plugin.domain.messages import DomainError

    if not events or events[0].action != domain.ISSUE:
        return None, [f"{case_id}: the trail does not start with its issue event"]
    state, problems = domain.CaseState(case_id, domain.ISSUED), []
    for position, event in enumerate(events[1:], start=1):
        attempt = ok.get(event.note)
        if attempt is None or attempt.case_id != case_id:
            return None, problems + [f"{case_id}: event {position + 1} ({event.note}) matches no successful attempt on it"]
        if attempt.seen != position:
            problems.append(f"{case_id}: {event.note} read {attempt.seen} events but was written as event {position + 1}")
        try:
            state, replayed = domain.transition(
                state, event.action, event.actor, event.note, event.time, attempt.verdict, attempt.verdict_reason
            )
        except DomainError as refused:
            return None, problems + [f"{case_id}: event {position + 1} ({event.note}) does not replay: {refused}"]
        if (replayed.from_status, replayed.to_status) != (event.from_status, event.to_status):
            problems.append(
                f"{case_id}: {event.note} recorded {event.from_status}→{event.to_status}, the replay gives "
                f"{replayed.from_status}→{replayed.to_status}"
            )
    return state, problems


def load_summary(people: Sequence[Login], attempts: Sequence[Attempt], idle: int, span_s: float) -> Tuple[dict, str]:
    """The figures of a run (throughput: transitions stored per second, all workers together; the time of one
    ``apply``, refused ones included) and a line saying them."""
    import numpy as np

    ok = np.array([a.seconds for a in attempts if a.outcome == OK])
    every = np.array([a.seconds for a in attempts]) * 1000
    result = {
        "processes": len(people),
        "attempts": len(attempts),
        "transitions": len(ok),
        "refused": sum(a.outcome == CHANGED for a in attempts),
        "failed": sum(a.outcome == FAILED for a in attempts),
        "idle_reads": idle,  # reads that found no step for the login's role
        "span_s": span_s,
        "transitions_per_s": len(ok) / span_s,
        "p50_ms": float(np.percentile(every, 50)),
        "p95_ms": float(np.percentile(every, 95)),
        "p95_ok_ms": float(np.percentile(ok, 95) * 1000),
        "max_ms": float(every.max()),
    }
    text = (
        f"{len(people)} processes, {result['attempts']} attempts: {result['transitions']} transitions stored, "
        f"{result['refused']} refused as changed by someone else, {result['failed']} failed; "
        f"{result['transitions_per_s']:.0f} transitions/s over {span_s:.1f} s; one transition p50 {result['p50_ms']:.1f} ms, "
        f"p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.0f} ms"
    )
    return result, text
