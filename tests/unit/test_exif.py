"""The EXIF reader: every photo of the real corpus, synthetic JPEG and HEIC files, broken files of every kind."""

import io
import json
import struct
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from farmland_grid_plugin.domain.exif import (
    IMAGE_SUFFIXES,
    PhotoError,
    PhotoInfo,
    has_position,
    is_image_path,
    position_problem,
    read_photo,
    unexpected_failure,
)
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.domain.photo_io import (
    CORRUPT_FILE,
    NO_EXIF,
    NO_GPS,
    REASONS,
    UNREADABLE_EXIF,
    UNREADABLE_FILE,
    UNSUPPORTED_FORMAT,
)
from sample_county.county import CountyConfig, generate_county

from ..corpus import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "photos"

UTC = timezone.utc
NIKON = {"make": "NIKON", "model": "COOLPIX P6000", "map_datum": "WGS-84", "altitude": None, "direction": None}

# Expected result for every file of the corpus: a reason code, or the fields a usable photo must have.
# Positions checked against exiftool 12.57 (-n) and by hand from the rational degrees, minutes, seconds.
GPS_PHOTOS = {
    "gps/DSCN0010.jpg": (43.4674483333333, 11.8851266666639, "2008-10-22 16:28:39", "2008-10-23 14:27:07.24"),
    "gps/DSCN0012.jpg": (43.4671566666639, 11.8853949999972, "2008-10-22 16:29:49", "2008-10-23 14:28:17.24"),
    "gps/DSCN0021.jpg": (43.4670816666639, 11.8845383333306, "2008-10-22 16:38:20", "2008-10-23 14:36:47.23"),
    "gps/DSCN0025.jpg": (43.468365, 11.8816349999722, "2008-10-22 16:43:21", "2008-10-23 14:41:49.03"),
    "gps/DSCN0027.jpg": (43.4684416666667, 11.881515, "2008-10-22 16:44:01", "2008-10-23 14:42:29.03"),
    "gps/DSCN0029.jpg": (43.4682433333306, 11.8801716666389, "2008-10-22 16:46:53", "2008-10-23 14:45:20.91"),
    "gps/DSCN0038.jpg": (43.4672549999972, 11.8792133333333, "2008-10-22 16:52:15", "2008-10-23 14:50:40.90"),
    "gps/DSCN0040.jpg": (43.4660116666389, 11.8791116666389, "2008-10-22 16:55:37", "2008-10-23 14:54:00.19"),
    "gps/DSCN0042.jpg": (43.464455, 11.8814783333333, "2008-10-22 17:00:07", "2008-10-23 14:57:41.37"),
}
EXPECTED = {
    **{
        name: dict(NIKON, lat=lat, lon=lon, taken=taken, gps_time_utc=gps, offset=None, orientation=1)
        for name, (lat, lon, taken, gps) in GPS_PHOTOS.items()
    },
    "mobile/HMD_Nokia_8.3_5G.jpg": {
        "lat": 60.1467055555556,
        "lon": 24.9067722222222,
        "altitude": None,
        "direction": 56.0,
        "direction_ref": "M",
        "taken": "2022-08-14 14:12:31",
        "offset": timedelta(hours=3),
        "gps_time_utc": "2022-08-14 11:12:32",
        "make": "HMD Global",
        "model": "Nokia 8.3 5G",
        "orientation": 1,
    },
    "heic/IMG_5195.HEIC": {
        "lat": 39.0513444444444,
        "lon": -94.2887722222222,
        "altitude": 260.5606383,
        "direction": 348.0553285,
        "direction_ref": "M",
        "taken": "2021-04-11 15:47:53",
        "offset": timedelta(hours=-5),
        "gps_time_utc": None,
        "make": "Apple",
        "model": "iPhone 11 Pro Max",
        "orientation": 1,
    },
    "heic/mobile/HMD_Nokia_8.3_5G.heif": {
        "lat": 40.78868522,
        "lon": -4.00514085,
        "altitude": 1942.4216,
        "direction": 93.0,
        "direction_ref": "M",
        "taken": "2022-02-03 14:44:07",  # only DateTime (IFD0): no DateTimeOriginal in these files
        "offset": None,
        "gps_time_utc": "2022-02-03 14:44:09",
        "make": None,
        "model": None,
    },
    "heic/mobile/HMD_Nokia_8.3_5G_hdr.heif": {
        "lat": 40.6629935,
        "lon": -3.76374051,
        "altitude": 940.3186,
        "direction": 82.0,
        "direction_ref": "M",
        "taken": "2022-01-12 07:30:14",
        "offset": None,
        "gps_time_utc": "2022-01-12 07:30:14",
    },
    # Readable EXIF without a position.
    "Canon_40D.jpg": NO_GPS,
    "Nikon_D70.jpg": NO_GPS,
    "PaintTool_sample.jpg": NO_GPS,
    "corrupted.jpg": NO_GPS,  # "corrupted" for other readers (odd value offsets); its EXIF is sound
    "mobile/jolla.jpg": NO_GPS,
    "heic/mobile/iphone_13_pro_max.HEIC": NO_GPS,
    "heic/samplefilehub.heif": NO_GPS,
    **{f"orientation/{kind}_{n}.jpg": NO_GPS for kind in ("landscape", "portrait") for n in range(1, 9)},
    # XMP only (Adobe Fireworks), no EXIF segment at all.
    **{f"invalid/image{n}.jpg": NO_EXIF for n in ("00971", "01088", "01137", "01551", "01713", "01980", "02206")},
}
# Metadata of readable photos without a position, to check more than the reason.
NO_GPS_DETAILS = {
    "Canon_40D.jpg": {"taken": "2008-05-30 15:56:01", "make": "Canon", "model": "Canon EOS 40D"},
    "Nikon_D70.jpg": {"taken": "2008-03-15 09:52:01", "make": "NIKON CORPORATION", "model": "NIKON D70"},
    "corrupted.jpg": {"taken": "2015-09-08 11:02:17", "make": "OLYMPUS IMAGING CORP.", "model": "u1020,S1020"},
    "mobile/jolla.jpg": {"taken": "2014-09-21 16:00:56", "make": "Jolla", "model": "Jolla"},
    "heic/mobile/iphone_13_pro_max.HEIC": {
        "taken": "2022-02-16 12:55:41",
        "offset": timedelta(hours=1),
        "orientation": 6,
        "model": "iPhone 13 Pro Max",
    },
    **{
        f"orientation/{kind}_{n}.jpg": {"orientation": n, "taken": None}
        for kind in ("landscape", "portrait")
        for n in range(1, 9)
    },
}


