"""Photo metadata (EXIF) of JPEG and HEIC/HEIF files: time, GPS position, direction, camera.

Pure Python without dependencies, written for field photos that reach the county office in every
state: copied half-way, edited, renamed, stripped of metadata. The reader never trusts a length
or an offset in the file: every one is checked against the data actually there, directory loops
are detected, counts are capped, and only the start of a JPEG (or the boxes a HEIC needs) is read.
Bad input raises PhotoError, whose ``reason`` is one of the codes below and whose message names
the file and says what is wrong; nothing else is raised for a bad file.

JPEG: the markers are walked to the APP1 segment ``Exif\\0\\0`` (within the first 256 KiB), whose
TIFF structure holds IFD0, the Exif sub-IFD and the GPS IFD. HEIC/HEIF (ISO base media file
format): the ``meta`` box lists the items (``iinf``) and where they are (``iloc``); the item of
type ``Exif`` starts with a 4-byte offset to the same TIFF structure.
"""

import math
import os
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from .messages import QT_TR_NOOP, DomainError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".heic", ".heif")

# Reasons a photo cannot be used (the codes of the rejected-files table).
UNSUPPORTED_FORMAT = "unsupported_format"  # neither JPEG nor HEIC/HEIF by its first bytes
CORRUPT_FILE = "corrupt_file"  # empty, truncated or broken container
UNREADABLE_FILE = "unreadable_file"  # the operating system could not read it (permissions, I/O error)
NO_EXIF = "no_exif"  # a valid image without EXIF metadata
UNREADABLE_EXIF = "unreadable_exif"  # EXIF present but malformed
NO_GPS = "no_gps"  # EXIF without a usable GPS position (see position_problem)
REASONS = (UNSUPPORTED_FORMAT, CORRUPT_FILE, UNREADABLE_FILE, NO_EXIF, UNREADABLE_EXIF, NO_GPS)

JPEG_SEARCH_BYTES = 256 * 1024  # the EXIF segment must start within this many bytes of a JPEG
MAX_META_BYTES = 16 * 1024 * 1024  # a HEIF 'meta' box larger than this is not a photo's
MAX_EXIF_BYTES = 4 * 1024 * 1024  # an EXIF block larger than this is not a photo's
MAX_IFD_ENTRIES = 1000  # real IFDs have a few dozen entries; more means the offset is wrong
MAX_TOP_BOXES = 10000  # top-level boxes walked in a HEIF file before giving up

HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1", b"mif2", b"miaf"}
)

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

    @property
    def taken_utc(self):
        """UTC time of the photo: local time less its offset, else the GPS time; None when neither is known."""
        if self.taken is not None and self.offset is not None:
            return (self.taken - self.offset).replace(tzinfo=timezone.utc)
        return self.gps_time_utc

    @property
    def device(self):
        """Make and model as one name, without repeating the make ("Canon Canon EOS 40D" → "Canon EOS 40D")."""
        make, model = self.make or "", self.model or ""
        if make and model.lower().startswith(make.lower()):
            return model
        return " ".join(p for p in (make, model) if p) or None


def is_image_path(path):
    """True when the file name ends with one of IMAGE_SUFFIXES, in any case."""
    return os.path.splitext(str(path))[1].lower() in IMAGE_SUFFIXES


def position_problem(info, file):
    """None when ``info`` has a usable GPS position, else a PhotoError (reason NO_GPS) saying why; not raised."""
    lat, lon = info.lat, info.lon
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return PhotoError(NO_GPS, _MESSAGES[NO_GPS], file=file)
    if lat == 0 and lon == 0:
        return PhotoError(NO_GPS, _ZERO_POSITION, file=file)
    if abs(lat) > 90 or abs(lon) > 180:
        return PhotoError(NO_GPS, _IMPOSSIBLE_POSITION, file=file, lat=f"{lat:.6f}", lon=f"{lon:.6f}")
    return None


