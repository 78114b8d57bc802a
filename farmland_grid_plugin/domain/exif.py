"""Photo metadata (EXIF) of JPEG and HEIC/HEIF files: time, GPS position, direction, camera.

Pure Python without dependencies, written for field photos that reach the county office in every
state: copied half-way, edited, renamed, stripped of metadata. The reader never trusts a length
or an offset in the file: every one is checked against the data actually there, directory loops
are detected, counts are capped, and only the start of a JPEG (or the boxes a HEIC needs) is read.
Bad input raises PhotoError, whose ``reason`` is one of the codes of ``photo_io.REASONS`` and whose
message names the file and says what is wrong; nothing else is raised for a bad file.

The containers only hand over the TIFF structure (IFD0, the Exif sub-IFD and the GPS IFD): ``jpeg``
finds it in the APP1 segment, ``heic`` in the Exif item; this module decodes it.
"""

import io
import math
import os
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Union

from .heic import heif_exif
from .jpeg import jpeg_exif
from .messages import QT_TR_NOOP, DomainError
from .photo_io import (
    CORRUPT_FILE,
    NO_EXIF,
    NO_GPS,
    UNREADABLE_EXIF,
    UNREADABLE_FILE,
    UNSUPPORTED_FORMAT,
    Failure,
    PhotoFile,
    bad_exif,
)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".heic", ".heif")
MAX_IFD_ENTRIES = 1000  # real IFDs have a few dozen entries; more means the offset is wrong

_MESSAGES = {
    UNSUPPORTED_FORMAT: QT_TR_NOOP("{file} is not a JPEG or HEIC/HEIF photo (its content is of another type)"),
    CORRUPT_FILE: QT_TR_NOOP("{file} is damaged or incomplete (cut off while copying?): its image structure cannot be read"),
    NO_EXIF: QT_TR_NOOP("{file} has no EXIF metadata: the camera recorded none, or an editing program removed it"),
    UNREADABLE_EXIF: QT_TR_NOOP("The EXIF metadata of {file} is damaged and cannot be read"),
    NO_GPS: QT_TR_NOOP("{file} has no GPS position: location was off or had no fix when the photo was taken"),
}
_EMPTY = QT_TR_NOOP("{file} is empty (0 bytes)")
_CANNOT_READ = QT_TR_NOOP("{file} cannot be read: {error}")
_ZERO_POSITION = QT_TR_NOOP("{file} has the GPS position 0°, 0°, which cameras write when they have no fix")
_IMPOSSIBLE_POSITION = QT_TR_NOOP("{file} has an impossible GPS position: latitude {lat}, longitude {lon}")


class PhotoError(DomainError):
    """A photo that cannot be used. ``reason``: one of REASONS; ``detail``: technical English text for logs."""

    def __init__(self, reason, template, detail="", **params):
        super().__init__(template, **params)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class PhotoInfo:
    """What a photo's EXIF says. Times: ``taken`` as the camera clock showed it (naive, local);
    ``offset`` its UTC offset where recorded; ``gps_time_utc`` the GPS receiver's UTC time.
    Position in signed decimal degrees (south and west negative) in the datum of ``map_datum``
    (normally WGS 84); altitude in metres above sea level; direction in degrees clockwise from
    true (``T``) or magnetic (``M``) north."""

    taken: Optional[datetime] = None
    offset: Optional[timedelta] = None
    gps_time_utc: Optional[datetime] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    altitude: Optional[float] = None
    direction: Optional[float] = None
    direction_ref: Optional[str] = None
    make: Optional[str] = None
    model: Optional[str] = None
    orientation: int = 1
    width: Optional[int] = None
    height: Optional[int] = None
    map_datum: Optional[str] = None
    software: Optional[str] = None  # the Software tag: the camera firmware, or the program that last wrote the file
    accuracy_m: Optional[float] = None  # GPSHPositioningError: horizontal error of the position (m)

    @property
    def taken_utc(self) -> Optional[datetime]:
        """UTC time of the photo: local time less its offset, else the GPS time; None when neither is known."""
        if self.taken is not None and self.offset is not None:
            return (self.taken - self.offset).replace(tzinfo=timezone.utc)
        return self.gps_time_utc

    @property
    def device(self) -> Optional[str]:
        """Make and model as one name, without repeating the make ("Canon Canon EOS 40D" → "Canon EOS 40D")."""
        make, model = self.make or "", self.model or ""
        if make and model.lower().startswith(make.lower()):
            return model
        return " ".join(p for p in (make, model) if p) or None