def corpus_files():
    return sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")


def outcome(path):
    """(reason or None, PhotoInfo or None) of a file, as the importer decides."""
    try:
        info = read_photo(path)
    except PhotoError as exc:
        return exc.reason, None
    problem = position_problem(info, Path(path).name)
    return (problem.reason if problem else None), info


def as_time(text):
    if text is None:
        return None
    return datetime.fromisoformat(text)


def check_fields(info, expected):
    for key, value in expected.items():
        actual = getattr(info, key)
        if key in ("lat", "lon"):
            assert actual == pytest.approx(value, abs=1e-5), key
            assert actual == pytest.approx(value, abs=1e-9), key  # exiftool agrees to its printed digits
        elif key == "taken":
            assert actual == as_time(value), key
        elif key == "gps_time_utc":
            assert actual == (None if value is None else as_time(value).replace(tzinfo=UTC)), key
        elif isinstance(value, float):
            assert actual == pytest.approx(value, abs=1e-6), key
        else:
            assert actual == value, key


def test_every_corpus_file_has_an_expectation():
    files = corpus_files()
    assert len(files) == 43
    assert set(files) == set(EXPECTED), "a corpus file was added or removed: give it an expected result"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name):
    path = CORPUS / name
    started = time.perf_counter()
    reason, info = outcome(path)
    assert time.perf_counter() - started < 1.0
    expected = EXPECTED[name]
    if isinstance(expected, str):
        assert reason == expected
        if reason == NO_GPS:
            check_fields(info, NO_GPS_DETAILS.get(name, {}))
        return
    assert reason is None
    check_fields(info, expected)
    assert has_position(info)


def test_corpus_summary():
    reasons = [outcome(CORPUS / name)[0] for name in corpus_files()]
    assert reasons.count(None) == 13
    assert reasons.count(NO_GPS) == 23
    assert reasons.count(NO_EXIF) == 7


def test_times_in_utc():
    iphone = read_photo(CORPUS / "heic/IMG_5195.HEIC")
    assert iphone.taken_utc == datetime(2021, 4, 11, 20, 47, 53, tzinfo=UTC)  # 15:47:53 at UTC−5
    nokia = read_photo(CORPUS / "mobile/HMD_Nokia_8.3_5G.jpg")
    assert nokia.taken_utc == datetime(2022, 8, 14, 11, 12, 31, tzinfo=UTC)  # camera time less +03:00, not GPS time
    heif = read_photo(CORPUS / "heic/mobile/HMD_Nokia_8.3_5G.heif")
    assert heif.taken_utc == heif.gps_time_utc  # no offset: the GPS clock
    assert read_photo(CORPUS / "Canon_40D.jpg").taken_utc is None


def test_device_names():
    assert read_photo(CORPUS / "Canon_40D.jpg").device == "Canon EOS 40D"
    assert read_photo(CORPUS / "mobile/jolla.jpg").device == "Jolla"
    assert read_photo(CORPUS / "heic/IMG_5195.HEIC").device == "Apple iPhone 11 Pro Max"
    assert read_photo(CORPUS / "heic/samplefilehub.heif").device is None


