"""Times of track points: how a recorded time is read, and the times of the vertices of a line track.

Seconds are float64, NaN for none. A time recorded with its zone gives UTC seconds; one without a
zone gives wall-clock seconds, made UTC once the reader knows which zone such times are in (phone
apps write local time, QGIS 3.22 writes UTC into GeoPackages, both without the zone).
"""

from datetime import datetime
from typing import Optional, Sequence, Tuple

import numpy as np

# Kind of each time as read.
NO_TIME, ZONELESS, ZONED, UNREADABLE = 0, 1, 2, 3
_EPOCH = datetime(1970, 1, 1)


def seconds_of(values: Sequence) -> Tuple[np.ndarray, np.ndarray]:
    """(seconds, kind) of datetimes or ISO 8601 text (``2026/03/02 09:00`` too); None is no time, anything else unreadable."""
    seconds = np.full(len(values), np.nan)
    kind = np.zeros(len(values), np.int64)
    for i, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("/", "-"))
            except ValueError:
                kind[i] = UNREADABLE
                continue
        if not isinstance(value, datetime):
            kind[i] = UNREADABLE
        elif value.tzinfo is None:
            seconds[i] = (value - _EPOCH).total_seconds()
            kind[i] = ZONELESS
        else:
            seconds[i] = value.timestamp()
            kind[i] = ZONED
    return seconds, kind


def utc_seconds(seconds: np.ndarray, kind: np.ndarray, clock=None) -> np.ndarray:
    """UTC seconds: zone-less times taken as wall-clock time of ``clock`` (a patrol.LocalClock), or as UTC without one."""
    seconds = np.asarray(seconds, dtype=float).copy()
    zoneless = np.asarray(kind) == ZONELESS
    if clock is not None and zoneless.any():
        seconds[zoneless] = clock.utc_from_local(seconds[zoneless])
    return seconds


def vertex_seconds(coords: np.ndarray, owner: np.ndarray, starts: np.ndarray, ends: Optional[np.ndarray] = None) -> np.ndarray:
    """Time of each vertex of line tracks, by the share of its track's line walked between start and end time.

    ``coords``: (n, 2) vertices of all tracks, grouped by track; ``owner``: the track of each vertex;
    ``starts``/``ends``: per track. A track recorded as a line (one feature per patrol) keeps only its
    start and end; spreading the time by distance walked is the best guess of where the patroller was
    when. Without an end time (or one not after the start) the line is taken as walked at 1 m/s,
    which only matters for the jump rule.
    """
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    owner = np.asarray(owner, dtype=np.int64)
    starts = np.asarray(starts, dtype=float)
    ends = np.full(len(starts), np.nan) if ends is None else np.asarray(ends, dtype=float)
    first = np.r_[True, owner[1:] != owner[:-1]][: len(owner)]
    step = np.r_[0.0, np.hypot(*np.diff(coords, axis=0).T)][: len(owner)]
    step[first] = 0.0
    walked = np.cumsum(step)
    # Distance from the track's own first vertex: subtract what was walked up to it.
    walked -= np.maximum.accumulate(np.where(first, walked, -np.inf)) if len(walked) else 0.0
    total = np.bincount(owner, weights=step, minlength=len(starts))
    with np.errstate(invalid="ignore"):
        duration = np.where(np.isfinite(ends) & (ends > starts), ends - starts, total)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(total[owner] > 0, walked / total[owner], 0.0)
    return starts[owner] + fraction * duration[owner]
