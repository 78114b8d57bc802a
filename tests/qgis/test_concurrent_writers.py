"""Several processes writing transitions to different cases of one GeoPackage workspace at once: every
write lands (none fails with "database is locked"), within the store's wait, and together they take
about as long as the same writes one after another."""

import multiprocessing

import pytest

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace

from .test_case_store import patch
from .writer_process import write_cases

CASES_PER_WRITER = 8
WRITES_PER_CASE = 2  # collect, report


def shared_workspace(path, writers):
    with open_workspace(path) as opened:
        opened.cases.issue([patch(n) for n in range(1, writers * CASES_PER_WRITER + 1)], "张三")
    return path


def run_writers(path, writers):
    """Start ``writers`` processes together; returns their results and the span of all their writes."""
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Event(), spawn.Queue()
    processes, readies = [], []
    for k in range(writers):
        ids = [f"WP2025{n:04d}" for n in range(k * CASES_PER_WRITER + 1, (k + 1) * CASES_PER_WRITER + 1)]
        ready = spawn.Event()
        process = spawn.Process(target=write_cases, args=(str(path), ids, ready, start, results))
        process.start()
        processes.append(process)
        readies.append(ready)
    for process, ready in zip(processes, readies):
        while not ready.wait(0.2):
            assert process.is_alive(), f"a writer process ended before writing (exit code {process.exitcode})"
    start.set()
    done = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    span = max(ended for _, _, ended, _ in done) - min(began for _, began, _, _ in done)
    return done, span


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_take_turns(tmp_path, writers):
    alone, alone_span = run_writers(shared_workspace(tmp_path / "alone.gpkg", 1), 1)
    assert alone[0][0] == []
    one_after_another = writers * alone_span

    path = shared_workspace(tmp_path / "shared.gpkg", writers)
    done, span = run_writers(path, writers)

    assert [failure for result in done for failure in result[0]] == []
    with open_workspace(path, create=False) as opened:
        cases = opened.cases.cases()
        assert len(cases) == writers * CASES_PER_WRITER
        assert {case.status for case in cases} == {c.REPORTED}
        assert all(len(opened.cases.events(case.case_id)) == 1 + WRITES_PER_CASE for case in cases)
    # No write waited as long as the store's 10 s, and all of them together took at most twice as long
    # as the same writes one after another (plus a second for the processes' start on a busy machine).
    assert max(longest for *_, longest in done) < 10
    assert span < 2 * one_after_another + 1.0
