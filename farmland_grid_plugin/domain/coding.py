"""Assigning space codes to parcels, stable against the previous year's coded layer.

A parcel that is essentially the same parcel as one of last year (mutual overlap at least the
threshold, which must exceed one half so that a match is unique both ways) keeps its code. New
codes take the next serials of their group, never below any serial issued before, in Hilbert-curve
order so that neighbouring parcels get neighbouring serials. Identical geometries are matched by
their normalised WKB first, so only changed parcels pay for intersections.
"""

from dataclasses import dataclass, field

import numpy as np
import shapely

from .messages import QT_TR_NOOP, DomainError, Message, Progress
from .spacecode import MAX_SERIAL, PREFIX_LENGTH, SpaceCodeError, curve_order, make_codes, validate_space_code
from .unitcode import DEFAULT_LENGTHS, distinct_unit_codes

KEPT, NEW, SPLIT, MERGED, REGROUPED, REJECTED = "kept", "new", "split", "merged", "regrouped", "rejected"
RETIRED = "retired"


@dataclass
class Event:
    """One lineage row: a code issued (with the codes it came from) or retired (with its successors)."""

    space_code: str
    event: str
    parent_codes: tuple = ()
    successor_codes: tuple = ()


@dataclass
class CodingResult:
    codes: np.ndarray  # space code per parcel, None where not coded
    statuses: np.ndarray  # KEPT/NEW/SPLIT/MERGED/REGROUPED/REJECTED, None for parcels not to be coded
    notes: list  # Message or None per parcel (why a parcel was rejected)
    events: list = field(default_factory=list)
    issued: dict = field(default_factory=dict)  # new code -> parent codes
    retired: dict = field(default_factory=dict)  # retired code -> successor codes
    previous_rejected: list = field(default_factory=list)  # (index in previous, Message)


def group_codes_of(unit_codes, wanted, geoms=None, lengths=DEFAULT_LENGTHS):
    """15-digit group code per parcel to code ('' otherwise) and a Message per rejected parcel.

    A parcel without geometry (``geoms``: None or empty there) is rejected: a code is tied to a place.
    """
    codes = distinct_unit_codes(unit_codes, lengths)
    groups = np.full(len(codes.raw), "", dtype=object)
    notes = [None] * len(codes.raw)
    placeless = np.zeros(len(codes.raw), dtype=bool) if geoms is None else shapely.is_missing(geoms) | shapely.is_empty(geoms)
    for i in np.flatnonzero(wanted):
        k = codes.inverse[i]
        groups[i], notes[i] = codes.padded[k][: lengths.group], codes.errors[k]
        if placeless[i] and notes[i] is None:
            groups[i], notes[i] = "", Message(QT_TR_NOOP("The parcel has no geometry: it gets a code once it has one"))
    return groups, notes


def _exact_matches(new_geoms, old_geoms):
    """Pairs (new index, old index) of identical geometries (same vertices, any start point or ring order)."""
    # 2D explicitly: inside QGIS executables shapely may run on the system GEOS, whose default differs.
    new_keys = shapely.to_wkb(shapely.normalize(new_geoms), output_dimension=2)
    old_keys = shapely.to_wkb(shapely.normalize(old_geoms), output_dimension=2)
    first_old = {}
    for j, key in enumerate(old_keys):
        first_old.setdefault(key, j)
    pairs = [(i, first_old[key]) for i, key in enumerate(new_keys) if key in first_old]
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    new_idx, old_idx = np.array(pairs, dtype=np.int64).T
    # An old parcel duplicated in the new data matches only once; the others are treated as changed.
    old_idx, keep = np.unique(old_idx, return_index=True)
    return new_idx[keep], old_idx


def assign(
    geoms,
    group_codes,
    rejections=None,
    previous_geoms=None,
    previous_codes=None,
    threshold=0.8,
    issued_serials=None,
    progress=None,
):
    """Space codes for parcels whose group code is set.

    ``rejections``: a Message (or None) per parcel; parcels with one are REJECTED, not coded.
    ``issued_serials``: {group code: highest serial ever issued there} from the workspace registry.
    """
    if not 0.5 < threshold <= 1.0:
        raise DomainError(QT_TR_NOOP("The overlap threshold must be above 0.5 and at most 1, got {value}"), value=threshold)
    progress = progress or Progress()
    n = len(geoms)
    to_code = np.array([bool(g) for g in group_codes], dtype=bool) & ~shapely.is_empty(geoms)
    codes = np.full(n, None, dtype=object)
    statuses = np.full(n, None, dtype=object)
    notes = list(rejections) if rejections is not None else [None] * n
    statuses[np.array([i for i, note in enumerate(notes) if note is not None], dtype=np.int64)] = REJECTED
    result = CodingResult(codes, statuses, notes)
    parents = [()] * n
    highest = dict(issued_serials or {})

    old_geoms, old_codes = _valid_previous(previous_geoms, previous_codes, result)
    for code in old_codes:
        group, serial = code[:PREFIX_LENGTH], int(code[PREFIX_LENGTH:-1])
        highest[group] = max(highest.get(group, 0), serial)
    progress.set(10)

    idx = np.flatnonzero(to_code)
    match_old = np.full(n, -1, dtype=np.int64)
    if len(old_codes) and len(idx):
        _match(geoms, idx, old_geoms, old_codes, threshold, match_old, statuses, parents, progress)
    progress.set(70)

    # Kept or regrouped: the best-matching old parcel, same group or not.
    old_kept = set()
    for i in np.flatnonzero(match_old >= 0):
        old_code = old_codes[match_old[i]]
        if old_code[:PREFIX_LENGTH] == group_codes[i]:
            codes[i], statuses[i] = old_code, KEPT
            old_kept.add(old_code)
        else:
            statuses[i], parents[i] = REGROUPED, (old_code,)
    pending = idx[np.equal(codes[idx], None)]
    statuses[pending[np.equal(statuses[pending], None)]] = NEW
    _issue(geoms, pending, group_codes, highest, codes, statuses, parents, result)
    progress.set(90)

    successors = {}
    for i in pending:
        for parent in parents[i]:
            successors.setdefault(parent, []).append(codes[i])
    for code in old_codes:
        if code not in old_kept:
            result.retired[code] = tuple(successors.get(code, ()))
            result.events.append(Event(code, RETIRED, successor_codes=result.retired[code]))
    progress.set(100)
    return result


