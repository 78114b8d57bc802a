"""QR code files: one writer for warning posts, the atlas and the sign boards, so every printed
code is made the same way."""

import re
from pathlib import Path

from ..domain.messages import QT_TR_NOOP, DomainError
from .files import writable_path

# Warning posts stand in fields for years and get muddy and scratched: level Q restores up to 25 % of
# damaged modules (M only 15 %); segno raises it to H where that fits in the same symbol size.
ERROR_LEVEL = "q"

_UNSAFE = re.compile(r"[^\w.-]")  # \w keeps Chinese characters: valid in file names everywhere
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def safe_file_stem(code: str) -> str:
    """A file name stem for a code on Windows, macOS and Linux: separators, spaces and the like become ``_``."""
    stem = _UNSAFE.sub("_", code).strip(".") or "_"
    return f"_{stem}" if stem.lower() in _WINDOWS_RESERVED else stem


def write_qr_files(payload: str, stem_path: Path, formats=("png",), scale: int = 10) -> dict:
    """Write the QR code files of one payload (``stem_path`` + ``.png``/``.svg``); their absolute paths by format."""
    import segno  # optional package: the algorithms that print codes declare it and refuse without it

    try:
        # make_qr: never a Micro QR code, which common phone scanners (WeChat among them) cannot read.
        # UTF-8 so that Chinese text is not put in Shift JIS kanji mode, which scanners here misread.
        qr = segno.make_qr(payload, error=ERROR_LEVEL, encoding="utf-8")
    except segno.DataOverflowError:
        raise DomainError(
            QT_TR_NOOP("The QR code content for {name} has {count} characters, too many for a QR code"),
            name=stem_path.name,
            count=len(payload),
        ) from None
    paths = {}
    try:
        for kind in formats:
            path = writable_path(stem_path.with_name(f"{stem_path.name}.{kind}"))
            if kind == "png":
                qr.save(str(path), kind="png", scale=scale)
            else:
                # White light modules: a transparent background on a coloured board or map cannot be scanned.
                qr.save(str(path), kind="svg", scale=scale, light="#fff")
            paths[kind] = str(path.absolute())
    except OSError as exc:
        raise DomainError(
            QT_TR_NOOP("Cannot write the QR code file {path}: {error}"),
            path=str(exc.filename or stem_path),
            error=exc.strerror or str(exc),
        ) from None
    return paths
