"""Land classes of the DLTB layer (GB/T 21010 as used by the Third National Land Survey)."""

import numpy as np

DEFAULT_FARMLAND_CLASSES = ("0101", "0102", "0103")

#: Code → name for the classes the sample generator and the messages use.
LAND_CLASS_NAMES = {
    "0101": "水田",
    "0102": "水浇地",
    "0103": "旱地",
    "0201": "果园",
    "0201K": "可调整果园",
    "0301": "乔木林地",
    "0404": "其他草地",
    "0702": "农村宅基地",
    "1003": "公路用地",
    "1006": "农村道路",
    "1101": "河流水面",
    "1104": "坑塘水面",
    "1202": "设施农用地",
}


def parse_class_list(text):
    """``"0101, 0102，0103"`` → ``("0101", "0102", "0103")``."""
    return tuple(p.strip() for p in str(text).replace("，", ",").split(",") if p.strip())


def base_class(code):
    """Class code without the survey's ``K``/``A`` suffix and surrounding blanks."""
    return str(code).strip().rstrip("KAka") if code is not None else ""


def farmland_mask(codes, classes=DEFAULT_FARMLAND_CLASSES):
    """Boolean array: which class codes are farmland (suffixes ignored). Vectorised over distinct codes."""
    values = np.asarray(["" if c is None else str(c) for c in codes], dtype=object)
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    wanted = set(classes)
    return np.array([base_class(u) in wanted for u in uniq], dtype=bool)[inverse]
