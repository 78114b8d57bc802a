"""Patrol rules: calendars by level, track cleaning, which parcels a patrol passed, period compliance.

Times are UTC seconds (float64, NaN for none) until a calendar needs them: periods are local
calendar weeks (Monday–Sunday), months, quarters, half-years and years in the supervision's time
zone. A patrol is one track; it belongs to the period of its first usable point's local date.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import numpy as np
import shapely

from .messages import QT_TR_NOOP, DomainError

NONE, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY = "none", "weekly", "monthly", "quarterly", "half_yearly", "yearly"
FREQUENCIES = (NONE, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY)
# A prefecture's plan: group weekly, village monthly, township quarterly, county and above twice a year.
DEFAULT_FREQUENCIES = {1: HALF_YEARLY, 2: HALF_YEARLY, 3: HALF_YEARLY, 4: QUARTERLY, 5: MONTHLY, 6: WEEKLY}
MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}

COMPLETED, PENDING, OVERDUE = "completed", "pending", "overdue"

DEFAULT_MAX_SPEED = 120 / 3.6  # m/s: faster than a car on a farm road is a GPS jump
EPOCH_DAY = np.datetime64("1970-01-01", "D")


# ---------------------------------------------------------------- calendars


def period_starts(days, frequency):
    """First day of the period each local day (datetime64[D] array) falls in."""
    days = np.asarray(days, dtype="datetime64[D]")
    if frequency == WEEKLY:
        # 1970-01-01 was a Thursday: shift so that weeks start on Monday.
        return days - ((days - EPOCH_DAY).astype(np.int64) + 3) % 7
    months = days.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    step = MONTHS_PER_PERIOD[frequency]
    return (months - months % step).astype("datetime64[M]").astype("datetime64[D]")


def period_end(start, frequency):
    """Last day of the period starting on ``start`` (datetime64[D] or array)."""
    start = np.asarray(start, dtype="datetime64[D]")
    if frequency == WEEKLY:
        return start + 6
    step = MONTHS_PER_PERIOD[frequency]
    return (start.astype("datetime64[M]") + step).astype("datetime64[D]") - 1


def periods_between(frequency, first, last):
    """(start, end) datetime64[D] arrays of every period of ``frequency`` that overlaps [first, last]."""
    if frequency == NONE:
        return np.zeros(0, "datetime64[D]"), np.zeros(0, "datetime64[D]")
    start = period_starts(np.datetime64(first, "D"), frequency)
    if frequency == WEEKLY:
        starts = np.arange(start, np.datetime64(last, "D") + 1, 7)
    else:
        months = np.arange(start.astype("datetime64[M]"), np.datetime64(last, "M") + 1, MONTHS_PER_PERIOD[frequency])
        starts = months.astype("datetime64[D]")
    return starts, period_end(starts, frequency)


class LocalClock:
    """UTC seconds to local dates and back in one IANA time zone, per distinct hour (DST-safe)."""

    def __init__(self, name):
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            self.zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise DomainError(QT_TR_NOOP("Unknown time zone {zone!r} (expected a name like Asia/Shanghai)"), zone=name) from exc
        self.name = name

    def _offsets(self, seconds, naive):
        hours = np.floor(np.asarray(seconds, dtype=float) / 3600.0)
        distinct, inverse = np.unique(hours[np.isfinite(hours)], return_inverse=True)
        offsets = np.array(
            [self._offset_at(int(h) * 3600, naive) for h in distinct.tolist()],
            dtype=float,
        )
        out = np.full(len(hours), np.nan)
        out[np.isfinite(hours)] = offsets[inverse] if len(distinct) else []
        return out

    def _offset_at(self, seconds, naive):
        if naive:  # wall-clock seconds: the offset the zone has at that local time
            moment = datetime(1970, 1, 1) + timedelta(seconds=seconds)
            return moment.replace(tzinfo=self.zone).utcoffset().total_seconds()
        return datetime.fromtimestamp(seconds, tz=timezone.utc).astimezone(self.zone).utcoffset().total_seconds()

    def local_seconds(self, utc_seconds):
        utc_seconds = np.asarray(utc_seconds, dtype=float)
        return utc_seconds + self._offsets(utc_seconds, naive=False)

    def local_days(self, utc_seconds):
        """Local calendar date (datetime64[D]) of UTC seconds; NaT where NaN."""
        local = self.local_seconds(utc_seconds)
        days = np.full(len(local), np.datetime64("NaT"), dtype="datetime64[D]")
        ok = np.isfinite(local)
        days[ok] = EPOCH_DAY + np.floor(local[ok] / 86400.0).astype(np.int64)
        return days

    def utc_from_local(self, wall_seconds):
        """UTC seconds of timestamps written without a zone, taken as local wall-clock time."""
        wall_seconds = np.asarray(wall_seconds, dtype=float)
        return wall_seconds - self._offsets(wall_seconds, naive=True)

    def today(self):
        return datetime.now(self.zone).date()


# ---------------------------------------------------------------- tracks


@dataclass
class CleanTracks:
    """Points of usable tracks in time order, and what was dropped by which rule."""

    order: np.ndarray  # indices into the input points, kept ones, grouped by track, in time order
    track: np.ndarray  # track index of each kept point
    breaks: np.ndarray  # True where the segment from the previous kept point must not be used
    usable: np.ndarray  # per track: has at least two usable points
    counts: dict = field(default_factory=dict)


def clean_tracks(track, seconds, x, y, n_tracks, max_speed=DEFAULT_MAX_SPEED, max_gap=None, segment=None):
    """Apply the documented rules to raw track points (arrays of equal length).

    - points without a time are dropped (``no_time``); so are points without a position;
    - points are put in time order within their track (``out_of_order`` counts points that were not);
    - a point with the same time as the previous one is a duplicate and dropped (``duplicate``);
    - a point reached and left at an implausible speed (> ``max_speed`` m/s) is a GPS jump and
      dropped (``jump``); where the speed between two kept points is still implausible, or the
      time between them exceeds ``max_gap`` seconds, or the recorder started a new ``segment`` (GPX
      <trkseg>), the path is broken there (``break``);
    - a track with fewer than two usable points is not usable (``too_few_points``).
    """
    track = np.asarray(track, dtype=np.int64)
    seconds = np.asarray(seconds, dtype=float)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    counts = {}
    timed = np.isfinite(seconds)
    placed = np.isfinite(x) & np.isfinite(y)
    counts["no_time"] = int(np.count_nonzero(~timed))
    counts["no_position"] = int(np.count_nonzero(timed & ~placed))
    candidates = np.flatnonzero(timed & placed)
    # Out of order: a point earlier than the one before it in the same track, as recorded.
    same_before = track[candidates][1:] == track[candidates][:-1]
    counts["out_of_order"] = int(np.count_nonzero(same_before & (np.diff(seconds[candidates]) < 0)))
    order = candidates[np.lexsort((seconds[candidates], track[candidates]))]
    first_of_track = _run_starts(track[order])
    duplicate = ~first_of_track & ~_run_starts(seconds[order])
    counts["duplicate"] = int(np.count_nonzero(duplicate))
    order = order[~duplicate]
    jumps = 0
    for _ in range(3):  # a jump of two or three points in a row needs another pass
        speed, first_of_track = _speeds(order, track, seconds, x, y)
        too_fast = speed > max_speed
        last_of_track = np.r_[first_of_track[1:], True][: len(order)]
        spike = too_fast & ~last_of_track & np.r_[too_fast[1:], False][: len(order)]
        if not spike.any():
            break
        jumps += int(np.count_nonzero(spike))
        order = order[~spike]
    counts["jump"] = jumps
    speed, first_of_track = _speeds(order, track, seconds, x, y)
    breaks = first_of_track | (speed > max_speed)
    if max_gap is not None:
        breaks |= np.r_[False, np.diff(seconds[order]) > max_gap][: len(order)]
    if segment is not None:
        breaks |= _run_starts(np.asarray(segment)[order])
    counts["break"] = int(np.count_nonzero(breaks & ~first_of_track))
    kept_track = track[order]
    per_track = np.bincount(kept_track, minlength=n_tracks)
    usable = per_track >= 2
    counts["too_few_points"] = int(np.count_nonzero(~usable & (np.bincount(track, minlength=n_tracks) > 0)))
    keep = usable[kept_track]
    return CleanTracks(order[keep], kept_track[keep], breaks[keep], usable, counts)


def _run_starts(values):
    """True where a value differs from the one before it (and at the first)."""
    return np.r_[True, values[1:] != values[:-1]][: len(values)]


def _speeds(order, track, seconds, x, y):
    """Speed (m/s) from the previous point of the same track; inf where no time passed, 0 at track starts."""
    first = _run_starts(track[order])
    dist = np.r_[0.0, np.hypot(np.diff(x[order]), np.diff(y[order]))][: len(order)]
    dt = np.r_[0.0, np.diff(seconds[order])][: len(order)]
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt > 0, dist / np.where(dt > 0, dt, 1.0), np.inf)
    speed[first] = 0.0
    return speed, first


def track_paths(clean, x, y, n_tracks):
    """Per track a MultiLineString of its unbroken runs (a lone point between breaks stays a zero-length line)."""
    paths = np.full(n_tracks, None, dtype=object)
    if not len(clean.order):
        return paths
    coords = np.column_stack([x[clean.order], y[clean.order]])
    run = np.cumsum(clean.breaks) - 1
    run_sizes = np.bincount(run)
    # Lone points are doubled so that every run is a valid line for distance queries.
    repeat = np.where(run_sizes[run] == 1, 2, 1)
    coords = np.repeat(coords, repeat, axis=0)
    lines = shapely.linestrings(coords, indices=np.repeat(run, repeat))
    run_track = clean.track[np.r_[0, np.flatnonzero(np.diff(run)) + 1]]
    tracks, inverse = np.unique(run_track, return_inverse=True)
    paths[tracks] = shapely.multilinestrings(lines, indices=inverse)
    return paths


def track_lengths_m(clean, x, y, n_tracks):
    """Length walked per track, over unbroken segments only."""
    step = np.r_[0.0, np.hypot(np.diff(x[clean.order]), np.diff(y[clean.order]))] if len(clean.order) else np.zeros(0)
    step[clean.breaks] = 0.0
    return np.bincount(clean.track, weights=step, minlength=n_tracks)


def track_bounds(clean, seconds, n_tracks):
    """(first, last) time per track (UTC s, NaN for a track without usable points) of its kept points."""
    first = np.full(n_tracks, np.nan)
    last = np.full(n_tracks, np.nan)
    if len(clean.order):
        starts = np.r_[0, np.flatnonzero(np.diff(clean.track)) + 1]
        ends = np.r_[starts[1:] - 1, len(clean.order) - 1]
        first[clean.track[starts]] = seconds[clean.order[starts]]
        last[clean.track[ends]] = seconds[clean.order[ends]]
    return first, last


# Why a track read is no patrol, in the order the rules are applied.
NO_TIMES, TOO_FEW_POINTS, OUTSIDE_WINDOW, OUTSIDE_GRID = "no_times", "too_few_points", "outside_window", "outside_grid"


def unused_tracks(track, seconds, clean, in_window, passed_any):
    """(track index, reason) of every track that is no patrol: none of its points has a time, fewer than two
    usable points, it starts outside the window, or it passes no farmland parcel."""
    timed = np.bincount(track[np.isfinite(seconds)], minlength=len(clean.usable))
    out = []
    for i in range(len(clean.usable)):
        if not clean.usable[i]:
            out.append((i, NO_TIMES if timed[i] == 0 else TOO_FEW_POINTS))
        elif not in_window[i]:
            out.append((i, OUTSIDE_WINDOW))
        elif not passed_any[i]:
            out.append((i, OUTSIDE_GRID))
    return out


def passes(paths, parcels, buffer_m, piece_segments=4, workers=2, chunk_tracks=1000):
    """(track, parcel) index pairs, unique: parcels a track's path came within ``buffer_m`` of.

    No buffers are built. The paths are cut into pieces of ``piece_segments`` segments, whose
    boxes grown by ``buffer_m`` find candidate parcels on a spatial index; the exact distance test
    then runs on the candidate pairs as one array operation (cheaper than a prepared whole path per
    candidate). Chunks of ``chunk_tracks`` tracks run on ``workers`` threads (shapely releases the
    GIL); only the chunks at work hold their pieces, which keeps memory flat.
    """
    have = np.flatnonzero(shapely.is_geometry(paths))
    if not len(have) or not len(parcels):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    tree = shapely.STRtree(parcels)
    n_parcels = len(parcels)

    def chunk(tracks):
        pieces, piece_track = _pieces(paths[tracks], piece_segments)
        x0, y0, x1, y1 = shapely.bounds(pieces).T
        boxes = shapely.box(x0 - buffer_m, y0 - buffer_m, x1 + buffer_m, y1 + buffer_m)
        line, parcel = tree.query(boxes)
        near = shapely.dwithin(pieces[line], parcels[parcel], buffer_m)
        return np.unique(tracks[piece_track[line[near]]].astype(np.int64) * n_parcels + parcel[near])

    chunks = [have[i : i + chunk_tracks] for i in range(0, len(have), chunk_tracks)]
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        found = np.concatenate(list(pool.map(chunk, chunks)))  # chunks hold distinct tracks: already unique
    return found // n_parcels, found % n_parcels


def _pieces(paths, segments):
    """The lines of ``paths`` cut into pieces of at most ``segments`` segments, and each piece's path index."""
    parts, part_path = shapely.get_parts(paths, return_index=True)
    coords, point_part = shapely.get_coordinates(parts, return_index=True)
    first = np.searchsorted(point_part, point_part)  # index of each point's line start
    size = np.bincount(point_part)[point_part]
    pos = np.arange(len(point_part)) - first
    piece = np.minimum(pos, size - 2) // segments
    # A point that starts a piece also ends the one before it.
    shared = (pos % segments == 0) & (pos > 0) & (pos < size - 1)
    order = np.sort(np.r_[np.arange(len(pos)), np.flatnonzero(shared)], kind="stable")
    piece_of = piece[order].copy()
    piece_of[np.flatnonzero(np.r_[False, order[1:] == order[:-1]]) - 1] -= 1
    stride = int(piece.max()) + 1
    keys, inverse = np.unique(point_part[order].astype(np.int64) * stride + piece_of, return_inverse=True)
    return shapely.linestrings(coords[order], indices=inverse), part_path[keys // stride]


# ---------------------------------------------------------------- compliance


@dataclass
class Cells:
    """The grid: codes, levels, parent index (-1 at the top) and farmland parcels per cell."""

    codes: np.ndarray
    levels: np.ndarray
    parents: np.ndarray

    def ancestor_at(self, level):
        """Per cell, the index of its ancestor (or itself) at ``level``; -1 where there is none."""
        anchor = np.arange(len(self.codes))
        for _ in range(8):
            up = (anchor >= 0) & (self.levels[np.maximum(anchor, 0)] > level)
            if not up.any():
                break
            anchor = np.where(up, self.parents[np.maximum(anchor, 0)], anchor)
        ok = anchor >= 0
        ok[ok] = self.levels[anchor[ok]] == level
        return np.where(ok, anchor, -1)


def bottom_cells(cells, cell_geoms, parcel_geoms):
    """Index of the bottom cell (one with no child) containing each parcel's inner point; -1 for none.

    A parcel counts for the villager group it lies in and, through the parents, for every level above.
    """
    has_child = np.zeros(len(cells.codes), bool)
    has_child[cells.parents[cells.parents >= 0]] = True
    bottom = np.flatnonzero(~has_child & shapely.is_geometry(cell_geoms))
    out = np.full(len(parcel_geoms), -1, np.int64)
    if not len(bottom) or not len(parcel_geoms):
        return out
    tree = shapely.STRtree(shapely.point_on_surface(parcel_geoms))
    cell_pos, parcel = tree.query(cell_geoms[bottom], predicate="intersects")
    out[parcel[::-1]] = bottom[cell_pos[::-1]]  # with overlapping cells the first one listed wins
    return out


def parent_indices(codes, parent_codes):
    """Index of each cell's parent in ``codes`` (-1 where the parent is not a cell)."""
    lookup = {c: i for i, c in enumerate(codes)}
    return np.array([lookup.get(p, -1) for p in parent_codes], dtype=np.int64)


@dataclass
class Patrols:
    """Usable tracks in the window: start (UTC s), local start day, patroller."""

    start: np.ndarray
    day: np.ndarray  # datetime64[D]
    patroller: np.ndarray  # object


@dataclass
class Compliance:
    period_cell: np.ndarray
    period_start: np.ndarray
    period_end: np.ndarray
    status: np.ndarray
    patrol_count: np.ndarray
    best_coverage: np.ndarray
    patrollers: list
    qualifying: tuple  # (cell, track, coverage) arrays of patrols that count for a cell
    cell_parcels: np.ndarray  # farmland parcels per cell


def compliance(cells, parcel_cell, patrols, pairs, frequencies, first, last, min_coverage):
    """Status of every cell and required period between ``first`` and ``last`` (local dates, inclusive).

    ``parcel_cell``: bottom cell of each farmland parcel (-1 outside the grid); ``pairs``: (track,
    parcel) passes. A track is a patrol of a cell when it passed at least ``min_coverage`` of the
    cell's farmland parcels. A period is completed with at least one patrol, pending while it has
    not ended by ``last``, overdue otherwise. Cells without farmland parcels need no patrol.
    """
    n_cells = len(cells.codes)
    first, last = np.datetime64(first, "D"), np.datetime64(last, "D")
    track, parcel = pairs
    columns = {k: [] for k in ("cell", "start", "end", "count", "best")}
    patrollers, qualifying = [], ([], [], [])
    cell_parcels = np.zeros(n_cells, np.int64)
    for level in sorted(set(cells.levels.tolist())):
        at_level = cells.ancestor_at(level)
        owner = np.where(parcel_cell >= 0, at_level[np.maximum(parcel_cell, 0)], -1)
        sizes = np.bincount(owner[owner >= 0], minlength=n_cells)
        cell_parcels[cells.levels == level] = sizes[cells.levels == level]
        frequency = frequencies.get(level, NONE)
        if frequency == NONE:
            continue
        cell_of_pass = owner[parcel]
        ok = cell_of_pass >= 0
        keys = track[ok] * n_cells + cell_of_pass[ok]
        distinct, passed = np.unique(keys, return_counts=True)
        pass_track, pass_cell = distinct // n_cells, distinct % n_cells
        coverage = passed / sizes[pass_cell]
        pass_period = period_starts(patrols.day[pass_track], frequency)
        counts = coverage >= min_coverage
        for a, b in zip(qualifying, (pass_cell[counts], pass_track[counts], coverage[counts])):
            a.append(b)
        starts, ends = periods_between(frequency, first, last)
        needed = np.flatnonzero((cells.levels == level) & (sizes > 0))
        if not len(needed) or not len(starts):
            continue
        # Every (cell, period) pair, then the patrols that fall into each.
        cell_col = np.repeat(needed, len(starts))
        period_col = np.tile(np.arange(len(starts)), len(needed))
        slot = np.full(n_cells, -1, np.int64)
        slot[needed] = np.arange(len(needed))
        pass_slot = np.searchsorted(starts, pass_period)
        inside = (pass_period >= starts[0]) & (pass_slot < len(starts)) & (slot[pass_cell] >= 0)
        inside[inside] &= starts[np.minimum(pass_slot[inside], len(starts) - 1)] == pass_period[inside]
        row = slot[pass_cell[inside]] * len(starts) + pass_slot[inside]
        count = np.bincount(row[counts[inside]], minlength=len(cell_col))
        best = np.zeros(len(cell_col))
        np.maximum.at(best, row, coverage[inside])
        names = [set() for _ in range(len(cell_col))]
        for r, who in zip(row[counts[inside]].tolist(), patrols.patroller[pass_track[inside][counts[inside]]].tolist()):
            if who:
                names[r].add(who)
        columns["cell"].append(cell_col)
        columns["start"].append(starts[period_col])
        columns["end"].append(ends[period_col])
        columns["count"].append(count)
        columns["best"].append(best)
        patrollers.extend("、".join(sorted(n)) for n in names)
    joined = {k: np.concatenate(v) if v else np.zeros(0) for k, v in columns.items()}
    if not columns["cell"]:
        joined["start"] = joined["end"] = np.zeros(0, "datetime64[D]")
    status = np.where(joined["count"] > 0, COMPLETED, np.where(joined["end"] > last, PENDING, OVERDUE))
    return Compliance(
        joined["cell"].astype(np.int64),
        joined["start"],
        joined["end"],
        status,
        joined["count"].astype(np.int64),
        joined["best"],
        patrollers,
        tuple(np.concatenate(q) if q else np.zeros(0) for q in qualifying),
        cell_parcels,
    )


@dataclass
class CellSummary:
    required: np.ndarray
    completed: np.ndarray
    overdue: np.ndarray
    pending: np.ndarray
    compliance_pct: np.ndarray  # completed / (completed + overdue); NaN when nothing was due yet
    last_patrol: np.ndarray  # datetime64[D], NaT for none
    never_visited: np.ndarray


def summarise_cells(result, cells, parcel_cell, visited, patrols):
    """Per cell: periods required/completed/overdue/pending, compliance %, last patrol, parcels never visited."""
    n = len(cells.codes)

    def per_cell(mask=None):
        cells_ = result.period_cell if mask is None else result.period_cell[mask]
        return np.bincount(cells_, minlength=n)

    completed = per_cell(result.status == COMPLETED)
    overdue = per_cell(result.status == OVERDUE)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(completed + overdue > 0, 100.0 * completed / (completed + overdue), np.nan)
    last = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    cell, track, _ = result.qualifying
    if len(cell):
        days = patrols.day[track.astype(np.int64)].astype(np.int64)
        latest = np.full(n, np.iinfo(np.int64).min)
        np.maximum.at(latest, cell.astype(np.int64), days)
        has = latest > np.iinfo(np.int64).min
        last[has] = latest[has].astype("datetime64[D]")
    never = np.zeros(n, np.int64)
    unvisited = (parcel_cell >= 0) & ~visited
    for level in sorted(set(cells.levels.tolist())):
        owner = cells.ancestor_at(level)[np.maximum(parcel_cell[unvisited], 0)]
        counts = np.bincount(owner[owner >= 0], minlength=n)
        never[cells.levels == level] = counts[cells.levels == level]
    return CellSummary(per_cell(), completed, overdue, per_cell(result.status == PENDING), pct, last, never)


def parcel_visits(pairs, patrols, n_parcels, last):
    """Per parcel: number of patrols that passed, last local visit day, days from then to ``last``."""
    track, parcel = pairs
    count = np.bincount(parcel, minlength=n_parcels)
    latest = np.full(n_parcels, np.iinfo(np.int64).min)
    if len(parcel):
        np.maximum.at(latest, parcel, patrols.day[track].astype(np.int64))
    has = latest > np.iinfo(np.int64).min
    day = np.full(n_parcels, np.datetime64("NaT"), dtype="datetime64[D]")
    day[has] = latest[has].astype("datetime64[D]")
    since = np.full(n_parcels, -1, np.int64)
    since[has] = (np.datetime64(last, "D") - day[has]).astype(np.int64)
    return count, day, since


def month_of(days):
    """'YYYY-MM' of datetime64[D] values."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]").astype("datetime64[M]"), unit="M")


def township_months(result, cells, township_level, last, names=None):
    """Patrol rate per township and month: periods of its cells that ended that month (by ``last``), completed share.

    Rows (township code, name, month, due, completed, overdue, rate %, rank); rank 1 is the best
    rate of the month, equal rates share a rank.
    """
    township = cells.ancestor_at(township_level)[result.period_cell]
    keep = (result.period_end <= np.datetime64(last, "D")) & (township >= 0)
    if not keep.any():
        return []
    months = month_of(result.period_end[keep])
    keys = np.char.add(np.char.add(cells.codes[township[keep]].astype(str), "|"), months)
    distinct, inverse = np.unique(keys, return_inverse=True)
    completed = np.bincount(inverse, weights=(result.status[keep] == COMPLETED), minlength=len(distinct))
    due = np.bincount(inverse, minlength=len(distinct))
    rows = []
    for key, d, c in zip(distinct.tolist(), due.tolist(), completed.tolist()):
        code, month = key.split("|")
        rows.append(
            [code, (names or {}).get(code, ""), month, int(d), int(c), int(d - c), round(100.0 * c / d, 1) if d else None]
        )
    by_month = {}
    for row in rows:
        by_month.setdefault(row[2], []).append(row)
    for group in by_month.values():
        rates = sorted({r[6] for r in group}, reverse=True)
        for r in group:
            r.append(rates.index(r[6]) + 1)
    return sorted(rows, key=lambda r: (r[2], r[7], r[0]))


def to_date(value):
    """A datetime64[D] value as a date, or None for NaT."""
    return None if np.isnat(value) else date.fromisoformat(str(np.datetime64(value, "D")))
