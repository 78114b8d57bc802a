"""举证核验: checks of the evidence photos of a case against its patch, its dates and the other photos.

A reviewer approves a case on the strength of its photos; the known ways to cheat or err are few
and concrete: photos taken elsewhere or pointing away from the patch, old photos, the same photo
handed in twice, edited files, one close-up where several shots around the patch are asked for.
These rules flag them; the reviewer decides. A flag never drops a photo.

Everything here is pure: positions are in a metric CRS (x east, y north, metres), directions in
degrees clockwise from north, times as the photo recorded them. Flags are codes (``checks``: a
comma-separated list, empty when clean); the figures behind them are kept beside them, and
``photo_flag_messages`` / ``case_flag_messages`` say them in the user's language.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import shapely

from .cases import COLLECTING, ISSUED
from .messages import QT_TR_NOOP, DomainError, Message
from .photo_hash import SIMILAR_BITS, nearest_lookalikes

# Per photo, in the order they are listed.
FAR_FROM_PATCH = "far_from_patch"
FACING_AWAY = "facing_away"
NO_DIRECTION = "no_direction"
BEFORE_ISSUE = "before_issue"
AFTER_DUE = "after_due"
FUTURE_TIME = "future_time"
CLOCK_MISMATCH = "clock_mismatch"
POOR_ACCURACY = "poor_accuracy"
DUPLICATE_PHOTO = "duplicate_photo"
SIMILAR_PHOTO = "similar_photo"
EDITED = "edited"
PHOTO_FLAGS = (
    FAR_FROM_PATCH,
    FACING_AWAY,
    NO_DIRECTION,
    BEFORE_ISSUE,
    AFTER_DUE,
    FUTURE_TIME,
    CLOCK_MISMATCH,
    POOR_ACCURACY,
    DUPLICATE_PHOTO,
    SIMILAR_PHOTO,
    EDITED,
)
# Per case.
TOO_FEW_PHOTOS = "too_few_photos"
NARROW_VIEW = "narrow_view"
NO_PHOTO = "no_photo"
CASE_FLAGS = (NO_PHOTO, TOO_FEW_PHOTOS, NARROW_VIEW)

# Programs that write their name into the Software tag when they save an edited photo (lower case,
# matched as parts of the tag). Camera firmware and transfer tools ("Nikon Transfer", "HDR+") are not edits.
EDITING_SOFTWARE = (
    "photoshop",
    "lightroom",
    "gimp",
    "snapseed",
    "picsart",
    "meitu",
    "美图",
    "醒图",
    "美颜",
    "paint.net",
    "painttool",
    "pixelmator",
    "affinity photo",
    "capture one",
    "acdsee",
    "photoscape",
    "fotor",
    "polarr",
    "vsco",
    "befunky",
    "faceu",
    "picasa",
)

CONE_ARC_POINTS = 13  # vertices on the arc of a view cone


@dataclass(frozen=True)
class CheckRules:
    """The rules' parameters (the algorithms' MAX_DISTANCE, VIEW_HALF_ANGLE, GRACE_DAYS, MAX_CLOCK_SKEW,
    MAX_ACCURACY, MIN_PHOTOS, MIN_SPREAD)."""

    max_distance: float = 50.0  # m from the patch polygon
    view_half_angle: float = 35.0  # degrees either side of the direction of view
    grace_days: int = 7  # after the due date
    max_clock_skew_min: float = 10.0  # camera clock against GPS time
    max_accuracy: float = 20.0  # m of GPS horizontal error
    min_photos: int = 3
    min_spread: float = 90.0  # degrees the directions of a case's photos must span
    similar_bits: int = SIMILAR_BITS

    def __post_init__(self):
        if min(self.max_distance, self.grace_days, self.max_clock_skew_min, self.max_accuracy, self.min_photos) < 0:
            raise DomainError(QT_TR_NOOP("The evidence check parameters cannot be negative"))
        if not 0 < self.view_half_angle <= 180 or not 0 <= self.min_spread <= 360:
            raise DomainError(
                QT_TR_NOOP("The half-angle of view must lie between 0° and 180°, the spread of directions between 0° and 360°")
            )


DEFAULT_RULES = CheckRules()


@dataclass(frozen=True)
class PhotoFacts:
    """What a photo and its file say. ``x``, ``y``: the camera in the metric CRS of the patches;
    ``taken`` the camera clock (naive, local) with its ``offset`` where recorded; ``phash`` the
    64-bit perceptual hash of the picture (None where it could not be decoded); ``key`` tells the
    photo apart from the others (its path)."""

    key: str
    name: str
    case_id: Optional[str] = None
    x: Optional[float] = None
    y: Optional[float] = None
    direction: Optional[float] = None
    taken: Optional[datetime] = None
    offset: Optional[timedelta] = None
    gps_time_utc: Optional[datetime] = None
    accuracy_m: Optional[float] = None
    software: Optional[str] = None
    sha256: Optional[str] = None
    phash: Optional[int] = None


@dataclass(frozen=True)
class CaseFacts:
    """A case's patch (shapely polygon in the same metric CRS as the photos) and its dates."""

    geometry: object = None
    issued_on: Optional[date] = None
    due_date: Optional[date] = None


