"""The Exif item of a HEIC/HEIF file (ISO base media file format).

The ``meta`` box lists the items (``iinf``) and where they are (``iloc``); the item of type ``Exif``
starts with a 4-byte offset to the TIFF structure. Only the boxes needed to find it are read.
"""

import struct

from .photo_io import NO_EXIF, UNSUPPORTED_FORMAT, Failure, PhotoFile, bad_exif, corrupt

MAX_META_BYTES = 16 * 1024 * 1024  # a HEIF 'meta' box larger than this is not a photo's
MAX_EXIF_BYTES = 4 * 1024 * 1024  # an EXIF block larger than this is not a photo's
MAX_TOP_BOXES = 10000  # top-level boxes walked in a HEIF file before giving up

HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1", b"mif2", b"miaf"}
)


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
            raise corrupt(f"field size {size}")
        if self.pos + size > self.end:
            raise corrupt("a box ends inside a field")
        value = int.from_bytes(self.data[self.pos : self.pos + size], "big")
        self.pos += size
        return value

    def take(self, size):
        if self.pos + size > self.end:
            raise corrupt("a box ends inside a field")
        value = self.data[self.pos : self.pos + size]
        self.pos += size
        return value


def _boxes(data, start, end):
    """(type, payload start, payload end) of the boxes in ``data[start:end]``."""
    pos = start
    while pos < end:
        if pos + 8 > end:
            raise corrupt("a box header is cut off")
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise corrupt("a box header is cut off")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise corrupt(f"box {kind!r} of impossible size {size}")
        yield kind, pos + header, pos + size
        pos += size


def heif_exif(file: PhotoFile) -> bytes:
    """TIFF bytes of the Exif item of a HEIF file."""
    meta = None
    pos, count = 0, 0
    while pos < file.size and meta is None:
        count += 1
        if count > MAX_TOP_BOXES:
            raise corrupt("too many boxes")
        header = file.read(pos, min(16, file.size - pos))
        if len(header) < 8:
            raise corrupt("a box header is cut off")
        size, kind = struct.unpack_from(">I4s", header)
        length = 8
        if size == 1:
            if len(header) < 16:
                raise corrupt("a box header is cut off")
            size, length = struct.unpack_from(">Q", header, 8)[0], 16
        elif size == 0:
            size = file.size - pos
        if size < length or pos + size > file.size:
            raise corrupt(f"top-level box {kind!r} of impossible size {size}")
        if count == 1:
            if kind != b"ftyp":
                raise Failure(UNSUPPORTED_FORMAT, "the first box is not ftyp")
            _check_brands(file.read(pos + length, min(size - length, 4096)))
        elif kind == b"meta":
            if size - length > MAX_META_BYTES:
                raise corrupt(f"meta box of {size} bytes")
            meta = file.read(pos + length, size - length)
        pos += size
    if meta is None:
        raise corrupt("no meta box")
    return _exif_item(file, meta)


def _check_brands(ftyp):
    brands = {ftyp[i : i + 4] for i in range(0, len(ftyp) - 3, 4) if i != 4}  # major brand, (version), compatible
    if not brands & HEIF_BRANDS:
        raise Failure(UNSUPPORTED_FORMAT, f"ISO media file of brands {sorted(brands)}, not HEIF")


def _exif_item(file, meta):
    # 'meta' is a full box (version and flags first); tolerate writers that leave them out.
    start = 0 if meta[4:8] == b"hdlr" and meta[8:12] != b"hdlr" else 4
    children = {}
    for kind, begin, end in _boxes(meta, start, len(meta)):
        children.setdefault(kind, (begin, end))
    if b"iinf" not in children:
        raise Failure(NO_EXIF, "no item information box")
    exif_ids = _exif_item_ids(meta, *children[b"iinf"])
    if not exif_ids:
        raise Failure(NO_EXIF, "no Exif item")
    item_id = exif_ids[0]
    if len(exif_ids) > 1 and b"pitm" in children and b"iref" in children:
        primary = _primary_item(meta, *children[b"pitm"])
        describing = _describing_items(meta, *children[b"iref"], primary)
        item_id = next((i for i in exif_ids if i in describing), item_id)
    if b"iloc" not in children:
        raise corrupt("no item location box")
    location = _item_locations(meta, *children[b"iloc"]).get(item_id)
    if location is None:
        raise corrupt(f"Exif item {item_id} has no location")
    method, base, extents = location
    if method == 1:
        if b"idat" not in children:
            raise corrupt("item data box missing")
        idat_start, idat_end = children[b"idat"]
        data = b""
        for offset, length in extents:
            begin = idat_start + base + offset
            end = idat_end if length == 0 else begin + length
            if end > idat_end or end - begin > MAX_EXIF_BYTES:
                raise corrupt("Exif item outside the item data box")
            data += meta[begin:end]
    elif method == 0:
        total = sum(length for _, length in extents)
        if total > MAX_EXIF_BYTES:
            raise bad_exif(f"Exif item of {total} bytes")
        data = b""
        for offset, length in extents:
            if length == 0:
                length = file.size - (base + offset)
                if length > MAX_EXIF_BYTES:
                    raise bad_exif("Exif item to the end of a large file")
            data += file.read(base + offset, length)
    else:
        raise bad_exif(f"Exif item construction method {method}")
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
        raise corrupt(f"item location box version {version}")
    sizes = cursor.uint(2)
    offset_size, length_size, base_size = sizes >> 12, (sizes >> 8) & 0xF, (sizes >> 4) & 0xF
    index_size = sizes & 0xF if version in (1, 2) else 0
    for size in (offset_size, length_size, base_size, index_size):
        if size not in (0, 4, 8):
            raise corrupt(f"item location field size {size}")
    count = cursor.uint(2 if version < 2 else 4)
    if count * 2 > cursor.end - cursor.pos:
        raise corrupt(f"{count} item locations in {cursor.end - cursor.pos} bytes")
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
    raise bad_exif("no TIFF header in the Exif item")
