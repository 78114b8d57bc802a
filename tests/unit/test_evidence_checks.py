"""举证核验 rules on constructed cases: distances, view cones across north, dates, clocks, hashes, case flags."""

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import evidence_checks as ec
from farmland_grid_plugin.domain import photo_hash as ph
from farmland_grid_plugin.domain.messages import DomainError

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
CHINA = timedelta(hours=8)
PATCH = shapely.box(0, 0, 100, 100)  # 100 m square; its centre at (50, 50)
CASE = ec.CaseFacts(PATCH, issued_on=date(2026, 3, 2), due_date=date(2026, 3, 10))


def photo(key="a.jpg", x=50.0, y=50.0, direction=0.0, taken=datetime(2026, 3, 5, 10, 0), **kw):
    kw.setdefault("offset", CHINA)
    return ec.PhotoFacts(key=key, name=key, case_id=kw.pop("case_id", "C1"), x=x, y=y, direction=direction, taken=taken, **kw)


def check(*photos, stored=(), rules=ec.DEFAULT_RULES, cases=None):
    return ec.check_photos(photos, cases or {"C1": CASE, "C2": CASE}, NOW, rules, stored)


def test_clean_photo_inside_the_patch_whatever_its_direction():
    for direction in (0, 90, 180, 270, 359.9):
        (result,) = check(photo(direction=direction))
        assert result.flags == () and result.checks == ""
        assert result.distance_m == 0 and result.view_off_deg == 0
    assert result.taken_utc == datetime(2026, 3, 5, 2, 0, tzinfo=timezone.utc)


def test_distance_to_the_polygon_not_its_centroid():
    near, far = check(photo("near.jpg", x=150, y=50, direction=270), photo("far.jpg", x=283, y=50, direction=270))
    assert near.distance_m == 50 and ec.FAR_FROM_PATCH not in near.flags  # 100 m from the centroid, 50 from the edge
    assert far.distance_m == 183 and far.flags == (ec.FAR_FROM_PATCH,)
    # A patch far larger than the distance: still only the distance to its edge counts.
    big = ec.CaseFacts(shapely.box(-5000, -5000, 0, 5000))
    (result,) = check(photo(x=40, y=0, direction=270), cases={"C1": big})
    assert result.distance_m == 40 and result.flags == ()


def test_facing_away_with_the_cone_and_across_north():
    # Camera 30 m south of the patch's south edge: facing north sees it; facing south does not.
    north, south, east = check(
        photo("n.jpg", x=50, y=-30, direction=0),
        photo("s.jpg", x=50, y=-30, direction=180),
        photo("e.jpg", x=50, y=-30, direction=90),
    )
    assert north.flags == () and north.view_off_deg == 0
    assert south.flags == (ec.FACING_AWAY,) and south.view_off_deg == 180
    # East: the patch's nearest point is straight north, 90° off, but the cone of ±35° reaches its corner? No:
    # from (50, -30) the patch spans bearings of about 301°–59°; 90 ± 35 = 55°–125° overlaps it.
    assert east.flags == () and east.view_off_deg == 90
    # Across north: a camera north of the patch facing 350° and 10° both face away; facing 180° sees it.
    a, b, c = check(
        photo("a.jpg", x=50, y=130, direction=350),
        photo("b.jpg", x=50, y=130, direction=10),
        photo("c.jpg", x=50, y=130, direction=180),
    )
    assert a.flags == b.flags == (ec.FACING_AWAY,) and c.flags == ()
    assert a.view_off_deg == b.view_off_deg == 170
    # West of the patch, which spans bearings 22°–158° from there: 359° ± 35° still reaches it, 300° does not.
    across, west = check(photo("x.jpg", x=-20, y=50, direction=359), photo("w.jpg", x=-20, y=50, direction=300))
    assert across.flags == () and west.flags == (ec.FACING_AWAY,) and west.view_off_deg == 150


