"""Perceptual hashes of photos and the search for look-alikes among thousands of them (举证核验 ``similar_photo``).

A 64-bit DCT hash of a 32×32 grey picture: a resized or re-saved copy keeps its hash within a few bits,
another picture differs in about half. Pure numpy.
"""

from typing import Optional

import numpy as np

SIMILAR_BITS = 8  # perceptual hashes this many bits apart or fewer show the same picture (of 64)
PAIRS_INDEXED_PER_HASH = 200  # beyond this many candidate pairs per hash, every pair is measured instead

_DCT = np.cos(np.pi * np.outer(np.arange(8), 2 * np.arange(32) + 1) / 64.0)  # the first 8 DCT-II rows of 32 samples


def perceptual_hash(gray) -> int:
    """64-bit DCT hash of a 32×32 grey picture (array, any scale): the low frequencies above or below their median.

    A resized or re-saved copy of a photo keeps its hash within a few bits; another picture differs in about half."""
    pixels = np.asarray(gray, dtype=float)
    if pixels.shape != (32, 32):
        raise ValueError(f"a 32×32 picture is needed, not {pixels.shape}")
    return int(perceptual_hashes(pixels[None])[0])


def perceptual_hashes(stack) -> np.ndarray:
    """``perceptual_hash`` of each of an (n, 32, 32) stack of grey pictures at once, as uint64."""
    stack = np.asarray(stack)
    out = np.zeros(len(stack), dtype=np.uint64)
    for start in range(0, len(stack), 1024):  # bounded memory: the products of 1,024 pictures at a time
        pixels = stack[start : start + 1024].astype(float)
        low = np.matmul(np.matmul(_DCT, pixels), _DCT.T).reshape(len(pixels), 64)
        bits = low > np.median(low[:, 1:], axis=1)[:, None]  # the DC term says only how bright the picture is
        out[start : start + len(pixels)] = np.packbits(bits, axis=1).view(">u8").ravel()
    return out


def hash_text(value: Optional[int]) -> Optional[str]:
    return None if value is None else f"{value:016x}"


def hash_value(text: Optional[str]) -> Optional[int]:
    try:
        return int(text, 16) if text else None
    except ValueError:
        return None


_M1, _M2, _M4, _H01 = (np.uint64(v) for v in (0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F, 0x0101010101010101))


def _popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (the classic SWAR count, within the 64-bit words)."""
    x = x - ((x >> np.uint64(1)) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return ((x * _H01) >> np.uint64(56)).astype(np.uint8)


def _bits(values: np.ndarray) -> np.ndarray:
    """The 64 bits of each hash as a row of 0.0/1.0 (float32, for a matrix product)."""
    return np.unpackbits(np.asarray(values, dtype=np.uint64).astype(">u8").view(np.uint8).reshape(-1, 8), axis=1).astype(
        np.float32
    )


def hamming(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Bits differing between every hash of ``a`` and every hash of ``b`` (uint64 arrays): an (len a, len b) array.

    As one matrix product: |x − y| = |x| + |y| − 2 x·y for vectors of bits (exact in float32 up to 64)."""
    x, y = _bits(a), _bits(b)
    return (x.sum(axis=1)[:, None] + y.sum(axis=1)[None, :] - 2.0 * (x @ y.T)).astype(np.uint8)


def nearest_lookalikes(values, cases, shas, bits, rows):
    """For each of ``rows``, the index of the nearest hash at most ``bits`` away of another case and another
    content (-1: none). Candidates come from the block index; where it pairs up too many (pictures that nearly
    all look alike), every pair of a row is measured instead, a few hundred rows at a time."""
    best = np.full(len(rows), -1)
    pairs = near_pairs(values, bits)
    if pairs is not None:
        a, b, distance = pairs
        keep = (cases[a] != cases[b]) & ((shas[a] != shas[b]) | (shas[a] < 0))
        first, second, distance = np.r_[a[keep], b[keep]], np.r_[b[keep], a[keep]], np.r_[distance[keep], distance[keep]]
        order = np.lexsort((second, distance, first))  # per hash, its nearest first (the lowest index among equals)
        position = {int(r): k for k, r in enumerate(rows)}
        for k in order[::-1]:
            if int(first[k]) in position:
                best[position[int(first[k])]] = second[k]
        return best
    for start in range(0, len(rows), 1024):  # bounded memory: 1,024 rows of distances at a time
        chunk = rows[start : start + 1024]
        distance = hamming(values[chunk], values)
        near = (distance <= bits) & (cases[None, :] != cases[chunk, None])
        near &= (shas[None, :] != shas[chunk, None]) | (shas[chunk, None] < 0)
        masked = np.where(near, distance, 255)
        nearest = np.argmin(masked, axis=1)
        best[start : start + len(chunk)] = np.where(near.any(axis=1), nearest, -1)
    return best


def hamming_pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Bits differing between ``a[k]`` and ``b[k]`` (uint64 arrays of one length)."""
    return _popcount(np.bitwise_xor(a, b))


def near_pairs(values: np.ndarray, bits: int):
    """``(i, j, distance)`` arrays of the pairs i < j of hashes ``bits`` or fewer apart; None when there would
    be too many candidates to list (more than PAIRS_INDEXED_PER_HASH a hash).

    Such hashes agree exactly on at least one of ``bits`` + 1 blocks of their 64 bits (the pigeonhole), so
    only hashes sharing a block's value are measured: a few per cent of all pairs for photos of different scenes."""
    n = len(values)
    edges = np.linspace(0, 64, bits + 2).astype(int)
    keys, counts = [], 0
    for lo, hi in zip(edges[:-1], edges[1:]):
        key = (values >> np.uint64(lo)) & np.uint64((1 << (hi - lo)) - 1)
        _, sizes = np.unique(key, return_counts=True)
        counts += int((sizes * (sizes - 1) // 2).sum())
        keys.append(key)
    if counts > PAIRS_INDEXED_PER_HASH * max(n, 1):
        return None
    found = []
    position = np.arange(n)
    for key in keys:
        order = np.argsort(key, kind="stable")
        ranked = key[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        sizes = np.diff(np.r_[starts, n])
        # Every element of a group of equal keys pairs with those after it in the group.
        later = np.repeat(starts + sizes, sizes) - position - 1
        left = np.repeat(position, later)
        right = left + 1 + np.arange(len(left)) - np.repeat(np.cumsum(later) - later, later)
        i, j = order[left], order[right]
        found.append(np.minimum(i, j) * n + np.maximum(i, j))
    pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    i, j = pairs // n, pairs % n
    distance = hamming_pairs(values[i], values[j])
    near = distance <= bits
    return i[near], j[near], distance[near]