def has_position(info):
    """True when ``info`` has a usable GPS position."""
    return position_problem(info, "") is None


def unexpected_failure(file, exc):
    """A PhotoError for an error the reader did not foresee (an OSError is ``unreadable_file``, else ``corrupt_file``)."""
    if isinstance(exc, PhotoError):
        return exc
    reason = UNREADABLE_FILE if isinstance(exc, OSError) else CORRUPT_FILE
    error = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return PhotoError(reason, _CANNOT_READ, detail=repr(exc), file=file, error=error)


def read_photo(path):
    """PhotoInfo of a JPEG or HEIC/HEIF file; PhotoError when it is no such photo or its EXIF cannot be read."""
    file = os.path.basename(str(path))
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            return _read(_File(stream, size))
    except _Failure as failure:
        template = _EMPTY if failure.empty else _MESSAGES[failure.reason]
        raise PhotoError(failure.reason, template, detail=failure.detail, file=file) from None
    except OSError as exc:
        raise unexpected_failure(file, exc) from None


# ----------------------------------------------------------------------------------------------
# Internals: every structural problem raises _Failure with the reason code.


class _Failure(Exception):
    def __init__(self, reason, detail, empty=False):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.empty = empty


def _corrupt(detail):
    return _Failure(CORRUPT_FILE, detail)


def _bad_exif(detail):
    return _Failure(UNREADABLE_EXIF, detail)


class _File:
    """Bounds-checked reads from a seekable binary stream of known size."""

    def __init__(self, stream, size):
        self.stream = stream
        self.size = size

    def read(self, offset, length):
        """Exactly ``length`` bytes at ``offset``; a truncated file is corrupt."""
        if offset < 0 or length < 0 or offset + length > self.size:
            raise _corrupt(f"{length} bytes at {offset} lie beyond the end of the file ({self.size} bytes)")
        self.stream.seek(offset)
        data = self.stream.read(length)
        if len(data) != length:
            raise _corrupt(f"short read at {offset}")
        return data


def _read(file):
    if file.size == 0:
        raise _Failure(CORRUPT_FILE, "empty file", empty=True)
    head = file.read(0, min(file.size, 64))
    if head[:2] == b"\xff\xd8":
        return _parse_tiff(*_jpeg_exif(file))
    if head[4:8] == b"ftyp":
        return _parse_tiff(_heif_exif(file))
    raise _Failure(UNSUPPORTED_FORMAT, f"unknown signature {head[:12].hex()}")


# ---- JPEG --------------------------------------------------------------------------------------

_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # markers without a length: TEM, RST0–7
_SOF = {*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC}  # start-of-frame markers (not DHT, JPG, DAC)