def test_suffixes():
    assert IMAGE_SUFFIXES == (".jpg", ".jpeg", ".heic", ".heif")
    for name in ("a.jpg", "B.JPEG", "c.HeIc", "d.heif", "/x/y/IMG_1.JPG"):
        assert is_image_path(name)
    for name in ("a.png", "jpg", "a.jpg.txt", "a.tif"):
        assert not is_image_path(name)


# ---- synthetic EXIF ----------------------------------------------------------------------------

BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED, SRATIONAL = 1, 2, 3, 4, 5, 7, 10
_SIZES = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, UNDEFINED: 1, SRATIONAL: 8}


def _encode(order, kind, values):
    if kind == ASCII:
        raw = values.encode() + b"\x00" if isinstance(values, str) else values
        return raw, len(raw)
    if kind in (BYTE, UNDEFINED):
        return bytes(values), len(values)
    if kind in (RATIONAL, SRATIONAL):
        code = "I" if kind == RATIONAL else "i"
        flat = [v for pair in values for v in pair]
        return struct.pack(f"{order}{len(flat)}{code}", *flat), len(values)
    code = "H" if kind == SHORT else "I"
    return struct.pack(f"{order}{len(values)}{code}", *values), len(values)


def build_tiff(ifd0, exif=None, gps=None, order="<", pointers=None, counts=None):
    """A TIFF/EXIF block: IFD0 (with pointers to the Exif and GPS IFDs when given), the IFDs, then their values.

    ``pointers``: {"exif"/"gps": offset} to write instead of the real ones; ``counts``: {tag: count} to write
    instead of the real count (for absurd-count tests).
    """
    ifd0 = dict(ifd0)
    if exif is not None:
        ifd0[0x8769] = (LONG, [0])
    if gps is not None:
        ifd0[0x8825] = (LONG, [0])
    dirs = [ifd0] + [d for d in (exif, gps) if d is not None]
    starts, pos = [], 8
    for d in dirs:
        starts.append(pos)
        pos += 2 + 12 * len(d) + 4
    offsets = {"exif": starts[1] if exif is not None else 0, "gps": starts[-1] if gps is not None else 0}
    offsets.update(pointers or {})
    for name, tag, ifd in (("exif", 0x8769, exif), ("gps", 0x8825, gps)):
        if ifd is not None:
            ifd0[tag] = (LONG, [offsets[name]])
    head = (b"II" if order == "<" else b"MM") + struct.pack(f"{order}HI", 42, 8)
    body, data = b"", b""
    data_start = pos
    for d in dirs:
        body += struct.pack(f"{order}H", len(d))
        for tag in sorted(d):
            kind, values = d[tag]
            raw, count = _encode(order, kind, values)
            count = (counts or {}).get(tag, count)
            if len(raw) <= 4:
                field = raw.ljust(4, b"\x00")
            else:
                field = struct.pack(f"{order}I", data_start + len(data))
                data += raw + (b"\x00" if len(raw) % 2 else b"")
            body += struct.pack(f"{order}HHI", tag, kind, count) + field
        body += struct.pack(f"{order}I", 0)
    return head + body + data


SCAN = b"\xff\xda\x00\x08" + bytes(6) + b"\x12\x34\xff\xd9"  # start of scan, a little "image data", end of image


def jpeg(tiff, prefix=b"Exif\x00\x00", tail=SCAN, app1_length=None):
    """A JPEG with an APP1 EXIF segment after SOI (and a JFIF APP0 before it), then ``tail``."""
    payload = prefix + tiff
    length = len(payload) + 2 if app1_length is None else app1_length
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xe1" + struct.pack(">H", length) + payload + tail