def test_half_angle_parameter():
    # From (50, -30) facing 120°: the nearest corner (100, 0) lies at bearing 59°, 61° off the axis.
    (wide,) = check(photo(x=50, y=-30, direction=120), rules=ec.CheckRules(view_half_angle=65))
    (narrow,) = check(photo(x=50, y=-30, direction=120), rules=ec.CheckRules(view_half_angle=35))
    assert wide.flags == () and narrow.flags == (ec.FACING_AWAY,)


def test_far_photo_facing_the_patch_is_only_far():
    (result,) = check(photo(x=50, y=-500, direction=0))
    assert result.flags == (ec.FAR_FROM_PATCH,) and result.distance_m == 500


def test_missing_tags():
    (bare,) = check(ec.PhotoFacts(key="bare.jpg", name="bare.jpg", case_id="C1", x=50, y=50))
    assert bare.flags == (ec.NO_DIRECTION,)
    assert bare.taken_utc is None and bare.clock_skew_s is None and bare.view_off_deg is None
    # No case, no position: only what needs neither.
    (loose,) = check(ec.PhotoFacts(key="x.jpg", name="x.jpg", direction=10.0))
    assert loose.flags == () and loose.distance_m is None


def test_dates_with_grace():
    issued, due = CASE.issued_on, CASE.due_date
    early, first_day, last_grace, late = check(
        photo("e.jpg", taken=datetime(2026, 3, 1, 23, 59)),
        photo("f.jpg", taken=datetime(2026, 3, 2, 0, 1)),
        photo("g.jpg", taken=datetime.combine(due + timedelta(days=7), datetime.min.time()).replace(hour=18)),
        photo("l.jpg", taken=datetime(2026, 3, 18, 8, 0)),
    )
    assert early.flags == (ec.BEFORE_ISSUE,) and issued == date(2026, 3, 2)
    assert first_day.flags == () and last_grace.flags == ()
    assert late.flags == (ec.AFTER_DUE,)
    (strict,) = check(photo("g.jpg", taken=datetime(2026, 3, 12, 9)), rules=ec.CheckRules(grace_days=0))
    assert strict.flags == (ec.AFTER_DUE,)


def test_future_time_and_clock_mismatch():
    # 20:30 China time on the 20th is 12:30 UTC: after the import at 12:00 UTC.
    (future,) = check(photo(taken=datetime(2026, 3, 20, 20, 30)))
    assert ec.FUTURE_TIME in future.flags
    (within,) = check(photo(taken=datetime(2026, 3, 20, 20, 5)))  # 5 min ahead: within the clock tolerance
    assert ec.FUTURE_TIME not in within.flags
    gps = datetime(2026, 3, 5, 2, 0, tzinfo=timezone.utc)
    ok, skewed, behind = check(
        photo("ok.jpg", gps_time_utc=gps + timedelta(minutes=9)),
        photo("sk.jpg", gps_time_utc=gps - timedelta(minutes=11)),
        photo("bh.jpg", gps_time_utc=gps + timedelta(hours=22)),
    )
    assert ok.flags == () and ok.clock_skew_s == -540
    assert skewed.flags == (ec.CLOCK_MISMATCH,) and skewed.clock_skew_s == 660
    assert behind.flags == (ec.CLOCK_MISMATCH,) and behind.clock_skew_s == -22 * 3600
    # Without an offset the local time zone stands for it.
    (local,) = ec.check_photos([photo(offset=None, gps_time_utc=gps)], {"C1": CASE}, NOW, local_offset=CHINA)
    assert local.flags == () and local.clock_skew_s == 0
    (utc,) = ec.check_photos([photo(offset=None, gps_time_utc=gps)], {"C1": CASE}, NOW)
    assert utc.flags == (ec.CLOCK_MISMATCH,) and utc.clock_skew_s == 8 * 3600


