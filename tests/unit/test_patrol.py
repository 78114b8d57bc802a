"""Patrol calendars, track cleaning, passes and period compliance (no QGIS)."""

from datetime import date, datetime, timezone

import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import patrol
from farmland_grid_plugin.domain.messages import DomainError

D = np.datetime64


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize(
    "frequency, day, start, end",
    [
        (patrol.WEEKLY, "2026-11-23", "2026-11-23", "2026-11-29"),  # a Monday
        (patrol.WEEKLY, "2026-11-29", "2026-11-23", "2026-11-29"),  # a Sunday
        (patrol.WEEKLY, "2027-01-01", "2026-12-28", "2027-01-03"),  # a week across the new year
        (patrol.MONTHLY, "2024-02-29", "2024-02-01", "2024-02-29"),
        (patrol.QUARTERLY, "2026-05-17", "2026-04-01", "2026-06-30"),
        (patrol.HALF_YEARLY, "2026-07-01", "2026-07-01", "2026-12-31"),
        (patrol.HALF_YEARLY, "2026-06-30", "2026-01-01", "2026-06-30"),
        (patrol.YEARLY, "2026-06-30", "2026-01-01", "2026-12-31"),
    ],
)
def test_period_of_a_day(frequency, day, start, end):
    first = patrol.period_starts(np.array([day], "datetime64[D]"), frequency)
    assert str(first[0]) == start
    assert str(patrol.period_end(first, frequency)[0]) == end


def test_periods_between_cover_the_window():
    starts, ends = patrol.periods_between(patrol.WEEKLY, date(2026, 1, 1), date(2026, 1, 31))
    assert [str(s) for s in starts] == ["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    assert str(ends[-1]) == "2026-02-01"
    starts, ends = patrol.periods_between(patrol.QUARTERLY, date(2026, 2, 10), date(2026, 7, 1))
    assert [str(s) for s in starts] == ["2026-01-01", "2026-04-01", "2026-07-01"]
    assert [str(e) for e in ends] == ["2026-03-31", "2026-06-30", "2026-09-30"]
    assert len(patrol.periods_between(patrol.NONE, date(2026, 1, 1), date(2026, 12, 31))[0]) == 0


def test_sunday_evening_utc_is_the_next_local_week():
    clock = patrol.LocalClock("Asia/Shanghai")
    sunday_17_utc = utc(2026, 11, 22, 17, 0)  # Monday 01:00 in Beijing
    day = clock.local_days([sunday_17_utc])
    assert str(day[0]) == "2026-11-23"
    assert str(patrol.period_starts(day, patrol.WEEKLY)[0]) == "2026-11-23"
    assert str(clock.local_days([utc(2026, 11, 22, 15, 59)])[0]) == "2026-11-22"


def test_local_clock_daylight_saving_and_naive_times():
    clock = patrol.LocalClock("Europe/Berlin")
    # 2026-03-29 02:30 local does not exist; 01:30 local (CET) is 00:30 UTC, 12:00 local (CEST) is 10:00 UTC.
    wall = np.array([datetime(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 12, 0)], "datetime64[s]").astype(float)
    assert clock.utc_from_local(wall).tolist() == [utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 10, 0)]
    assert np.isnan(patrol.LocalClock("Asia/Shanghai").utc_from_local([np.nan])[0])
    with pytest.raises(DomainError, match="Mars/Olympus"):
        patrol.LocalClock("Mars/Olympus")


def _points(*tracks):
    """Arrays from tracks given as lists of (seconds, x, y)."""
    track = np.concatenate([np.full(len(t), i) for i, t in enumerate(tracks)])
    rows = np.array([p for t in tracks for p in t], dtype=float)
    return track, rows[:, 0], rows[:, 1], rows[:, 2]