@dataclass(frozen=True)
class Fingerprint:
    """A photo already attached as evidence: its case, path, file name and hashes."""

    case_id: str
    key: str
    name: str
    sha256: Optional[str]
    phash: Optional[int]


@dataclass(frozen=True)
class PhotoCheck:
    """The flags of one photo and the figures behind them (None where not measured)."""

    flags: Tuple[str, ...] = ()
    distance_m: Optional[float] = None  # camera to patch polygon, 0 inside
    view_off_deg: Optional[float] = None  # direction of view to the direction of the patch's nearest point
    clock_skew_s: Optional[float] = None  # camera clock minus GPS time
    taken_utc: Optional[datetime] = None
    duplicate_of: Optional[str] = None  # "case: file" of the photo with the same content
    similar_of: Optional[str] = None  # "case: file" of the photo with a near perceptual hash

    @property
    def checks(self) -> str:
        return join_checks(self.flags)


def join_checks(codes: Iterable[str]) -> str:
    """Codes in their standard order, comma-separated, each once."""
    codes = set(codes)
    order = PHOTO_FLAGS + CASE_FLAGS
    return ",".join([c for c in order if c in codes] + sorted(codes - set(order)))


def parse_checks(text: Optional[str]) -> Tuple[str, ...]:
    """The codes of a ``checks`` value; empty for None or ''."""
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


# ---- geometry -----------------------------------------------------------------------------------


def angle_between(a, b):
    """Smallest angle between directions (degrees, any range, arrays), 0–180: 350° and 10° are 20° apart."""
    d = np.abs((np.asarray(a, dtype=float) - np.asarray(b, dtype=float)) % 360.0)
    return np.minimum(d, 360.0 - d)


def bearing(dx, dy):
    """Direction of (dx east, dy north) in degrees clockwise from north, 0–360."""
    return np.degrees(np.arctan2(dx, dy)) % 360.0


def view_cones(x, y, direction, half_angle, radius):
    """Polygon sectors (arrays): apex at the camera, axis along the direction of view, out to ``radius``."""
    x, y, direction, radius = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (x, y, direction, radius))
    offsets = np.linspace(-half_angle, half_angle, CONE_ARC_POINTS)
    theta = np.radians(direction[:, None] + offsets[None, :])
    arc = np.stack([x[:, None] + radius[:, None] * np.sin(theta), y[:, None] + radius[:, None] * np.cos(theta)], axis=-1)
    apex = np.stack([x, y], axis=-1)[:, None, :]
    return shapely.polygons(np.concatenate([apex, arc, apex], axis=1))


def view_spread(directions: Sequence[float]) -> Optional[float]:
    """Degrees of the smallest arc holding every direction (across north: 350° and 20° span 30°); None without any."""
    values = np.sort(np.asarray([d for d in directions if d is not None], dtype=float) % 360.0)
    if not len(values):
        return None
    gaps = np.diff(np.r_[values, values[0] + 360.0])
    return float(360.0 - gaps.max())


def _patch_size(geoms):
    """Diagonal of each patch's bounding box (m)."""
    bounds = shapely.bounds(geoms)
    return np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])


# ---- rules --------------------------------------------------------------------------------------


def is_editing_software(software: Optional[str]) -> bool:
    text = (software or "").casefold()
    return any(name in text for name in EDITING_SOFTWARE)