def test_accuracy_and_software():
    good, poor, unknown = check(photo("g.jpg", accuracy_m=20.0), photo("p.jpg", accuracy_m=38.8), photo("u.jpg"))
    assert good.flags == () and poor.flags == (ec.POOR_ACCURACY,) and unknown.flags == ()
    for software in ("Adobe Photoshop 24.1 (Windows)", "GIMP 2.4.5", "美图秀秀", "Snapseed 2.0"):
        assert check(photo(software=software))[0].flags == (ec.EDITED,), software
    for software in ("ALN-AL00 4.0.0.120", "Nikon Transfer 1.1 W", "HDR+ 1.0.540104767zd", "17.1.2", None):
        assert check(photo(software=software))[0].flags == (), software


def test_duplicates_in_the_batch_and_in_the_store():
    a = photo("a.jpg", sha256="aa", case_id="C1")
    b = photo("b.jpg", sha256="aa", case_id="C2")
    c = photo("c.jpg", sha256="cc", case_id="C1")
    ra, rb, rc = check(a, b, c)
    assert ra.flags == rb.flags == (ec.DUPLICATE_PHOTO,) and rc.flags == ()
    assert ra.duplicate_of == "C2: b.jpg" and rb.duplicate_of == "C1: a.jpg"
    stored = [ec.Fingerprint("C1", "c.jpg", "c.jpg", "cc", None), ec.Fingerprint("C2", "old/c.jpg", "c.jpg", "cc", None)]
    (again,) = check(c, stored=stored[:1])  # the same photo imported again is no duplicate of itself
    assert again.flags == ()
    (twice,) = check(c, stored=stored)  # the same content under another path: a duplicate
    assert twice.flags == (ec.DUPLICATE_PHOTO,) and twice.duplicate_of == "C2: c.jpg"


def test_similar_photos_of_another_case():
    base = 0x0F0F_F0F0_1234_8765
    near = base ^ 0b1011_0000_0001  # 4 bits
    far = base ^ ((1 << 20) - 1)  # 20 bits
    a, b, c, d = check(
        photo("a.jpg", case_id="C1", sha256="1", phash=base),
        photo("b.jpg", case_id="C2", sha256="2", phash=near),
        photo("c.jpg", case_id="C2", sha256="3", phash=far),
        photo("d.jpg", case_id="C1", sha256="4", phash=near),  # same case as a: no flag against a, but against b
    )
    assert a.similar_of == "C2: b.jpg" and b.similar_of in ("C1: a.jpg", "C1: d.jpg")
    assert c.flags == () and ec.SIMILAR_PHOTO in d.flags and d.similar_of == "C2: b.jpg"
    stored = [ec.Fingerprint("C9", "z.jpg", "z.jpg", "9", far ^ 1)]
    (only,) = check(photo("c.jpg", case_id="C2", sha256="3", phash=far), stored=stored)
    assert only.flags == (ec.SIMILAR_PHOTO,) and only.similar_of == "C9: z.jpg"


def test_perceptual_hash_survives_resizing_and_tells_pictures_apart():
    rng = np.random.default_rng(3)
    coarse = rng.uniform(0, 255, (8, 8))
    picture = np.kron(coarse, np.ones((4, 4)))
    noisy = picture + rng.normal(0, 6, picture.shape)
    other = np.kron(rng.uniform(0, 255, (8, 8)), np.ones((4, 4)))
    h, hn, ho = (np.array([ph.perceptual_hash(p)], dtype=np.uint64) for p in (picture, noisy, other))
    assert ph.hamming(h, hn)[0, 0] <= ph.SIMILAR_BITS < ph.hamming(h, ho)[0, 0]
    assert ph.hash_value(ph.hash_text(int(h[0]))) == int(h[0]) and ph.hash_value("zz") is None
    with pytest.raises(ValueError):
        ph.perceptual_hash(np.zeros((16, 16)))