def is_image_path(path: Union[str, os.PathLike]) -> bool:
    """True when the file name ends with one of IMAGE_SUFFIXES, in any case."""
    return os.path.splitext(str(path))[1].lower() in IMAGE_SUFFIXES


def position_problem(info: PhotoInfo, file: str) -> Optional[PhotoError]:
    """None when ``info`` has a usable GPS position, else a PhotoError (reason NO_GPS) saying why; not raised."""
    lat, lon = info.lat, info.lon
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return PhotoError(NO_GPS, _MESSAGES[NO_GPS], file=file)
    if lat == 0 and lon == 0:
        return PhotoError(NO_GPS, _ZERO_POSITION, file=file)
    if abs(lat) > 90 or abs(lon) > 180:
        return PhotoError(NO_GPS, _IMPOSSIBLE_POSITION, file=file, lat=f"{lat:.6f}", lon=f"{lon:.6f}")
    return None


def has_position(info: PhotoInfo) -> bool:
    """True when ``info`` has a usable GPS position."""
    return position_problem(info, "") is None


def unexpected_failure(file: str, exc: BaseException) -> PhotoError:
    """A PhotoError for an error the reader did not foresee (an OSError is ``unreadable_file``, else ``corrupt_file``)."""
    if isinstance(exc, PhotoError):
        return exc
    reason = UNREADABLE_FILE if isinstance(exc, OSError) else CORRUPT_FILE
    error = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return PhotoError(reason, _CANNOT_READ, detail=repr(exc), file=file, error=error)


def read_photo(path: Union[str, os.PathLike], data: Optional[bytes] = None) -> PhotoInfo:
    """PhotoInfo of a JPEG or HEIC/HEIF file; PhotoError when it is no such photo or its EXIF cannot be read.

    ``data``: the file's content where the caller has read it already (the evidence checks hash it too)."""
    file = os.path.basename(str(path))
    try:
        if data is not None:
            return _read(PhotoFile(io.BytesIO(data), len(data)))
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            return _read(PhotoFile(stream, size))
    except Failure as failure:
        template = _EMPTY if failure.empty else _MESSAGES[failure.reason]
        raise PhotoError(failure.reason, template, detail=failure.detail, file=file) from None
    except OSError as exc:
        raise unexpected_failure(file, exc) from None


def _read(file):
    if file.size == 0:
        raise Failure(CORRUPT_FILE, "empty file", empty=True)
    head = file.read(0, min(file.size, 64))
    if head[:2] == b"\xff\xd8":
        return _parse_tiff(*jpeg_exif(file))
    if head[4:8] == b"ftyp":
        return _parse_tiff(heif_exif(file))
    raise Failure(UNSUPPORTED_FORMAT, f"unknown signature {head[:12].hex()}")


# ---- TIFF / EXIF -------------------------------------------------------------------------------

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INT_CODES = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 13: "I", 11: "f", 12: "d"}

EXIF_IFD_POINTER, GPS_IFD_POINTER = 0x8769, 0x8825
MAKE, MODEL, ORIENTATION, SOFTWARE, DATE_TIME = 0x010F, 0x0110, 0x0112, 0x0131, 0x0132
DATE_TIME_ORIGINAL, DATE_TIME_DIGITIZED = 0x9003, 0x9004
OFFSET_TIME, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED = 0x9010, 0x9011, 0x9012
PIXEL_X, PIXEL_Y = 0xA002, 0xA003
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON, GPS_ALT_REF, GPS_ALT, GPS_TIME = 1, 2, 3, 4, 5, 6, 7
GPS_DIRECTION_REF, GPS_DIRECTION, GPS_MAP_DATUM, GPS_DATE, GPS_H_ERROR = 16, 17, 18, 29, 31


