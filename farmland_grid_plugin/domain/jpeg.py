"""The EXIF segment of a JPEG file.

The markers are walked to the APP1 segment ``Exif\\0\\0`` (within the first 256 KiB), whose TIFF
structure holds IFD0, the Exif sub-IFD and the GPS IFD.
"""

import struct
from typing import Optional, Tuple

from .photo_io import NO_EXIF, Failure, PhotoFile, corrupt

JPEG_SEARCH_BYTES = 256 * 1024  # the EXIF segment must start within this many bytes of a JPEG

_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # markers without a length: TEM, RST0–7
_SOF = {*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC}  # start-of-frame markers (not DHT, JPG, DAC)


def jpeg_exif(file: PhotoFile) -> Tuple[bytes, Optional[Tuple[int, int]]]:
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
                raise corrupt("the JPEG ends before its image data")
            break
        if window[pos] != 0xFF:
            raise corrupt(f"no JPEG marker at {pos}")
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
            raise corrupt("the JPEG ends before its image data")
        length = struct.unpack_from(">H", window, pos + 2)[0]
        start, end = pos + 4, pos + 2 + length
        if length < 2 or end > file.size:
            raise corrupt(f"JPEG segment at {pos} of impossible length {length}")
        if marker == 0xE1 and tiff is None:
            payload = window[start:end] if end <= len(window) else file.read(start, end - start)
            if payload[:5] == b"Exif\x00":
                tiff = payload[6:]
        elif marker in _SOF and end <= len(window) and length >= 7:
            height, width = struct.unpack_from(">HH", window, start + 1)
            dims = (width, height) if width and height else None
        pos = end
    if tiff is None:
        raise Failure(NO_EXIF, "no EXIF segment in the JPEG")
    return tiff, dims
