"""Bounds-checked reads of an untrusted photo file, and the failure every structural problem raises.

The JPEG, HEIF and TIFF readers share one failure type carrying a reason code; ``exif.read_photo``
turns it into a PhotoError with a translatable message, so the readers stay free of user text.
"""

from typing import BinaryIO

# Reasons a photo cannot be used (the codes of the rejected-files table).
UNSUPPORTED_FORMAT = "unsupported_format"  # neither JPEG nor HEIC/HEIF by its first bytes
CORRUPT_FILE = "corrupt_file"  # empty, truncated or broken container
UNREADABLE_FILE = "unreadable_file"  # the operating system could not read it (permissions, I/O error)
NO_EXIF = "no_exif"  # a valid image without EXIF metadata
UNREADABLE_EXIF = "unreadable_exif"  # EXIF present but malformed
NO_GPS = "no_gps"  # EXIF without a usable GPS position (see position_problem)
REASONS = (UNSUPPORTED_FORMAT, CORRUPT_FILE, UNREADABLE_FILE, NO_EXIF, UNREADABLE_EXIF, NO_GPS)


class Failure(Exception):
    """A structural problem of a photo file: ``reason`` (one of REASONS) and technical English ``detail``."""

    def __init__(self, reason: str, detail: str, empty: bool = False):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.empty = empty


def corrupt(detail: str) -> Failure:
    return Failure(CORRUPT_FILE, detail)


def bad_exif(detail: str) -> Failure:
    return Failure(UNREADABLE_EXIF, detail)


class PhotoFile:
    """Bounds-checked reads from a seekable binary stream of known size."""

    def __init__(self, stream: BinaryIO, size: int):
        self.stream = stream
        self.size = size

    def read(self, offset: int, length: int) -> bytes:
        """Exactly ``length`` bytes at ``offset``; a truncated file is corrupt."""
        if offset < 0 or length < 0 or offset + length > self.size:
            raise corrupt(f"{length} bytes at {offset} lie beyond the end of the file ({self.size} bytes)")
        self.stream.seek(offset)
        data = self.stream.read(length)
        if len(data) != length:
            raise corrupt(f"short read at {offset}")
        return data