def test_clean_tracks_rules():
    walk = [(10.0 * i, 10.0 * i, 0.0) for i in range(6)]  # 1 m/s
    shuffled = [walk[0], walk[2], walk[1], walk[3], walk[4], walk[5]]
    with_dupe = walk[:3] + [walk[2]] + walk[3:]
    with_jump = walk[:3] + [(25.0, 5000.0, 0.0)] + walk[3:]
    untimed = [(np.nan, 0.0, 0.0), (np.nan, 1.0, 0.0)]
    single = [(0.0, 0.0, 0.0), (np.nan, 3.0, 0.0)]
    teleport = walk[:3] + [(30.0 + t, 9000.0 + t, 0.0) for t in range(0, 40, 10)]
    track, t, x, y = _points(walk, shuffled, with_dupe, with_jump, untimed, single, teleport)
    clean = patrol.clean_tracks(track, t, x, y, 7)
    assert clean.counts == {
        "no_time": 3,
        "no_position": 0,
        "out_of_order": 1,
        "duplicate": 1,
        "jump": 1,
        "break": 1,
        "too_few_points": 2,
    }
    assert clean.usable.tolist() == [True, True, True, True, False, False, True]
    for i in range(4):  # the first four tracks are the same walk once cleaned
        kept = clean.order[clean.track == i]
        assert x[kept].tolist() == [10.0 * k for k in range(6)]
        assert t[kept].tolist() == [10.0 * k for k in range(6)]
    lengths = patrol.track_lengths_m(clean, x, y, 7)
    assert lengths[:4].tolist() == [50.0] * 4
    assert lengths[6] == pytest.approx(20.0 + 30.0)  # the teleport is not walked
    paths = patrol.track_paths(clean, x, y, 7)
    assert paths[4] is None and paths[5] is None
    assert shapely.get_num_geometries(paths[6]) == 2


def test_gap_breaks_the_path_and_lone_points_stay():
    track, t, x, y = _points([(0.0, 0.0, 0.0), (10.0, 10.0, 0.0), (5000.0, 20.0, 0.0), (9000.0, 30.0, 0.0), (9010.0, 40.0, 0.0)])
    clean = patrol.clean_tracks(track, t, x, y, 1, max_gap=600)
    paths = patrol.track_paths(clean, x, y, 1)
    assert clean.counts["break"] == 2
    assert shapely.get_num_geometries(paths[0]) == 3  # the middle point alone is kept as a zero-length run
    assert patrol.track_lengths_m(clean, x, y, 1)[0] == 20.0


def test_passes_by_distance():
    parcels = shapely.box([0, 100, 200], [0, 0, 0], [50, 150, 250], [50, 50, 50])
    path = shapely.multilinestrings([shapely.linestrings([[0, 80], [120, 80]])])  # 30 m above the first two
    far = shapely.multilinestrings([shapely.linestrings([[0, 200], [250, 200]])])
    track, parcel = patrol.passes(np.array([path, far, None], dtype=object), parcels, 30.0)
    assert sorted(zip(track.tolist(), parcel.tolist())) == [(0, 0), (0, 1)]
    assert len(patrol.passes(np.array([path], dtype=object), parcels, 29.9)[0]) == 0


def _grid():
    # county 0; township 1; village 2 with groups 3 (4 parcels) and 4 (2 parcels); village 5 without groups (1 parcel)
    codes = np.array(["130123", "130123001", "130123001001", "130123001001001", "130123001001002", "130123001002"])
    levels = np.array([3, 4, 5, 6, 6, 5])
    cells = patrol.Cells(
        codes, levels, patrol.parent_indices(codes, ["", "130123", "130123001", "130123001001", "130123001001", "130123001"])
    )
    parcel_cell = np.array([3, 3, 3, 3, 4, 4, 5, -1])
    return cells, parcel_cell


def test_ancestors():
    cells, _ = _grid()
    assert cells.ancestor_at(5).tolist() == [-1, -1, 2, 2, 2, 5]
    assert cells.ancestor_at(6).tolist() == [-1, -1, -1, 3, 4, -1]
    assert cells.ancestor_at(3).tolist() == [0] * 6