class _Tiff:
    """The TIFF structure of an EXIF block, with bounds-checked reads."""

    def __init__(self, data):
        if len(data) < 8:
            raise bad_exif("EXIF block shorter than its header")
        if data[:2] == b"II":
            self.order = "<"
        elif data[:2] == b"MM":
            self.order = ">"
        else:
            raise bad_exif(f"byte order {data[:2]!r}")
        self.data = data
        if self.unpack("H", 2)[0] != 42:
            raise bad_exif("not a TIFF header")
        self.visited = set()

    def unpack(self, codes, offset):
        size = struct.calcsize(self.order + codes)
        if offset < 0 or offset + size > len(self.data):
            raise bad_exif(f"{size} bytes at {offset} beyond the EXIF block of {len(self.data)} bytes")
        return struct.unpack_from(self.order + codes, self.data, offset)

    def ifd(self, offset):
        """tag → (type, count, offset of the value) of the directory at ``offset``; first entry of a tag wins."""
        if offset in self.visited:
            raise bad_exif(f"directory loop at {offset}")
        self.visited.add(offset)
        if offset < 8:
            raise bad_exif(f"directory offset {offset} inside the header")
        count = self.unpack("H", offset)[0]
        if count > MAX_IFD_ENTRIES:
            raise bad_exif(f"directory of {count} entries")
        entries = {}
        for n in range(count):
            pos = offset + 2 + 12 * n
            tag, kind, number = self.unpack("HHI", pos)
            size = _TYPE_SIZES.get(kind)
            if size is None:
                continue  # unknown types are skipped, as the TIFF specification asks readers to do
            where = pos + 8 if size * number <= 4 else self.unpack("I", pos + 8)[0]
            entries.setdefault(tag, (kind, number, where))
        return entries

    def value(self, entry):
        """Decoded value: str (ASCII), bytes (BYTE, UNDEFINED), tuple of numbers, or tuple of (num, den)."""
        if entry is None:
            return None
        kind, number, where = entry
        length = _TYPE_SIZES[kind] * number
        if where < 0 or where + length > len(self.data):
            raise bad_exif(f"value of {length} bytes at {where} beyond the EXIF block")
        raw = self.data[where : where + length]
        if kind == 2:
            return _text(raw)
        if kind in (1, 7):
            return raw
        if kind in (5, 10):
            code = "I" if kind == 5 else "i"
            flat = struct.unpack(f"{self.order}{2 * number}{code}", raw)
            return tuple(zip(flat[0::2], flat[1::2]))
        return struct.unpack(f"{self.order}{number}{_INT_CODES[kind]}", raw)

    def pointer(self, entries, tag):
        """Offset of a sub-directory, None when absent or zero."""
        entry = entries.get(tag)
        if entry is None or entry[0] not in (4, 9, 13) or entry[1] < 1:
            return None
        offset = self.value(entry)[0]
        return offset or None


def _text(raw):
    """ASCII value up to its first NUL, stripped; None when empty. Non-ASCII bytes are read as UTF-8 where possible."""
    raw = raw.split(b"\x00", 1)[0]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.strip() or None


def _string(tiff, entries, tag):
    value = tiff.value(entries.get(tag))
    if isinstance(value, bytes):  # some writers store text as UNDEFINED (e.g. GPSDateStamp)
        value = _text(value)
    return value if isinstance(value, str) else None


def _numbers(tiff, entries, tag):
    """Float components of a numeric tag; None when absent, not numeric or with a zero denominator."""
    value = tiff.value(entries.get(tag))
    if not isinstance(value, tuple) or not value:
        return None
    out = []
    for item in value:
        if isinstance(item, tuple):
            numerator, denominator = item
            if denominator == 0:
                return None
            out.append(numerator / denominator)
        else:
            out.append(float(item))
    return out if all(math.isfinite(v) for v in out) else None


def _datetime(text):
    """'YYYY:MM:DD HH:MM:SS' (also with '-' or '/' in the date or 'T' between) as a naive datetime; None if not."""
    if not text or len(text) < 19:
        return None
    date_part, time_part = text[:10], text[11:19]
    for sep in "-/":
        date_part = date_part.replace(sep, ":")
    try:
        return datetime.strptime(f"{date_part} {time_part}", "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _offset(text):
    """'+08:00', '-0500' or 'Z' as a timedelta; None when absent or implausible."""
    if not text:
        return None
    if text in ("Z", "z"):
        return timedelta(0)
    sign = {"+": 1, "-": -1}.get(text[0])
    digits = text[1:].replace(":", "")
    if sign is None or len(digits) != 4 or not digits.isdigit():
        return None
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes >= 60:
        return None
    return sign * timedelta(hours=hours, minutes=minutes)


def _gps_time(date_text, hms):
    if not date_text or hms is None or len(hms) != 3:
        return None
    hours, minutes, seconds = hms
    if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 61):
        return None
    day = _datetime(f"{date_text[:10]} 00:00:00")
    if day is None:
        return None
    return day.replace(tzinfo=timezone.utc) + timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _degrees(tiff, gps, value_tag, ref_tag, negative):
    parts = _numbers(tiff, gps, value_tag)
    if not parts or len(parts) > 3:
        return None
    # A sign may stand on the degrees (signed rationals); it applies to minutes and seconds as well.
    value = sum(abs(p) / 60**k for k, p in enumerate(parts))
    ref = (_string(tiff, gps, ref_tag) or "").upper()
    return -value if ref[:1] == negative or any(p < 0 for p in parts) else value


