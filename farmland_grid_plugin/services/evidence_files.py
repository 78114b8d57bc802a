"""The bytes behind an evidence photo: SHA-256, size and the time they were read (the audit trail of
exactly which file was reviewed), and its perceptual hash."""

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import List, Optional

import numpy as np

from ..domain.photo_hash import perceptual_hashes
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


def read_file(path, data=None):
    """(FileFacts without its perceptual hash, 32×32 grey pixels or None); OSError when the file cannot be read.
    ``data``: its content, where the caller has read it already. ``with_hashes`` completes a batch of them."""
    read_at = datetime.now(timezone.utc).replace(microsecond=0)
    if data is None:
        size = os.path.getsize(path)
        if size > WHOLE_READ_LIMIT:  # no picture is decoded from such a file
            return FileFacts(sha256_of(path), size, read_at, None), None
        data = read_bytes(path)
    return FileFacts(hashlib.sha256(data).hexdigest(), len(data), read_at, None), bytes_pixels(data)


def read_bytes(path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def read_file_facts(path) -> FileFacts:
    """SHA-256, size and read time of one file, and its perceptual hash; OSError when it cannot be read."""
    return with_hashes(*zip(read_file(path)))[0]


def with_hashes(facts, pixels) -> List[Optional[FileFacts]]:
    """The FileFacts (None kept) with the perceptual hashes of their pixels, computed together."""
    facts = list(facts)
    decoded = [k for k, p in enumerate(pixels) if p is not None and facts[k] is not None]
    hashes = perceptual_hashes(np.stack([pixels[k] for k in decoded])) if decoded else []
    for k, value in zip(decoded, hashes):
        facts[k] = replace(facts[k], phash=int(value))
    return facts


def read_files(paths, canceled=lambda: False) -> List[Optional[FileFacts]]:
    """``read_file_facts`` of many files (None where one cannot be read), the perceptual hashes computed together."""
    facts, pixels = [], []
    for path in paths:
        if canceled():
            break
        try:
            fact, picture = read_file(path)
        except OSError:
            fact, picture = None, None
        facts.append(fact)
        pixels.append(picture)
    return with_hashes(facts, pixels)
