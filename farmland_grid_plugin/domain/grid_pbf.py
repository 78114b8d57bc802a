"""Permanent basic farmland per grid cell (永久基本农田面积), every level from the group up to the province.

PBF polygons are measured in the bottom cells (groups, and villages without groups), whose small
polygons answer "within" fast, as quotaoverlay measures them in its units; every cell above gets the
sum of its bottom cells, so a city's PBF is the sum of its counties' (to rounding).
"""

import numpy as np

from .quota import area_by_unit
from .unitcode import DEFAULT_LENGTHS, UPPER_LENGTHS


def cell_pbf_m2(cells, parcel_cells, pbf_geoms, measure, lengths=DEFAULT_LENGTHS):
    """(grid code → PBF m² of every cell, each PBF polygon's area outside all bottom cells).

    ``cells``: delineate's Cells; ``parcel_cells``: its bottom cell code per parcel; ``measure(geoms) -> m²``.
    """
    by_code = {c.grid_code: c for c in cells}
    bottom = sorted({code for code in parcel_cells if code} & set(by_code))
    geoms = np.array([by_code[code].geometry for code in bottom], dtype=object)
    in_bottom, outside = area_by_unit(np.asarray(pbf_geoms, dtype=object), bottom, geoms, measure)
    prefixes = sorted({*UPPER_LENGTHS.values(), *lengths.by_level().values()})
    totals = dict.fromkeys(by_code, 0.0)
    for code, area in in_bottom.items():
        for n in prefixes:
            if n <= len(code) and code[:n] in totals:
                totals[code[:n]] += area
    return totals, outside