def test_compliance_statuses():
    cells, parcel_cell = _grid()
    days = np.array(["2026-11-02", "2026-11-03", "2026-11-10", "2026-11-23", "2026-11-09"], "datetime64[D]")
    patrols = patrol.Patrols(np.zeros(5), days, np.array(["张三", "李四", "张三", "王五", "赵六"], dtype=object))
    # track 0: 3 of group 3's 4 parcels (75 %); track 1: 1 of 4 (25 %, partial); track 2: both of group 4;
    # track 3: all of group 3 in the week still open at the end; track 4: village 5's only parcel.
    pairs = (np.array([0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 4]), np.array([0, 1, 2, 0, 4, 5, 0, 1, 2, 3, 6]))
    result = patrol.compliance(
        cells, parcel_cell, patrols, pairs, patrol.DEFAULT_FREQUENCIES, date(2026, 11, 2), date(2026, 11, 25), 0.5
    )
    rows = {
        (cells.codes[c], str(s)): (st, n, round(b, 2), who)
        for c, s, st, n, b, who in zip(
            result.period_cell, result.period_start, result.status, result.patrol_count, result.best_coverage, result.patrollers
        )
    }
    group3, group4 = "130123001001001", "130123001001002"
    assert rows[(group3, "2026-11-02")] == ("completed", 1, 0.75, "张三")
    assert rows[(group3, "2026-11-09")] == ("overdue", 0, 0.0, "")
    assert rows[(group3, "2026-11-16")] == ("overdue", 0, 0.0, "")
    assert rows[(group3, "2026-11-23")] == ("completed", 1, 1.0, "王五")
    assert rows[(group4, "2026-11-02")] == ("overdue", 0, 0.0, "")
    assert rows[(group4, "2026-11-09")] == ("completed", 1, 1.0, "张三")
    assert rows[(group4, "2026-11-23")] == ("pending", 0, 0.0, "")
    # Village 2 has 6 parcels: track 0 passed 3 (50 %), track 3 passed 4; village 5: track 4.
    assert rows[("130123001001", "2026-11-01")] == ("completed", 2, 0.67, "张三、王五")
    assert rows[("130123001002", "2026-11-01")] == ("completed", 1, 1.0, "赵六")
    # Township and county: track 3 passed 4 of their 7 parcels; the quarter and half-year are still open.
    assert rows[("130123001", "2026-10-01")] == ("completed", 1, 0.57, "王五")
    assert rows[("130123", "2026-07-01")] == ("completed", 1, 0.57, "王五")
    assert result.cell_parcels.tolist() == [7, 7, 6, 4, 2, 1]
    assert len(rows) == len(result.status) == 4 * 2 + 2 + 2

    summary = patrol.summarise_cells(result, cells, parcel_cell, np.bincount(pairs[1], minlength=8) > 0, patrols)
    assert summary.required.tolist() == [1, 1, 1, 4, 4, 1]
    assert summary.completed.tolist() == [1, 1, 1, 2, 1, 1]
    assert summary.overdue.tolist() == [0, 0, 0, 2, 2, 0]
    assert summary.compliance_pct[3] == 50.0 and summary.compliance_pct[0] == 100.0
    assert summary.pending.tolist() == [0, 0, 0, 0, 1, 0]
    assert str(summary.last_patrol[3]) == "2026-11-23" and str(summary.last_patrol[4]) == "2026-11-10"
    assert summary.never_visited.tolist() == [0, 0, 0, 0, 0, 0]

    count, last, since = patrol.parcel_visits(pairs, patrols, 8, date(2026, 11, 25))
    assert count.tolist() == [3, 2, 2, 1, 1, 1, 1, 0]
    assert str(last[0]) == "2026-11-23" and since.tolist()[:2] == [2, 2] and since[7] == -1

    months = patrol.township_months(result, cells, 4, date(2026, 11, 25), {"130123001": "城关镇"})
    # Periods finished by the end, by the month they ended in: the weeks ending 8, 15 and 22 November of both
    # groups; the village month, the township quarter and the county half-year are still open.
    assert months == [["130123001", "城关镇", "2026-11", 6, 2, 4, 33.3, 1]]


