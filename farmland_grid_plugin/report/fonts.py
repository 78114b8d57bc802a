"""A font with Chinese glyphs for the dashboard's charts (图表中文字体).

``find_cjk_font`` looks for one of the usual families (Noto Sans CJK SC, Source Han Sans SC,
WenQuanYi, Microsoft YaHei, SimHei, PingFang SC, Heiti…) among the fonts matplotlib knows and the
font files of the system it has not seen yet (a font installed after matplotlib built its cache),
then for any font that has the glyphs of ``PROBE``. Without one the charts are labelled in English
with township codes, and ``FONT_MISSING`` tells the user what to install.
"""

import threading
from dataclasses import dataclass
from typing import Iterable, Optional, Tuple

from matplotlib.font_manager import FontProperties, findSystemFonts, fontManager
from matplotlib.ft2font import FT2Font

from ..domain.messages import QT_TR_NOOP

#: Families tried first, in this order (matplotlib's names; compared without case).
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Hiragino Sans GB",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Arial Unicode MS",
)
PROBE = "耕地巡田"  # a font for the charts has these glyphs

FONT_MISSING = QT_TR_NOOP(
    "No font with Chinese characters was found, so the charts are labelled in English with township codes. "
    "Install a Chinese font and restart QGIS: fonts-wqy-microhei or fonts-noto-cjk on Debian/Ubuntu, Noto Sans CJK SC "
    "or Source Han Sans SC anywhere (Windows has Microsoft YaHei, macOS PingFang SC)."
)


@dataclass(frozen=True)
class ChartFont:
    name: str
    path: str

    def properties(self, size: Optional[float] = None) -> FontProperties:
        return FontProperties(fname=self.path, size=size)


def covers(path, text: str = PROBE) -> bool:
    """Whether the font file (its first face) has a glyph for every character of ``text``."""
    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in text)


def _family(path):
    try:
        return FT2Font(str(path)).family_name
    except (OSError, RuntimeError, ValueError):
        return None


def find_cjk_font(
    entries: Optional[Iterable[Tuple[str, str]]] = None, files: Optional[Iterable[str]] = None
) -> Optional[ChartFont]:
    """A font for Chinese chart labels, or None.

    ``entries``: ``(family, path)`` of the fonts matplotlib knows (default: its font list);
    ``files``: further font files (default: the system's font files the list does not have).
    A preferred family (``PREFERRED_FONTS``, in order) wins; then any font covering ``PROBE``.
    """
    entries = [(f.name, f.fname) for f in fontManager.ttflist] if entries is None else list(entries)
    if files is None:
        known = {path for _, path in entries}
        files = sorted(set(findSystemFonts()) - known)
    entries += [(name, path) for name, path in ((_family(p), p) for p in files) if name]
    entries.sort(key=lambda e: (e[0].lower(), str(e[1])))
    for wanted in PREFERRED_FONTS:
        for name, path in entries:
            if name.lower() == wanted.lower() and covers(path):
                return ChartFont(name, str(path))
    checked = set()
    for name, path in entries:
        if path not in checked and covers(path):
            return ChartFont(name, str(path))
        checked.add(path)
    return None


_found = {}
_lock = threading.Lock()


def cjk_font() -> Optional[ChartFont]:
    """``find_cjk_font()`` on this system, looked up once per session."""
    with _lock:
        if "font" not in _found:
            _found["font"] = find_cjk_font()
        return _found["font"]