def check_photos(
    photos: Sequence[PhotoFacts],
    cases: Mapping[str, CaseFacts],
    now: datetime,
    rules: CheckRules = DEFAULT_RULES,
    stored: Sequence[Fingerprint] = (),
    local_offset: timedelta = timedelta(0),
) -> List[PhotoCheck]:
    """A PhotoCheck per photo, in order.

    ``cases``: the patch and dates of each case id the photos belong to (a photo of no case, or of a
    case without a patch, is checked for what needs none); ``now`` (aware): the import time;
    ``stored``: photos already attached as evidence, for duplicates; ``local_offset``: the UTC offset
    of the camera clock where the photo records none.
    """
    distance, off, in_view = _geometry(photos, cases, rules)
    duplicate_of, similar_of = _lookalikes(photos, stored, rules)
    out = []
    for k, photo in enumerate(photos):
        flags = []
        case = cases.get(photo.case_id) if photo.case_id is not None else None
        if np.isfinite(distance[k]) and distance[k] > rules.max_distance:
            flags.append(FAR_FROM_PATCH)
        if photo.direction is None:
            flags.append(NO_DIRECTION)
        elif in_view[k] == 0:
            flags.append(FACING_AWAY)
        camera_utc = None
        if photo.taken is not None:
            camera_utc = (photo.taken - (photo.offset if photo.offset is not None else local_offset)).replace(tzinfo=timezone.utc)
            day = photo.taken.date()
            if case is not None and case.issued_on is not None and day < case.issued_on:
                flags.append(BEFORE_ISSUE)
            if case is not None and case.due_date is not None and day > case.due_date + timedelta(days=rules.grace_days):
                flags.append(AFTER_DUE)
        taken_utc = camera_utc or photo.gps_time_utc
        skew = None
        if camera_utc is not None and photo.gps_time_utc is not None:
            skew = round((camera_utc - photo.gps_time_utc).total_seconds(), 1)
        tolerance = timedelta(minutes=rules.max_clock_skew_min)
        if taken_utc is not None and taken_utc > now + tolerance:
            flags.append(FUTURE_TIME)
        if skew is not None and abs(skew) > tolerance.total_seconds():
            flags.append(CLOCK_MISMATCH)
        if photo.accuracy_m is not None and photo.accuracy_m > rules.max_accuracy:
            flags.append(POOR_ACCURACY)
        if duplicate_of[k] is not None:
            flags.append(DUPLICATE_PHOTO)
        if similar_of[k] is not None:
            flags.append(SIMILAR_PHOTO)
        if is_editing_software(photo.software):
            flags.append(EDITED)
        out.append(
            PhotoCheck(
                flags=tuple(flags),
                distance_m=round(float(distance[k]), 1) if np.isfinite(distance[k]) else None,
                view_off_deg=round(float(off[k]), 1) if np.isfinite(off[k]) else None,
                clock_skew_s=skew,
                taken_utc=taken_utc,
                duplicate_of=duplicate_of[k],
                similar_of=similar_of[k],
            )
        )
    return out


def _geometry(photos, cases, rules):
    """Per photo: distance to its patch (m), angle of the view off the patch's nearest point, and whether
    the view cone meets the patch (1, 0, or -1 where not known); NaN/-1 where there is nothing to measure."""
    n = len(photos)
    distance, off, in_view = np.full(n, np.nan), np.full(n, np.nan), np.full(n, -1)
    rows, patches = [], []
    for k, photo in enumerate(photos):
        case = cases.get(photo.case_id) if photo.case_id is not None else None
        geometry = case.geometry if case is not None else None
        if photo.x is None or photo.y is None or geometry is None or shapely.is_empty(geometry):
            continue
        rows.append(k)
        patches.append(geometry)
    if not rows:
        return distance, off, in_view
    rows, patches = np.asarray(rows), np.asarray(patches, dtype=object)
    x = np.array([photos[k].x for k in rows], dtype=float)
    y = np.array([photos[k].y for k in rows], dtype=float)
    points = shapely.points(x, y)
    distance[rows] = shapely.distance(points, patches)
    directed = np.array([photos[k].direction is not None for k in rows])
    if directed.any():
        d = np.array([photos[k].direction for k in rows[directed]], dtype=float)
        # Out to the rule's distance (or the camera's, when farther) and across the patch.
        radius = np.maximum(distance[rows[directed]], rules.max_distance) + _patch_size(patches[directed])
        cones = view_cones(x[directed], y[directed], d, rules.view_half_angle, np.maximum(radius, 1.0))
        in_view[rows[directed]] = shapely.intersects(cones, patches[directed]).astype(int)
        outside = distance[rows[directed]] > 0
        if outside.any():
            nearest = shapely.get_coordinates(shapely.shortest_line(points[directed][outside], patches[directed][outside]))
            ends = nearest.reshape(-1, 2, 2)[:, 1, :]
            towards = bearing(ends[:, 0] - x[directed][outside], ends[:, 1] - y[directed][outside])
            off[rows[directed][outside]] = angle_between(d[outside], towards)
        inside = rows[directed][~outside]
        off[inside] = 0.0
    return distance, off, in_view


def _label(case_id, name):
    return f"{case_id}: {name}" if case_id else name