def dms(value):
    """Degrees as EXIF rationals (degrees, minutes, seconds in 1/10000)."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 10000)
    return [(degrees, 1), (minutes, 1), (seconds, 10000)]


def gps_ifd(lat, lon, lat_ref=None, lon_ref=None, altitude=None, altitude_ref=0, direction=None, direction_ref="T"):
    gps = {
        1: (ASCII, lat_ref or ("N" if lat >= 0 else "S")),
        2: (RATIONAL, dms(lat)),
        3: (ASCII, lon_ref or ("E" if lon >= 0 else "W")),
        4: (RATIONAL, dms(lon)),
    }
    if altitude is not None:
        gps[5] = (BYTE, [altitude_ref])
        gps[6] = (RATIONAL, [(round(abs(altitude) * 100), 100)])
    if direction is not None:
        gps[16] = (ASCII, direction_ref)
        gps[17] = (RATIONAL, [(round(direction * 100), 100)])
    return gps


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_bytes(tmp_path, data, name="photo.jpg"):
    return read_photo(write(tmp_path, name, data))


def reason_of(tmp_path, data, name="photo.jpg"):
    with pytest.raises(PhotoError) as caught:
        read_bytes(tmp_path, data, name)
    assert caught.value.reason in REASONS
    assert name in str(caught.value)
    assert isinstance(caught.value, DomainError)
    return caught.value.reason


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize(
    "lat, lon, lat_ref, lon_ref",
    [
        (38.30064418, 117.20038124, "N", "E"),
        (-33.856784, 151.215297, "S", "E"),
        (40.689247, -74.044502, "N", "W"),
        (-22.951916, -43.210487, "S", "W"),
    ],
)
def test_hemispheres(tmp_path, order, lat, lon, lat_ref, lon_ref):
    tiff = build_tiff({0x010F: (ASCII, "HUAWEI"), 0x0110: (ASCII, "ALN-AL00")}, gps=gps_ifd(lat, lon), order=order)
    info = read_bytes(tmp_path, jpeg(tiff))
    assert info.lat == pytest.approx(lat, abs=1e-7) and info.lon == pytest.approx(lon, abs=1e-7)
    assert (info.lat < 0, info.lon < 0) == (lat_ref == "S", lon_ref == "W")
    assert info.device == "HUAWEI ALN-AL00" and has_position(info)


def test_lower_case_refs_and_negative_srational(tmp_path):
    gps = {1: (ASCII, "s"), 2: (SRATIONAL, [(-33, 1), (30, 1), (0, 1)]), 3: (ASCII, "w"), 4: (RATIONAL, [(7050, 100)])}
    info = read_bytes(tmp_path, jpeg(build_tiff({}, gps=gps)))
    # A negative value with a south reference is not turned north again; one rational holds decimal degrees.
    assert info.lat == pytest.approx(-33.5) and info.lon == pytest.approx(-70.5)


def test_altitude_direction_time_and_camera(tmp_path):
    exif = {
        0x9003: (ASCII, "2025:06:01 09:30:15"),
        0x9004: (ASCII, "2025:06:01 09:30:16"),
        0x9011: (ASCII, "+08:00"),
        0xA002: (LONG, [4000]),
        0xA003: (LONG, [3000]),
    }
    gps = gps_ifd(30.5, 114.3, altitude=-12.5, altitude_ref=1, direction=271.25, direction_ref="M")
    gps[7] = (RATIONAL, [(1, 1), (30, 1), (1650, 100)])
    gps[18] = (ASCII, "WGS-84   ")
    gps[29] = (ASCII, "2025:06:01")
    ifd0 = {
        0x010F: (ASCII, "  Xiaomi  "),
        0x0110: (ASCII, "23127PN0CC"),
        0x0112: (SHORT, [6]),
        0x0132: (ASCII, "2025:06:02 00:00:00"),
    }
    info = read_bytes(tmp_path, jpeg(build_tiff(ifd0, exif, gps, order=">")))
    assert info.altitude == pytest.approx(-12.5)
    assert info.direction == pytest.approx(271.25) and info.direction_ref == "M"
    assert info.taken == datetime(2025, 6, 1, 9, 30, 15)
    assert info.offset == timedelta(hours=8)
    assert info.taken_utc == datetime(2025, 6, 1, 1, 30, 15, tzinfo=UTC)
    assert info.gps_time_utc == datetime(2025, 6, 1, 1, 30, 16, 500000, tzinfo=UTC)
    assert (info.make, info.model, info.orientation) == ("Xiaomi", "23127PN0CC", 6)
    assert (info.width, info.height) == (4000, 3000)
    assert info.map_datum == "WGS-84"


def test_altitude_above_sea_level_and_missing_values(tmp_path):
    gps = gps_ifd(30.5, 114.3, altitude=45.2, altitude_ref=0)
    info = read_bytes(tmp_path, jpeg(build_tiff({}, gps=gps)))
    assert info.altitude == pytest.approx(45.2)
    assert info.direction is None and info.direction_ref is None
    assert info.taken is None and info.offset is None and info.gps_time_utc is None and info.taken_utc is None
    assert (info.make, info.model, info.orientation, info.map_datum) == (None, None, 1, None)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation(tmp_path, orientation):
    info = read_bytes(tmp_path, jpeg(build_tiff({0x0112: (SHORT, [orientation])})))
    assert info.orientation == orientation


@pytest.mark.parametrize("value", [0, 9, 300])
def test_orientation_out_of_range_is_the_default(tmp_path, value):
    assert read_bytes(tmp_path, jpeg(build_tiff({0x0112: (SHORT, [value])}))).orientation == 1


def test_time_fallbacks(tmp_path):
    blank = (ASCII, "    :  :     :  :  ")
    exif = {0x9003: blank, 0x9004: (ASCII, "2024:02:30 10:00:00"), 0x9010: (ASCII, "-0530")}  # 30 February
    info = read_bytes(tmp_path, jpeg(build_tiff({0x0132: (ASCII, "2024-03-01 08:00:00")}, exif)))
    assert info.taken == datetime(2024, 3, 1, 8, 0) and info.offset == -timedelta(hours=5, minutes=30)
    exif = {0x9003: (ASCII, "2024:03:01 08:00:00"), 0x9011: (ASCII, "+99:00")}
    assert read_bytes(tmp_path, jpeg(build_tiff({}, exif))).offset is None


def test_zero_denominators_are_missing(tmp_path):
    gps = gps_ifd(30.5, 114.3, altitude=10, direction=90)
    gps[2] = (RATIONAL, [(30, 1), (30, 0), (0, 1)])
    gps[6] = (RATIONAL, [(10, 0)])
    gps[17] = (RATIONAL, [(0, 0)])
    info = read_bytes(tmp_path, jpeg(build_tiff({}, gps=gps)))
    assert info.lat is None and info.lon == pytest.approx(114.3)
    assert info.altitude is None and info.direction is None
    assert position_problem(info, "photo.jpg").reason == NO_GPS


def test_unusable_positions():
    assert position_problem(PhotoInfo(lat=30.0, lon=114.0), "a.jpg") is None
    for info in (PhotoInfo(), PhotoInfo(lat=30.0), PhotoInfo(lat=0.0, lon=0.0), PhotoInfo(lat=95.0, lon=10.0)):
        problem = position_problem(info, "a.jpg")
        assert problem.reason == NO_GPS and "a.jpg" in str(problem)
        assert not has_position(info)
    assert "0°, 0°" in str(position_problem(PhotoInfo(lat=0.0, lon=0.0), "a.jpg"))
    assert "181" in str(position_problem(PhotoInfo(lat=10.0, lon=181.0), "a.jpg"))
    assert has_position(PhotoInfo(lat=0.0, lon=10.0))  # the equator is a real place


def test_exif_after_other_segments_and_fill_bytes(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(25.0, 102.7))
    app2 = b"\xff\xe2" + struct.pack(">H", 1002) + bytes(1000)
    data = b"\xff\xd8" + app2 + b"\xff\xff\xff" + jpeg(tiff)[2:]
    assert read_bytes(tmp_path, data).lat == pytest.approx(25.0)


def test_pillow_written_exif(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "OPPO"
    exif[0x0110] = "PHZ110"
    exif[0x0112] = 3
    exif[0x8825] = {1: "S", 2: (12.0, 30.0, 36.0), 3: "W", 4: (77.0, 1.0, 48.0), 5: b"\x01", 6: 5.5, 16: "T", 17: 12.34}
    path = tmp_path / "pillow.jpg"
    Image.new("RGB", (64, 48), (90, 140, 60)).save(path, "JPEG", exif=exif)
    info = read_photo(path)
    assert info.lat == pytest.approx(-12.51) and info.lon == pytest.approx(-77.03)
    assert info.altitude == pytest.approx(-5.5) and info.direction == pytest.approx(12.34)
    assert (info.direction_ref, info.orientation, info.width, info.height) == ("T", 3, 64, 48)


def test_sample_county_photos(tmp_path):
    county = generate_county(tmp_path, CountyConfig(townships=2, villages=2, groups=2, parcels=200, photos=6, track_weeks=1))
    manifest = json.loads((county.photo_dir / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 6
    for entry in manifest:
        info = read_photo(county.photo_dir / entry["file"])
        assert info.lat == pytest.approx(entry["lat"], abs=1e-7) and info.lon == pytest.approx(entry["lon"], abs=1e-7)
        assert info.altitude == pytest.approx(entry["altitude"]) and info.direction == pytest.approx(entry["direction"])
        assert info.direction_ref == "T"
        taken = datetime.fromisoformat(entry["time"])
        assert info.taken == taken.replace(tzinfo=None) and info.offset == timedelta(hours=8)
        assert info.taken_utc == taken.astimezone(UTC) == info.gps_time_utc
        assert info.device and position_problem(info, entry["file"]) is None


# ---- broken files ------------------------------------------------------------------------------


def test_not_a_photo(tmp_path):
    assert reason_of(tmp_path, b"just some text, not an image\n", "note.heic") == UNSUPPORTED_FORMAT
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    assert reason_of(tmp_path, png.getvalue(), "renamed.jpg") == UNSUPPORTED_FORMAT
    assert reason_of(tmp_path, b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "video.heic") == UNSUPPORTED_FORMAT


def test_empty_and_cut_files(tmp_path):
    assert reason_of(tmp_path, b"", "empty.jpg") == CORRUPT_FILE
    assert "empty" in str(pytest.raises(PhotoError, read_photo, write(tmp_path, "e.jpg", b"")).value)
    assert reason_of(tmp_path, b"\xff\xd8") == CORRUPT_FILE
    assert reason_of(tmp_path, b"\xff\xd8\xff\xe0\x00") == CORRUPT_FILE
    assert reason_of(tmp_path, b"\xff\xd8\x00\x00garbage") == CORRUPT_FILE


def test_truncated_app1_is_a_corrupt_file(tmp_path):
    data = jpeg(build_tiff({}, gps=gps_ifd(30.0, 114.0)))
    assert reason_of(tmp_path, data[:40]) == CORRUPT_FILE  # the file ends inside the EXIF segment
    tiff = build_tiff({}, gps=gps_ifd(30.0, 114.0))
    assert reason_of(tmp_path, jpeg(tiff, app1_length=len(tiff) + 5000)) == CORRUPT_FILE  # length past the end
    assert reason_of(tmp_path, jpeg(tiff, app1_length=1)) == CORRUPT_FILE  # impossible length
    assert reason_of(tmp_path, jpeg(tiff, tail=b"")) == CORRUPT_FILE  # cut after the EXIF: no image data at all
    assert reason_of(tmp_path, jpeg(tiff, tail=b"\xff\xd9")) == CORRUPT_FILE  # end of image without image data
    assert reason_of(tmp_path, jpeg(tiff, tail=b"\x00\x00" + SCAN)) == CORRUPT_FILE  # garbage between segments


def test_exif_cut_inside_its_segment_is_unreadable(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(30.0, 114.0))
    assert reason_of(tmp_path, jpeg(tiff[:30])) == UNREADABLE_EXIF  # IFD entries past the segment end
    assert reason_of(tmp_path, jpeg(tiff[:60])) == UNREADABLE_EXIF  # the GPS IFD lies past the end


def test_no_exif_segment(tmp_path):
    plain = io.BytesIO()
    Image.new("RGB", (16, 16)).save(plain, "JPEG")
    assert reason_of(tmp_path, plain.getvalue()) == NO_EXIF
    xmp_only = jpeg(b"<x:xmpmeta/>", prefix=b"http://ns.adobe.com/xap/1.0/\x00")
    assert reason_of(tmp_path, xmp_only) == NO_EXIF
    assert reason_of(tmp_path, b"\xff\xd8\xff\xd9") == CORRUPT_FILE  # start and end, nothing between


def test_bad_byte_order_and_header(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(30.0, 114.0))
    assert reason_of(tmp_path, jpeg(b"XX" + tiff[2:])) == UNREADABLE_EXIF
    assert reason_of(tmp_path, jpeg(tiff[:2] + b"\x2b\x00" + tiff[4:])) == UNREADABLE_EXIF
    assert reason_of(tmp_path, jpeg(b"II*")) == UNREADABLE_EXIF


def test_ifd_loops(tmp_path):
    gps = gps_ifd(30.0, 114.0)
    assert reason_of(tmp_path, jpeg(build_tiff({}, {}, gps, pointers={"exif": 8}))) == UNREADABLE_EXIF  # Exif IFD = IFD0
    tiff = build_tiff({}, {0x9003: (ASCII, "2024:01:01 00:00:00")}, gps)
    exif_start = 8 + 2 + 12 * 2 + 4
    looped = build_tiff({}, {0x9003: (ASCII, "2024:01:01 00:00:00")}, gps, pointers={"gps": exif_start})
    assert read_bytes(tmp_path, jpeg(tiff)).lat == pytest.approx(30.0)
    assert reason_of(tmp_path, jpeg(looped)) == UNREADABLE_EXIF  # GPS IFD = Exif IFD


def test_offsets_beyond_the_end(tmp_path):
    gps = gps_ifd(30.0, 114.0)
    assert reason_of(tmp_path, jpeg(build_tiff({}, gps=gps, pointers={"gps": 10**6}))) == UNREADABLE_EXIF
    assert reason_of(tmp_path, jpeg(build_tiff({}, gps=gps, pointers={"gps": 3}))) == UNREADABLE_EXIF
    tiff = build_tiff({}, gps=gps)
    assert reason_of(tmp_path, jpeg(tiff[:4] + struct.pack("<I", 10**7) + tiff[8:])) == UNREADABLE_EXIF  # IFD0


def test_absurd_counts(tmp_path):
    gps = gps_ifd(30.0, 114.0)
    assert reason_of(tmp_path, jpeg(build_tiff({}, gps=gps, counts={2: 0x7FFFFFFF}))) == UNREADABLE_EXIF
    tiff = bytearray(build_tiff({}, gps=gps))
    tiff[8:10] = struct.pack("<H", 0xFFFF)  # 65535 entries in IFD0
    assert reason_of(tmp_path, jpeg(bytes(tiff))) == UNREADABLE_EXIF


def test_unknown_types_and_unused_bad_tags_are_ignored(tmp_path):
    ifd0 = {0x010E: (ASCII, "description " * 10)}
    tiff = bytearray(build_tiff(ifd0, gps=gps_ifd(30.0, 114.0)))
    # Point the description (a tag the reader does not use) far outside: the position is still read.
    entry = 10 + 12 * sorted([0x010E, 0x8825]).index(0x010E)
    tiff[entry + 8 : entry + 12] = struct.pack("<I", 10**6)
    assert read_bytes(tmp_path, jpeg(bytes(tiff))).lat == pytest.approx(30.0)
    tiff[entry + 2 : entry + 4] = struct.pack("<H", 99)  # unknown type
    assert read_bytes(tmp_path, jpeg(bytes(tiff))).lon == pytest.approx(114.0)


def test_os_errors_become_photo_errors(tmp_path):
    with pytest.raises(PhotoError) as caught:
        read_photo(tmp_path / "missing.jpg")
    assert caught.value.reason == UNREADABLE_FILE and "missing.jpg" in str(caught.value)
    folder = tmp_path / "folder.jpg"
    folder.mkdir()
    assert pytest.raises(PhotoError, read_photo, folder).value.reason == UNREADABLE_FILE
    failure = unexpected_failure("x.jpg", RuntimeError("boom"))
    assert failure.reason == CORRUPT_FILE and "x.jpg" in str(failure) and "boom" in str(failure)


# ---- synthetic HEIC ----------------------------------------------------------------------------


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind, version, payload, flags=0):
    return box(kind, struct.pack(">I", (version << 24) | flags) + payload)


def heic(exif_payload, iloc_version=1, method=0, brands=(b"heic", b"mif1"), exif_type=b"Exif", two_exif=False):
    """A minimal HEIC: ftyp, meta (hdlr, pitm, iinf, iref, iloc, idat), mdat holding an image item and the Exif item."""
    image = b"\x00\x00\x00\x10not really HEVC"
    ftyp = box(b"ftyp", brands[0] + b"\x00\x00\x00\x00" + b"".join(brands))
    infe = [full_box(b"infe", 2, struct.pack(">HH", 1, 0) + b"hvc1" + b"\x00")]
    infe.append(full_box(b"infe", 2, struct.pack(">HH", 2, 0) + exif_type + b"\x00"))
    if two_exif:  # an Exif item of a thumbnail first, pointing to garbage, and the primary's Exif last
        infe.insert(0, full_box(b"infe", 2, struct.pack(">HH", 3, 0) + b"Exif" + b"\x00"))
    iinf = full_box(b"iinf", 0, struct.pack(">H", len(infe)) + b"".join(infe))
    iref = full_box(b"iref", 0, box(b"cdsc", struct.pack(">HHH", 2, 1, 1)) + box(b"thmb", struct.pack(">HHH", 3, 1, 1)))
    hdlr = full_box(b"hdlr", 0, b"\x00\x00\x00\x00pict" + bytes(12) + b"\x00")
    pitm = full_box(b"pitm", 0, struct.pack(">H", 1))
    idat = box(b"idat", exif_payload) if method == 1 else b""

    def iloc(base):
        id_size = 2 if iloc_version < 2 else 4
        items = [(1, 0, base, len(image)), (2, method, 0 if method == 1 else base + len(image), len(exif_payload))]
        if two_exif:
            items.append((3, 0, base, 4))
        body = struct.pack(">H", (4 << 12) | (4 << 8) | (0 << 4) | (0 if iloc_version == 0 else 4))
        body += len(items).to_bytes(id_size, "big")
        for item_id, construction, offset, length in items:
            body += item_id.to_bytes(id_size, "big")
            if iloc_version:
                body += struct.pack(">H", construction)
            body += struct.pack(">H", 0)  # data reference: this file
            body += struct.pack(">H", 1)  # one extent
            if iloc_version:
                body += struct.pack(">I", 0)  # extent index (index_size 4)
            body += struct.pack(">II", offset, length)
        return full_box(b"iloc", iloc_version, body)

    def meta(base):
        return full_box(b"meta", 0, hdlr + pitm + iloc(base) + iinf + iref + idat)

    header_length = len(ftyp) + len(meta(0)) + 8
    mdat_data = image + (exif_payload if method == 0 else b"")
    return ftyp + meta(header_length) + box(b"mdat", mdat_data)


def exif_item(tiff, offset_field=True, prefix=b"Exif\x00\x00"):
    return (struct.pack(">I", len(prefix)) if offset_field else b"") + prefix + tiff


@pytest.mark.parametrize("iloc_version", [0, 1, 2])
def test_heic_item_location_versions(tmp_path, iloc_version):
    tiff = build_tiff({0x010F: (ASCII, "Apple")}, gps=gps_ifd(31.2, 121.5, altitude=4.0, direction=180.0), order=">")
    info = read_bytes(tmp_path, heic(exif_item(tiff), iloc_version=iloc_version), "IMG_0001.HEIC")
    assert info.lat == pytest.approx(31.2) and info.lon == pytest.approx(121.5)
    assert info.altitude == pytest.approx(4.0) and info.direction == pytest.approx(180.0) and info.make == "Apple"


@pytest.mark.parametrize(
    "payload",
    [
        lambda t: exif_item(t),  # offset field 6, then Exif\0\0
        lambda t: exif_item(t, prefix=b""),  # offset field 0, TIFF right after it
        lambda t: exif_item(t, offset_field=False),  # Exif\0\0 without the offset field
        lambda t: struct.pack(">I", 99) + b"Exif\x00\x00" + t,  # a wrong offset field
    ],
)
def test_heic_exif_item_variants(tmp_path, payload):
    tiff = build_tiff({}, gps=gps_ifd(-8.65, 115.2))
    info = read_bytes(tmp_path, heic(payload(tiff)), "x.heif")
    assert (info.lat, info.lon) == (pytest.approx(-8.65), pytest.approx(115.2))


def test_heic_exif_in_item_data_box_and_primary_choice(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(22.5, 114.0))
    assert read_bytes(tmp_path, heic(exif_item(tiff), method=1), "idat.heic").lat == pytest.approx(22.5)
    assert read_bytes(tmp_path, heic(exif_item(tiff), two_exif=True), "two.heic").lat == pytest.approx(22.5)


def test_heic_brands(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(22.5, 114.0))
    for brands in ((b"mif1", b"heic"), (b"msf1", b"hevc"), (b"heix", b"mif1"), (b"heim",), (b"mif1",)):
        assert read_bytes(tmp_path, heic(exif_item(tiff), brands=brands), "b.heic").lat == pytest.approx(22.5)
    assert reason_of(tmp_path, heic(exif_item(tiff), brands=(b"mp41", b"isom")), "b.heic") == UNSUPPORTED_FORMAT


def test_heic_without_exif_and_broken(tmp_path):
    tiff = build_tiff({}, gps=gps_ifd(22.5, 114.0))
    data = heic(exif_item(tiff))
    assert reason_of(tmp_path, heic(exif_item(tiff), exif_type=b"mime"), "n.heic") == NO_EXIF
    assert reason_of(tmp_path, data[:60], "cut.heic") == CORRUPT_FILE  # cut inside meta
    assert reason_of(tmp_path, data[: len(data) - 20], "cut.heic") == CORRUPT_FILE  # the Exif item is cut off
    assert reason_of(tmp_path, data[:24], "ftyp.heic") == CORRUPT_FILE  # ftyp only: no meta box
    assert reason_of(tmp_path, heic(exif_item(b"XX" + tiff[2:])), "bad.heic") == UNREADABLE_EXIF
    assert reason_of(tmp_path, heic(b"\x00\x00\x00\x00garbage"), "bad.heic") == UNREADABLE_EXIF
    huge = bytearray(data)
    huge[24:28] = struct.pack(">I", 0x7FFFFFF0)  # meta box size beyond the file
    assert reason_of(tmp_path, bytes(huge), "huge.heic") == CORRUPT_FILE


# ---- fuzzing: whatever the damage, a PhotoInfo or a PhotoError, fast --------------------------


def mutations(data, rng, count, region):
    yield data[:0]
    for cut in sorted(set(rng.integers(1, len(data), size=count // 4).tolist())):
        yield data[:cut]
    for _ in range(count):
        damaged = bytearray(data)
        for _ in range(int(rng.integers(1, 8))):
            position = int(rng.integers(0, min(region, len(data))))
            damaged[position] = int(rng.integers(0, 256))
        yield bytes(damaged)


@pytest.mark.parametrize(
    "source",
    [
        "gps/DSCN0010.jpg",
        "mobile/HMD_Nokia_8.3_5G.jpg",
        "heic/IMG_5195.HEIC",
        "heic/mobile/HMD_Nokia_8.3_5G_hdr.heif",
        "synthetic",
    ],
)
def test_damaged_files_never_crash_or_hang(tmp_path, source):
    rng = np.random.default_rng(20261123)
    if source == "synthetic":
        data = heic(exif_item(build_tiff({0x010F: (ASCII, "Apple")}, {0x9003: (ASCII, "2024:01:01 00:00:00")}, gps_ifd(30, 114))))
        region = len(data)
    else:
        data = (CORPUS / source).read_bytes()
        region = 4096 if source.endswith(".jpg") else 8192
        if not source.endswith(".jpg"):  # keep the HEIC structure and its Exif item, drop the image data
            data = data[: 2 * 1024 * 1024]
    path = tmp_path / ("f" + Path(source).suffix)
    started = time.perf_counter()
    outcomes = set()
    for damaged in mutations(data, rng, 300, region):
        path.write_bytes(damaged)
        try:
            read_photo(path)
            outcomes.add("ok")
        except PhotoError as exc:
            assert exc.reason in REASONS
            outcomes.add(exc.reason)
    assert time.perf_counter() - started < 30
    assert "ok" in outcomes and len(outcomes) > 1


def test_large_jpeg_is_not_read_whole(tmp_path):
    data = jpeg(build_tiff({}, gps=gps_ifd(30.0, 114.0)), tail=b"\xff\xda" + bytes(50 * 1024 * 1024))
    path = write(tmp_path, "big.jpg", data)
    started = time.perf_counter()
    assert read_photo(path).lat == pytest.approx(30.0)
    assert time.perf_counter() - started < 0.5
    # Past the first 256 KiB nobody looks for EXIF.
    late = b"\xff\xd8" + (b"\xff\xe2" + struct.pack(">H", 65002) + bytes(65000)) * 5 + jpeg(build_tiff({}))[2:]
    assert reason_of(tmp_path, late) == NO_EXIF
