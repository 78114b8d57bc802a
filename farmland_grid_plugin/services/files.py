"""Files the plugin writes into an output folder: names that fit, and never through a link.

A link left in an output folder (by accident or on purpose) must not make an export overwrite the
file it points to, somewhere outside the folder: the link itself is replaced by the new file.
"""

from pathlib import Path

# Most file systems allow 255 bytes a name; Chinese characters take 3 in UTF-8, and a suffix follows.
MAX_STEM_BYTES = 200


def stem_fits(stem: str) -> bool:
    """Whether a file named ``stem`` plus a short suffix can exist on common file systems."""
    return len(stem.encode("utf-8")) <= MAX_STEM_BYTES


def writable_path(path: Path) -> Path:
    """``path``, with a link standing there removed, so that writing creates a file in the folder itself."""
    if path.is_symlink():
        path.unlink()
    return path


def unlink_links(folder: Path, suffix: str) -> None:
    """Remove the links ending in ``suffix`` that stand in ``folder``, before an exporter that names its files
    itself (one per atlas page) writes there: the new files are created in the folder, not at the links' targets."""
    for path in folder.iterdir():
        if path.is_symlink() and path.name.lower().endswith(suffix):
            path.unlink()
