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


#: GB/T 21010-2017 first-level classes (一级类), the rows and columns of a land-use transition matrix.
FIRST_LEVEL_NAMES = {
    "01": "耕地",
    "02": "种植园用地",
    "03": "林地",
    "04": "草地",
    "05": "商业服务业用地",
    "06": "工矿用地",
    "07": "住宅用地",
    "08": "公共管理与公共服务用地",
    "09": "特殊用地",
    "10": "交通运输用地",
    "11": "水域及水利设施用地",
    "12": "其他土地",
}

#: Other agricultural land (其他农用地) that farmland turns into, or comes back from, in the in–out balance
#: (进出平衡): garden 02, forest 03, grass 04, rural roads 1006, ponds 1104, ditches 1107, facility
#: agricultural land 1202 and field ridges 1203. Everything else that is not farmland is construction or
#: other non-agricultural land (占补平衡).
OTHER_AGRICULTURAL_PREFIXES = ("02", "03", "04", "1006", "1104", "1107", "1202", "1203")


def first_levels(codes) -> np.ndarray:
    """First-level class (``"01"`` … ``"12"``) of each class code, ``""`` where the code has none. Vectorised
    over distinct codes."""
    values = np.asarray(["" if c is None else str(c) for c in codes], dtype=object)
    if len(values) == 0:
        return np.zeros(0, dtype=object)
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    heads = [base_class(u)[:2] for u in uniq]
    return np.array([h if h in FIRST_LEVEL_NAMES else "" for h in heads], dtype=object)[inverse]