def _jpeg_exif(file):
    """(TIFF bytes of the EXIF APP1 segment, (width, height) from the frame header or None).

    The segments before the image data are walked; a file that ends or breaks among them is corrupt
    (the compressed image data itself is not checked). The walk stops at the image data or at the
    end of the search window: every JPEG writer puts the EXIF segment first.
    """
    window = file.read(0, min(file.size, JPEG_SEARCH_BYTES))
    whole = len(window) == file.size
    pos, tiff, dims = 2, None, None
    while True:
        if pos + 4 > len(window):
            if whole:
                raise _corrupt("the JPEG ends before its image data")
            break
        if window[pos] != 0xFF:
            raise _corrupt(f"no JPEG marker at {pos}")
        marker = window[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker == 0xDA:  # start of scan: the image data follows
            break
        if marker == 0xD9:
            raise _corrupt("the JPEG ends before its image data")
        length = struct.unpack_from(">H", window, pos + 2)[0]
        start, end = pos + 4, pos + 2 + length
        if length < 2 or end > file.size:
            raise _corrupt(f"JPEG segment at {pos} of impossible length {length}")
        if marker == 0xE1 and tiff is None:
            payload = window[start:end] if end <= len(window) else file.read(start, end - start)
            if payload[:5] == b"Exif\x00":
                tiff = payload[6:]
        elif marker in _SOF and end <= len(window) and length >= 7:
            height, width = struct.unpack_from(">HH", window, start + 1)
            dims = (width, height) if width and height else None
        pos = end
    if tiff is None:
        raise _Failure(NO_EXIF, "no EXIF segment in the JPEG")
    return tiff, dims


# ---- HEIF --------------------------------------------------------------------------------------


class _Cursor:
    """Sequential big-endian reads within ``data[pos:end]``; running past ``end`` is a corrupt container."""

    def __init__(self, data, pos=0, end=None):
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def uint(self, size):
        if size == 0:
            return 0
        if size not in (1, 2, 4, 8):
            raise _corrupt(f"field size {size}")
        if self.pos + size > self.end:
            raise _corrupt("a box ends inside a field")
        value = int.from_bytes(self.data[self.pos : self.pos + size], "big")
        self.pos += size
        return value

    def take(self, size):
        if self.pos + size > self.end:
            raise _corrupt("a box ends inside a field")
        value = self.data[self.pos : self.pos + size]
        self.pos += size
        return value


def _boxes(data, start, end):
    """(type, payload start, payload end) of the boxes in ``data[start:end]``."""
    pos = start
    while pos < end:
        if pos + 8 > end:
            raise _corrupt("a box header is cut off")
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise _corrupt("a box header is cut off")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise _corrupt(f"box {kind!r} of impossible size {size}")
        yield kind, pos + header, pos + size
        pos += size


def _heif_exif(file):
    """TIFF bytes of the Exif item of a HEIF file."""
    meta = None
    pos, count = 0, 0
    while pos < file.size and meta is None:
        count += 1
        if count > MAX_TOP_BOXES:
            raise _corrupt("too many boxes")
        header = file.read(pos, min(16, file.size - pos))
        if len(header) < 8:
            raise _corrupt("a box header is cut off")
        size, kind = struct.unpack_from(">I4s", header)
        length = 8
        if size == 1:
            if len(header) < 16:
                raise _corrupt("a box header is cut off")
            size, length = struct.unpack_from(">Q", header, 8)[0], 16
        elif size == 0:
            size = file.size - pos
        if size < length or pos + size > file.size:
            raise _corrupt(f"top-level box {kind!r} of impossible size {size}")
        if count == 1:
            if kind != b"ftyp":
                raise _Failure(UNSUPPORTED_FORMAT, "the first box is not ftyp")
            _check_brands(file.read(pos + length, min(size - length, 4096)))
        elif kind == b"meta":
            if size - length > MAX_META_BYTES:
                raise _corrupt(f"meta box of {size} bytes")
            meta = file.read(pos + length, size - length)
        pos += size
    if meta is None:
        raise _corrupt("no meta box")
    return _exif_item(file, meta)


def _check_brands(ftyp):
    brands = {ftyp[i : i + 4] for i in range(0, len(ftyp) - 3, 4) if i != 4}  # major brand, (version), compatible
    if not brands & HEIF_BRANDS:
        raise _Failure(UNSUPPORTED_FORMAT, f"ISO media file of brands {sorted(brands)}, not HEIF")


def _exif_item(file, meta):
    # 'meta' is a full box (version and flags first); tolerate writers that leave them out.
    start = 0 if meta[4:8] == b"hdlr" and meta[8:12] != b"hdlr" else 4
    children = {}
    for kind, begin, end in _boxes(meta, start, len(meta)):
        children.setdefault(kind, (begin, end))
    if b"iinf" not in children:
        raise _Failure(NO_EXIF, "no item information box")
    exif_ids = _exif_item_ids(meta, *children[b"iinf"])
    if not exif_ids:
        raise _Failure(NO_EXIF, "no Exif item")
    item_id = exif_ids[0]
    if len(exif_ids) > 1 and b"pitm" in children and b"iref" in children:
        primary = _primary_item(meta, *children[b"pitm"])
        describing = _describing_items(meta, *children[b"iref"], primary)
        item_id = next((i for i in exif_ids if i in describing), item_id)
    if b"iloc" not in children:
        raise _corrupt("no item location box")
    location = _item_locations(meta, *children[b"iloc"]).get(item_id)
    if location is None:
        raise _corrupt(f"Exif item {item_id} has no location")
    method, base, extents = location
    if method == 1:
        if b"idat" not in children:
            raise _corrupt("item data box missing")
        idat_start, idat_end = children[b"idat"]
        data = b""
        for offset, length in extents:
            begin = idat_start + base + offset
            end = idat_end if length == 0 else begin + length
            if end > idat_end or end - begin > MAX_EXIF_BYTES:
                raise _corrupt("Exif item outside the item data box")
            data += meta[begin:end]
    elif method == 0:
        total = sum(length for _, length in extents)
        if total > MAX_EXIF_BYTES:
            raise _bad_exif(f"Exif item of {total} bytes")
        data = b""
        for offset, length in extents:
            if length == 0:
                length = file.size - (base + offset)
                if length > MAX_EXIF_BYTES:
                    raise _bad_exif("Exif item to the end of a large file")
            data += file.read(base + offset, length)
    else:
        raise _bad_exif(f"Exif item construction method {method}")
    return _tiff_in_exif_item(data)


def _exif_item_ids(meta, begin, end):
    cursor = _Cursor(meta, begin, end)
    version = cursor.uint(1)
    cursor.take(3)
    cursor.uint(2 if version == 0 else 4)  # entry count: the boxes that follow are counted instead
    ids = []
    for kind, start, stop in _boxes(meta, cursor.pos, end):
        if kind != b"infe":
            continue
        entry = _Cursor(meta, start, stop)
        entry_version = entry.uint(1)
        entry.take(3)
        if entry_version < 2:
            continue  # the old form has no item type
        item_id = entry.uint(2 if entry_version == 2 else 4)
        entry.uint(2)  # protection index
        if entry.take(4) == b"Exif":
            ids.append(item_id)
    return ids


def _primary_item(meta, begin, end):
    cursor = _Cursor(meta, begin, end)
    version = cursor.uint(1)
    cursor.take(3)
    return cursor.uint(2 if version == 0 else 4)


def _describing_items(meta, begin, end, primary):
    """Items with a 'cdsc' (content describes) reference to the primary item."""
    cursor = _Cursor(meta, begin, end)
    version = cursor.uint(1)
    cursor.take(3)
    width = 2 if version == 0 else 4
    found = set()
    for kind, start, stop in _boxes(meta, cursor.pos, end):
        ref = _Cursor(meta, start, stop)
        source = ref.uint(width)
        targets = [ref.uint(width) for _ in range(ref.uint(2))]
        if kind == b"cdsc" and primary in targets:
            found.add(source)
    return found


def _item_locations(meta, begin, end):
    """item id → (construction method, base offset, [(extent offset, extent length)])."""
    cursor = _Cursor(meta, begin, end)
    version = cursor.uint(1)
    cursor.take(3)
    if version > 2:
        raise _corrupt(f"item location box version {version}")
    sizes = cursor.uint(2)
    offset_size, length_size, base_size = sizes >> 12, (sizes >> 8) & 0xF, (sizes >> 4) & 0xF
    index_size = sizes & 0xF if version in (1, 2) else 0
    for size in (offset_size, length_size, base_size, index_size):
        if size not in (0, 4, 8):
            raise _corrupt(f"item location field size {size}")
    count = cursor.uint(2 if version < 2 else 4)
    if count * 2 > cursor.end - cursor.pos:
        raise _corrupt(f"{count} item locations in {cursor.end - cursor.pos} bytes")
    locations = {}
    for _ in range(count):
        item_id = cursor.uint(2 if version < 2 else 4)
        method = cursor.uint(2) & 0xF if version in (1, 2) else 0
        reference = cursor.uint(2)
        base = cursor.uint(base_size)
        extent_count = cursor.uint(2)
        if index_size + offset_size + length_size == 0:
            extent_count = min(extent_count, 1)  # extents without fields: one (0, 0), "all the data"
        extents = []
        for _ in range(extent_count):
            cursor.uint(index_size)
            offset = cursor.uint(offset_size)
            extents.append((offset, cursor.uint(length_size)))
        if reference == 0:  # data in this file (others would be in another file)
            locations.setdefault(item_id, (method, base, extents))
        else:
            locations.setdefault(item_id, (-1, base, extents))
    return locations


_TIFF_HEADERS = (b"II*\x00", b"MM\x00*")


def _tiff_in_exif_item(data):
    """The TIFF structure of an Exif item: after its 4-byte offset field, tolerating an 'Exif\\0\\0' prefix."""
    if data[:6] == b"Exif\x00\x00":
        return data[6:]
    if len(data) >= 8:
        start = 4 + int.from_bytes(data[:4], "big")
        if data[start : start + 4] in _TIFF_HEADERS:
            return data[start:]
        if data[4:10] == b"Exif\x00\x00":
            return data[10:]
        for header in _TIFF_HEADERS:  # a wrong offset field: the header is near the start anyway
            found = data.find(header, 0, 64)
            if found >= 0:
                return data[found:]
    raise _bad_exif("no TIFF header in the Exif item")


# ---- TIFF / EXIF -------------------------------------------------------------------------------

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INT_CODES = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 13: "I", 11: "f", 12: "d"}