def _parse_tiff(tiff_bytes, dims=None):
    tiff = _Tiff(tiff_bytes)
    ifd0 = tiff.ifd(tiff.unpack("I", 4)[0])
    exif_offset, gps_offset = tiff.pointer(ifd0, EXIF_IFD_POINTER), tiff.pointer(ifd0, GPS_IFD_POINTER)
    exif = tiff.ifd(exif_offset) if exif_offset else {}
    gps = tiff.ifd(gps_offset) if gps_offset else {}

    taken = offset = None
    for time_tag, offset_tags, entries in (
        (DATE_TIME_ORIGINAL, (OFFSET_TIME_ORIGINAL, OFFSET_TIME), exif),
        (DATE_TIME_DIGITIZED, (OFFSET_TIME_DIGITIZED, OFFSET_TIME), exif),
        (DATE_TIME, (OFFSET_TIME,), ifd0),
    ):
        taken = _datetime(_string(tiff, entries, time_tag))
        if taken is not None:
            offset = next(filter(None, (_offset(_string(tiff, exif, t)) for t in offset_tags)), None)
            break
    if taken is None:
        offset = next(filter(None, (_offset(_string(tiff, exif, t)) for t in (OFFSET_TIME_ORIGINAL, OFFSET_TIME))), None)

    altitude = _numbers(tiff, gps, GPS_ALT)
    if altitude is not None:
        altitude = altitude[0]
        ref = tiff.value(gps.get(GPS_ALT_REF))
        if (isinstance(ref, (bytes, tuple)) and ref[:1] in (b"\x01", (1,))) or (isinstance(ref, str) and ref == "1"):
            altitude = -abs(altitude)
    direction = _numbers(tiff, gps, GPS_DIRECTION)
    direction = direction[0] % 360.0 if direction is not None and 0 <= direction[0] <= 360 else None
    direction_ref = (_string(tiff, gps, GPS_DIRECTION_REF) or "").upper()[:1]
    orientation = tiff.value(ifd0.get(ORIENTATION))
    orientation = orientation[0] if isinstance(orientation, tuple) and orientation and orientation[0] in range(1, 9) else 1
    accuracy = _numbers(tiff, gps, GPS_H_ERROR)
    accuracy = accuracy[0] if accuracy is not None and accuracy[0] >= 0 else None
    width, height = (_dimension(tiff, exif, PIXEL_X), _dimension(tiff, exif, PIXEL_Y))
    if not (width and height) and dims:
        width, height = dims
    return PhotoInfo(
        taken=taken,
        offset=offset,
        gps_time_utc=_gps_time(_string(tiff, gps, GPS_DATE), _numbers(tiff, gps, GPS_TIME)),
        lat=_degrees(tiff, gps, GPS_LAT, GPS_LAT_REF, "S"),
        lon=_degrees(tiff, gps, GPS_LON, GPS_LON_REF, "W"),
        altitude=altitude,
        direction=direction,
        direction_ref=direction_ref if direction_ref in ("T", "M") else None,
        make=_string(tiff, ifd0, MAKE),
        model=_string(tiff, ifd0, MODEL),
        orientation=orientation,
        width=width,
        height=height,
        map_datum=_string(tiff, gps, GPS_MAP_DATUM),
        software=_string(tiff, ifd0, SOFTWARE),
        accuracy_m=accuracy,
    )


def _dimension(tiff, entries, tag):
    value = tiff.value(entries.get(tag))
    if isinstance(value, tuple) and value and isinstance(value[0], int) and value[0] > 0:
        return value[0]
    return None