def _lookalikes(photos, stored, rules):
    """Per photo: the photo of identical content (the batch first, then the stored evidence) and the
    photo of another case with a near perceptual hash, as "case: file"; None where there is none."""
    n = len(photos)
    duplicate_of, similar_of = [None] * n, [None] * n
    by_hash = {}
    for photo in photos:
        if photo.sha256:
            by_hash.setdefault(photo.sha256, []).append((photo.case_id, photo.key, photo.name))
    stored_by_hash = {}
    for item in stored:
        if item.sha256:
            stored_by_hash.setdefault(item.sha256, []).append((item.case_id, item.key, item.name))
    for k, photo in enumerate(photos):
        if not photo.sha256:
            continue
        others = [o for o in by_hash[photo.sha256] if o[1] != photo.key]
        # Stored evidence with the same path and case is this very photo, imported before.
        others += [o for o in stored_by_hash.get(photo.sha256, ()) if not (o[1] == photo.key and o[0] == photo.case_id)]
        if others:
            duplicate_of[k] = _label(others[0][0], others[0][2])

    pool = [(p.case_id, p.name, p.phash, p.sha256) for p in photos] + [(s.case_id, s.name, s.phash, s.sha256) for s in stored]
    hashed = np.array([j for j, item in enumerate(pool) if item[2] is not None], dtype=np.int64)
    if len(hashed) < 2 or not any(p.phash is not None and p.case_id is not None for p in photos):
        return duplicate_of, similar_of
    values = np.array([pool[j][2] for j in hashed], dtype=np.uint64)
    # Case ids and contents as integer codes, so that pairs are compared as arrays.
    case_codes, sha_codes = {}, {}
    cases = np.array([case_codes.setdefault(str(pool[j][0]), len(case_codes)) for j in hashed])
    shas = np.array([sha_codes.setdefault(pool[j][3], len(sha_codes)) if pool[j][3] else -1 for j in hashed])
    mine = np.flatnonzero((hashed < n) & np.array([pool[j][0] is not None for j in hashed]))
    for row, match in zip(mine, nearest_lookalikes(values, cases, shas, rules.similar_bits, mine)):
        if match >= 0:
            other = pool[int(hashed[match])]
            similar_of[int(hashed[row])] = _label(other[0], other[1])
    return duplicate_of, similar_of


@dataclass(frozen=True)
class CaseCheck:
    flags: Tuple[str, ...]
    photo_count: int
    spread_deg: Optional[float]

    @property
    def checks(self) -> str:
        return join_checks(self.flags)


def check_case(directions: Sequence[Optional[float]], rules: CheckRules = DEFAULT_RULES) -> CaseCheck:
    """The case-level flags from the directions of all its photos (None where a photo has none)."""
    count = len(directions)
    spread = view_spread(directions)
    flags = []
    if count == 0:
        flags.append(NO_PHOTO)
    elif count < rules.min_photos:
        flags.append(TOO_FEW_PHOTOS)
    if spread is not None and spread < rules.min_spread:
        flags.append(NARROW_VIEW)
    return CaseCheck(tuple(flags), count, None if spread is None else round(spread, 1))


def needs_attention(status: Optional[str], case_checks: Optional[str], flagged_photos) -> bool:
    """Whether a case counts as flagged on the dashboard: a flagged photo, a case flag other than ``no_photo``,
    or no photo once it was reported (an issued case has none yet, as it should)."""
    codes = set(parse_checks(case_checks))
    if flagged_photos or codes - {NO_PHOTO}:
        return True
    return NO_PHOTO in codes and status not in (ISSUED, COLLECTING)


def approval_needs_note(case_checks: Optional[str], photo_checks: Iterable[Optional[str]]) -> bool:
    """A flagged case (case flags, or a flagged photo) is approved only with a note saying why."""
    return bool(parse_checks(case_checks)) or any(parse_checks(c) for c in photo_checks)


def flag_summary(case_checks: Optional[str], photos: Iterable[Tuple[str, Optional[str]]]) -> str:
    """The flags of a case as its verdict event keeps them: "too_few_photos; IMG_3.jpg: far_from_patch,edited"."""
    parts = [join_checks(parse_checks(case_checks))] if parse_checks(case_checks) else []
    parts += [f"{name}: {join_checks(parse_checks(checks))}" for name, checks in photos if parse_checks(checks)]
    return "; ".join(parts)


# ---- what the reviewer reads ----------------------------------------------------------------------