EXIF_IFD_POINTER, GPS_IFD_POINTER = 0x8769, 0x8825
MAKE, MODEL, ORIENTATION, DATE_TIME = 0x010F, 0x0110, 0x0112, 0x0132
DATE_TIME_ORIGINAL, DATE_TIME_DIGITIZED = 0x9003, 0x9004
OFFSET_TIME, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED = 0x9010, 0x9011, 0x9012
PIXEL_X, PIXEL_Y = 0xA002, 0xA003
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON, GPS_ALT_REF, GPS_ALT, GPS_TIME = 1, 2, 3, 4, 5, 6, 7
GPS_DIRECTION_REF, GPS_DIRECTION, GPS_MAP_DATUM, GPS_DATE = 16, 17, 18, 29


class _Tiff:
    """The TIFF structure of an EXIF block, with bounds-checked reads."""

    def __init__(self, data):
        if len(data) < 8:
            raise _bad_exif("EXIF block shorter than its header")
        if data[:2] == b"II":
            self.order = "<"
        elif data[:2] == b"MM":
            self.order = ">"
        else:
            raise _bad_exif(f"byte order {data[:2]!r}")
        self.data = data
        if self.unpack("H", 2)[0] != 42:
            raise _bad_exif("not a TIFF header")
        self.visited = set()

    def unpack(self, codes, offset):
        size = struct.calcsize(self.order + codes)
        if offset < 0 or offset + size > len(self.data):
            raise _bad_exif(f"{size} bytes at {offset} beyond the EXIF block of {len(self.data)} bytes")
        return struct.unpack_from(self.order + codes, self.data, offset)

    def ifd(self, offset):
        """tag → (type, count, offset of the value) of the directory at ``offset``; first entry of a tag wins."""
        if offset in self.visited:
            raise _bad_exif(f"directory loop at {offset}")
        self.visited.add(offset)
        if offset < 8:
            raise _bad_exif(f"directory offset {offset} inside the header")
        count = self.unpack("H", offset)[0]
        if count > MAX_IFD_ENTRIES:
            raise _bad_exif(f"directory of {count} entries")
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
            raise _bad_exif(f"value of {length} bytes at {where} beyond the EXIF block")
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
    )


def _dimension(tiff, entries, tag):
    value = tiff.value(entries.get(tag))
    if isinstance(value, tuple) and value and isinstance(value[0], int) and value[0] > 0:
        return value[0]
    return None
