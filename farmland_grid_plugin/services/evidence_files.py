"""The bytes behind an evidence photo: SHA-256, size and the time they were read (the audit trail of
exactly which file was reviewed), and its perceptual hash."""

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import List, Optional

import numpy as np

from ..domain.evidence_checks import perceptual_hashes
from .photo_images import bytes_pixels

CHUNK = 1 << 20
WHOLE_READ_LIMIT = 64 << 20  # bytes: larger files are hashed in chunks and get no perceptual hash


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size_bytes: int
    read_at: datetime  # aware, UTC, to the second
    phash: Optional[int]  # None where the picture cannot be decoded (a HEIC without a Qt plugin)


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while True:
            block = stream.read(CHUNK)
            if not block:
                return digest.hexdigest()
            digest.update(block)


def _read(path):
    """(FileFacts without its perceptual hash, 32×32 grey pixels or None); OSError when the file cannot be read."""
    read_at = datetime.now(timezone.utc).replace(microsecond=0)
    size = os.path.getsize(path)
    if size > WHOLE_READ_LIMIT:  # no picture is decoded from such a file
        return FileFacts(sha256_of(path), size, read_at, None), None
    with open(path, "rb") as stream:
        data = stream.read()
    return FileFacts(hashlib.sha256(data).hexdigest(), len(data), read_at, None), bytes_pixels(data)


def read_file_facts(path) -> FileFacts:
    """SHA-256, size and read time of one file, and its perceptual hash; OSError when it cannot be read."""
    facts, pixels = _read(path)
    return facts if pixels is None else replace(facts, phash=int(perceptual_hashes(pixels[None])[0]))


def read_files(paths, canceled=lambda: False) -> List[Optional[FileFacts]]:
    """``read_file_facts`` of many files (None where one cannot be read), the perceptual hashes computed together."""
    read, pixels = [], []
    for path in paths:
        if canceled():
            break
        try:
            facts, picture = _read(path)
        except OSError:
            facts, picture = None, None
        read.append(facts)
        pixels.append(picture)
    decoded = [k for k, p in enumerate(pixels) if p is not None]
    hashes = perceptual_hashes(np.stack([pixels[k] for k in decoded])) if decoded else []
    for k, value in zip(decoded, hashes):
        read[k] = replace(read[k], phash=int(value))
    return read