def test_view_spread_across_north_and_case_flags():
    assert ec.view_spread([350, 20]) == pytest.approx(30)
    assert ec.view_spread([0, 90, 180, 270]) == pytest.approx(270)
    assert ec.view_spread([10, None]) == 0 and ec.view_spread([None]) is None
    assert ec.check_case([]).flags == (ec.NO_PHOTO,)
    few = ec.check_case([10, 200])
    assert few.flags == (ec.TOO_FEW_PHOTOS,) and few.photo_count == 2 and few.spread_deg == 170
    narrow = ec.check_case([350, 5, 20])
    assert narrow.flags == (ec.NARROW_VIEW,) and narrow.spread_deg == 30 and narrow.checks == "narrow_view"
    assert ec.check_case([0, 120, 240]).flags == ()
    assert ec.check_case([None, None, None]).flags == ()  # no directions: each photo says no_direction instead
    assert ec.check_case([0, 45], ec.CheckRules(min_photos=2, min_spread=45)).flags == ()


def test_codes_notes_and_messages():
    assert ec.join_checks(["edited", "far_from_patch", "edited"]) == "far_from_patch,edited"
    assert ec.parse_checks(None) == () and ec.parse_checks("a, b") == ("a", "b")
    assert ec.approval_needs_note("", ["", None]) is False
    assert ec.approval_needs_note("narrow_view", []) and ec.approval_needs_note(None, ["", "edited"])
    summary = ec.flag_summary("too_few_photos", [("a.jpg", ""), ("b.jpg", "edited,far_from_patch")])
    assert summary == "too_few_photos; b.jpg: far_from_patch,edited"
    figures = {"distance_m": 183.2, "view_off_deg": 150.0, "clock_skew_s": -1320.0, "accuracy_m": 38.8, "software": "GIMP"}
    texts = [str(m) for m in ec.photo_flag_messages("far_from_patch,facing_away,before_issue,clock_mismatch,poor_accuracy,edited",
                                                     figures, issued_on=date(2026, 3, 2))]  # fmt: skip
    assert texts == [
        "183 m from the patch",
        "Facing away from the patch (150° off)",
        "Taken before the issue date 2026-03-02",
        "Camera clock and GPS time differ by 22 min",
        "GPS error 39 m",
        "Edited with GIMP",
    ]
    case = [str(m) for m in ec.case_flag_messages("too_few_photos,narrow_view", 2, 30.0)]
    assert case == ["Only 2 photos (at least 3)", "Directions of view span only 30° (at least 90°)"]


def test_bad_parameters():
    with pytest.raises(DomainError):
        ec.CheckRules(max_distance=-1)
    with pytest.raises(DomainError):
        ec.CheckRules(view_half_angle=0)


def test_near_pairs_find_what_comparing_every_pair_finds():
    rng = np.random.default_rng(5)
    values = rng.integers(0, 2**63, 3000, dtype=np.int64).astype(np.uint64)
    flips = rng.integers(0, 64, (40, 8))
    copies = values[:40].copy()
    for k, bits in enumerate(flips):  # 40 copies up to 8 bits off their originals
        for bit in bits[: rng.integers(0, 9)]:
            copies[k] ^= np.uint64(1) << np.uint64(int(bit))
    values = np.r_[values, copies]
    i, j, distance = ph.near_pairs(values, ph.SIMILAR_BITS)
    every = ph.hamming(values, values)
    bi, bj = np.nonzero(np.triu(every <= ph.SIMILAR_BITS, 1))
    assert sorted(zip(i.tolist(), j.tolist())) == sorted(zip(bi.tolist(), bj.tolist())) and len(i) >= 40
    assert (distance == every[i, j]).all()
    # Pictures that nearly all look alike: too many candidates to list; the rows are measured instead.
    assert ph.near_pairs(np.zeros(3000, dtype=np.uint64), ph.SIMILAR_BITS) is None
    alike = [photo(f"{k}.jpg", case_id=f"C{k % 3}", sha256=str(k), phash=k % 2) for k in range(3000)]
    results = check(*alike, cases={f"C{k}": CASE for k in range(3)})
    assert all(r.similar_of is not None and not r.similar_of.startswith(f"C{k % 3}:") for k, r in enumerate(results))