def test_no_usable_points_at_all():
    clean = patrol.clean_tracks([0, 0, 1], [np.nan] * 3, [0.0, 1.0, 2.0], [0.0] * 3, 2)
    assert clean.usable.tolist() == [False, False] and len(clean.order) == 0
    assert clean.counts["no_time"] == 3 and clean.counts["too_few_points"] == 2
    assert all(p is None for p in patrol.track_paths(clean, np.zeros(3), np.zeros(3), 2))


def test_passes_in_pieces_equal_the_whole_path_query():
    """Cutting paths into pieces and testing candidate pairs gives exactly the prepared whole-path answer."""
    rng = np.random.default_rng(3)
    x0, y0 = np.meshgrid(np.arange(40) * 50.0, np.arange(40) * 50.0)
    parcels = shapely.box(x0.ravel(), y0.ravel(), x0.ravel() + 45.0, y0.ravel() + 45.0)
    walks = [rng.normal(0, 40, (int(rng.integers(3, 60)), 2)).cumsum(axis=0) + rng.uniform(0, 2000, 2) for _ in range(60)]
    lines = [
        shapely.multilinestrings([shapely.linestrings(w[: len(w) // 2 + 1]), shapely.linestrings(w[len(w) // 2 :])])
        for w in walks
    ]
    paths = np.array(lines + [None], dtype=object)
    expected = shapely.STRtree(parcels).query(paths[:-1], predicate="dwithin", distance=30.0)
    for segments in (1, 3, 4, 50):
        track, parcel = patrol.passes(paths, parcels, 30.0, piece_segments=segments, chunk_tracks=7)
        assert sorted(zip(track.tolist(), parcel.tolist())) == sorted(zip(*(a.tolist() for a in expected)))


def test_bottom_cells_take_the_group_a_parcel_lies_in():
    cells, _ = _grid()
    # The villages cover the groups; group 3 and group 4 side by side inside village 2, village 5 to the east.
    cell_geoms = np.array(
        [
            shapely.box(0, 0, 300, 100),
            shapely.box(0, 0, 300, 100),
            shapely.box(0, 0, 200, 100),
            shapely.box(0, 0, 100, 100),
            shapely.box(100, 0, 200, 100),
            shapely.box(200, 0, 300, 100),
        ],
        dtype=object,
    )
    parcels = shapely.box([10, 110, 210, 500], [10, 10, 10, 10], [20, 120, 220, 510], [20, 20, 20, 20])
    assert patrol.bottom_cells(cells, cell_geoms, parcels).tolist() == [3, 4, 5, -1]
    assert patrol.bottom_cells(cells, cell_geoms, parcels[:0]).tolist() == []


def test_track_bounds_and_unused_tracks():
    walk = [(10.0 * i, 10.0 * i, 0.0) for i in range(4)]
    track, t, x, y = _points(walk, [(np.nan, 0.0, 0.0)] * 2, [(5.0, 0.0, 0.0)], [(100.0 + s, x_, y_) for s, x_, y_ in walk], walk)
    clean = patrol.clean_tracks(track, t, x, y, 5)
    first, last = patrol.track_bounds(clean, t, 5)
    assert first[[0, 3, 4]].tolist() == [0.0, 100.0, 0.0] and last[[0, 3]].tolist() == [30.0, 130.0]
    assert np.isnan(first[[1, 2]]).all() and np.isnan(last[[1, 2]]).all()
    in_window = clean.usable & np.array([True, True, True, False, True])
    passed = np.array([True, False, False, True, False])
    assert patrol.unused_tracks(track, t, clean, in_window, passed) == [
        (1, patrol.NO_TIMES),
        (2, patrol.TOO_FEW_POINTS),
        (3, patrol.OUTSIDE_WINDOW),
        (4, patrol.OUTSIDE_GRID),
    ]


def test_times_as_recorded():
    from datetime import timedelta

    from farmland_grid_plugin.domain import track_times as tt

    beijing = timezone(timedelta(hours=8))
    values = [None, datetime(2026, 3, 2, 9, 0), datetime(2026, 3, 2, 9, 0, tzinfo=beijing), "2026/03/02 09:00", "soon", 7]
    seconds, kind = tt.seconds_of(values)
    assert kind.tolist() == [tt.NO_TIME, tt.ZONELESS, tt.ZONED, tt.ZONELESS, tt.UNREADABLE, tt.UNREADABLE]
    assert seconds[1] == seconds[3] == utc(2026, 3, 2, 9, 0) and seconds[2] == utc(2026, 3, 2, 1, 0)
    assert np.isnan(seconds[[0, 4, 5]]).all()
    # Zone-less times are local wall-clock time with a clock, UTC without one; zoned ones never move.
    local = tt.utc_seconds(seconds, kind, patrol.LocalClock("Asia/Shanghai"))
    assert local[1] == utc(2026, 3, 2, 1, 0) and local[2] == seconds[2]
    assert tt.utc_seconds(seconds, kind)[1] == seconds[1]


def test_vertex_times_of_line_tracks():
    from farmland_grid_plugin.domain.track_times import vertex_seconds

    # Two lines of 30 m and 10 m: the first walked in 300 s, the second without an end time (1 m/s).
    coords = np.array([[0, 0], [10, 0], [30, 0], [100, 0], [100, 10]], dtype=float)
    owner = np.array([0, 0, 0, 1, 1])
    seconds = vertex_seconds(coords, owner, np.array([1000.0, 5000.0]), np.array([1300.0, np.nan]))
    # Each line starts at its own start time, whatever was walked on the lines before it.
    assert seconds.tolist() == [1000.0, 1100.0, 1300.0, 5000.0, 5010.0]
    assert vertex_seconds(np.zeros((0, 2)), np.zeros(0, np.int64), np.zeros(0)).tolist() == []


def test_ledger_rows():
    from farmland_grid_plugin.domain.ledger import LEDGER_HEADER, NO_PATROL_NOTE, LedgerTracks, clock_text, ledger_rows

    cells, parcel_cell = _grid()
    days = np.array(["2026-11-02", "2026-12-01"], "datetime64[D]")
    patrols = patrol.Patrols(np.zeros(2), days, np.array(["张三", "李四"], dtype=object))
    pairs = (np.array([0, 0, 0, 0, 1, 1]), np.array([0, 1, 2, 3, 4, 5]))
    frequencies = {**patrol.DEFAULT_FREQUENCIES, 3: patrol.NONE, 4: patrol.NONE, 5: patrol.NONE}
    result = patrol.compliance(cells, parcel_cell, patrols, pairs, frequencies, date(2026, 11, 1), date(2026, 12, 31), 0.5)
    nine = 9 * 3600.0
    tracks = LedgerTracks(
        ["t1", "t2"],
        ["张三", "李四"],
        np.array([nine, nine + 600]),
        np.array([nine + 5400, np.nan]),
        days,
        np.array([1234.0, 500.0]),
    )
    names, persons = [""] * 3 + ["一组", "二组", ""], [""] * 3 + ["王", "李", ""]
    rows = ledger_rows(
        result, cells, names, persons, frequencies, tracks, (np.datetime64("2026-11-01"), np.datetime64("2026-12-31"))
    )
    assert all(len(r) == len(LEDGER_HEADER) for r in rows)
    by_cell = [(r[0], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[11]) for r in rows]
    assert by_cell == [
        ("130123001001001", "2026-11", "2026-11-02", "09:00", "10:30", "张三", 1.23, 100.0, "t1"),
        ("130123001001001", "2026-12", "", "", "", "", None, None, NO_PATROL_NOTE),
        ("130123001001002", "2026-11", "", "", "", "", None, None, NO_PATROL_NOTE),
        ("130123001001002", "2026-12", "2026-12-01", "09:10", "", "李四", 0.5, 100.0, "t2"),
    ]
    assert clock_text(np.nan) == ""