_PHOTO_TEXTS = {
    FAR_FROM_PATCH: QT_TR_NOOP("{distance} m from the patch"),
    FACING_AWAY: QT_TR_NOOP("Facing away from the patch"),
    NO_DIRECTION: QT_TR_NOOP("No direction of view recorded"),
    BEFORE_ISSUE: QT_TR_NOOP("Taken before the issue date {date}"),
    AFTER_DUE: QT_TR_NOOP("Taken after the due date {date} (and {days} days of grace)"),
    FUTURE_TIME: QT_TR_NOOP("Taken after it was imported ({time})"),
    CLOCK_MISMATCH: QT_TR_NOOP("Camera clock and GPS time differ by {minutes} min"),
    POOR_ACCURACY: QT_TR_NOOP("GPS error {accuracy} m"),
    DUPLICATE_PHOTO: QT_TR_NOOP("Same file as {other}"),
    SIMILAR_PHOTO: QT_TR_NOOP("Looks like {other}"),
    EDITED: QT_TR_NOOP("Edited with {software}"),
}
_FACING_AWAY_BY = QT_TR_NOOP("Facing away from the patch ({angle}° off)")
_EDITED_UNKNOWN = QT_TR_NOOP("Edited")
CHANGED_SINCE_ATTACHED = QT_TR_NOOP("File changed since it was attached (SHA-256 differs)")
_CASE_TEXTS = {
    NO_PHOTO: QT_TR_NOOP("No photos"),
    TOO_FEW_PHOTOS: QT_TR_NOOP("Only {count} photos (at least {minimum})"),
    NARROW_VIEW: QT_TR_NOOP("Directions of view span only {spread}° (at least {minimum}°)"),
}


def _figure(value, digits=0):
    return "?" if value is None else f"{float(value):.{digits}f}"


def photo_flag_messages(
    checks: Optional[str], figures: Mapping, issued_on=None, due_date=None, rules: CheckRules = DEFAULT_RULES
) -> List[Message]:
    """One Message per flag of a photo, with its figure. ``figures``: the evidence row (distance_m,
    view_off_deg, clock_skew_s, accuracy_m, read_at, duplicate_of, similar_of, software); the case's dates."""
    out = []
    for code in parse_checks(checks):
        if code == FAR_FROM_PATCH:
            out.append(Message(_PHOTO_TEXTS[code], distance=_figure(figures.get("distance_m"))))
        elif code == FACING_AWAY and figures.get("view_off_deg") is not None:
            out.append(Message(_FACING_AWAY_BY, angle=_figure(figures.get("view_off_deg"))))
        elif code == BEFORE_ISSUE:
            out.append(Message(_PHOTO_TEXTS[code], date=_date_text(issued_on)))
        elif code == AFTER_DUE:
            out.append(Message(_PHOTO_TEXTS[code], date=_date_text(due_date), days=rules.grace_days))
        elif code == FUTURE_TIME:
            out.append(Message(_PHOTO_TEXTS[code], time=str(figures.get("read_at") or "?")))
        elif code == CLOCK_MISMATCH:
            skew = figures.get("clock_skew_s")
            out.append(Message(_PHOTO_TEXTS[code], minutes=_figure(None if skew is None else abs(float(skew)) / 60.0)))
        elif code == POOR_ACCURACY:
            out.append(Message(_PHOTO_TEXTS[code], accuracy=_figure(figures.get("accuracy_m"))))
        elif code in (DUPLICATE_PHOTO, SIMILAR_PHOTO):
            other = figures.get("duplicate_of" if code == DUPLICATE_PHOTO else "similar_of") or "?"
            out.append(Message(_PHOTO_TEXTS[code], other=other))
        elif code == EDITED:
            software = figures.get("software")
            out.append(Message(_PHOTO_TEXTS[code], software=software) if software else Message(_EDITED_UNKNOWN))
        elif code in _PHOTO_TEXTS:
            out.append(Message(_PHOTO_TEXTS[code]))
        else:
            out.append(Message("{code}", code=code))
    return out


def case_flag_messages(checks: Optional[str], photo_count, spread_deg, rules: CheckRules = DEFAULT_RULES) -> List[Message]:
    out = []
    for code in parse_checks(checks):
        if code == TOO_FEW_PHOTOS:
            count = photo_count if photo_count is not None else "?"
            out.append(Message(_CASE_TEXTS[code], count=count, minimum=rules.min_photos))
        elif code == NARROW_VIEW:
            out.append(Message(_CASE_TEXTS[code], spread=_figure(spread_deg), minimum=_figure(rules.min_spread)))
        elif code in _CASE_TEXTS:
            out.append(Message(_CASE_TEXTS[code]))
        else:
            out.append(Message("{code}", code=code))
    return out


def _date_text(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10] if value else "?"