def _valid_previous(previous_geoms, previous_codes, result):
    """Previous parcels with a valid space code; the others are listed in result.previous_rejected."""
    if previous_geoms is None:
        return np.zeros(0, dtype=object), []
    keep, codes, seen = [], [], set()
    for j, code in enumerate(previous_codes):
        try:
            valid = validate_space_code(code)
        except SpaceCodeError as exc:
            result.previous_rejected.append((j, exc.message))
            continue
        if valid in seen:
            result.previous_rejected.append((j, Message(QT_TR_NOOP("Space code {code} appears more than once"), code=valid)))
            continue
        if previous_geoms[j] is None or shapely.is_empty(previous_geoms[j]):
            continue
        seen.add(valid)
        keep.append(j)
        codes.append(valid)
    return np.asarray(previous_geoms, dtype=object)[keep], codes


def _match(geoms, idx, old_geoms, old_codes, threshold, match_old, statuses, parents, progress):
    """Fill match_old (mutual matches), and SPLIT/MERGED statuses with their parent codes."""
    new_idx, old_idx = _exact_matches(geoms[idx], old_geoms)
    match_old[idx[new_idx]] = old_idx
    progress.set(30)
    rest_new = np.setdiff1d(np.arange(len(idx)), new_idx)
    rest_old = np.setdiff1d(np.arange(len(old_geoms)), old_idx)
    if not len(rest_new) or not len(rest_old):
        return
    tree = shapely.STRtree(old_geoms[rest_old])
    a, b = tree.query(geoms[idx[rest_new]], predicate="intersects")
    new_i, old_j = idx[rest_new[a]], rest_old[b]
    overlap = shapely.area(shapely.intersection(geoms[new_i], old_geoms[old_j]))
    share_new = overlap / np.maximum(shapely.area(geoms[new_i]), 1e-12)
    share_old = overlap / np.maximum(shapely.area(old_geoms[old_j]), 1e-12)
    progress.set(60)
    mutual = (share_new >= threshold) & (share_old >= threshold)
    match_old[new_i[mutual]] = old_j[mutual]
    matched_old = set(old_j[mutual].tolist())
    # A piece mostly inside one old parcel that nobody kept: split from it.
    inside = ~mutual & (share_new >= threshold) & ~np.isin(old_j, list(matched_old))
    # Old parcels mostly inside a new one: merged into it (two or more make a merge).
    covered = ~mutual & (share_old >= threshold)
    by_new = {}
    for i, j in zip(new_i[covered], old_j[covered]):
        by_new.setdefault(i, []).append(old_codes[j])
    for i, j in zip(new_i[inside], old_j[inside]):
        if match_old[i] < 0:
            statuses[i], parents[i] = SPLIT, (old_codes[j],)
    for i, olds in by_new.items():
        if match_old[i] < 0 and statuses[i] is None:
            statuses[i], parents[i] = (MERGED if len(olds) > 1 else NEW), tuple(sorted(olds))


def _issue(geoms, pending, group_codes, highest, codes, statuses, parents, result):
    """New codes for the pending parcels: next serials per group, in curve order."""
    if not len(pending):
        return
    points = shapely.point_on_surface(geoms[pending])
    groups = np.array([group_codes[i] for i in pending], dtype=f"U{PREFIX_LENGTH}")
    by_group = curve_order(shapely.get_x(points), shapely.get_y(points), groups)
    sorted_groups = groups[by_group]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    position = np.arange(len(pending)) - np.repeat(starts, np.diff(np.r_[starts, len(pending)]))
    base = np.array([highest.get(g, 0) for g in sorted_groups], dtype=np.int64)
    serials = base + position + 1
    if serials.max() > MAX_SERIAL:
        full = sorted_groups[int(np.argmax(serials > MAX_SERIAL))]
        raise DomainError(
            QT_TR_NOOP("Group {group} would need serials beyond {limit}; no more space codes can be issued there"),
            group=full,
            limit=MAX_SERIAL,
        )
    new_codes = make_codes(sorted_groups, serials)
    for k, code in zip(pending[by_group], new_codes):
        codes[k] = str(code)
        result.issued[codes[k]] = parents[k]
        result.events.append(Event(codes[k], statuses[k], parent_codes=parents[k]))
