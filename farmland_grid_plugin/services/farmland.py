"""Farmland per unit of a parcel layer, counted one way for quotaoverlay and the dashboard's trend,
so their figures agree."""

from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import QgsFeatureSource, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, method_label
from ..domain.landclass import farmland_mask, parse_class_list
from ..domain.messages import QT_TR_NOOP, DomainError
from ..domain.quota import unit_keys, unit_mu
from ..domain.unitcode import distinct_unit_codes
from .crs import GeometryArea
from .sources import Columns, read_columns, require_field, to_number


@dataclass
class UnitFarmland:
    """Farmland per unit of a parcel layer (``codes``: the units with parcels, sorted; ``farmland_m2`` per code),
    with what was read on the way: the parcels (``table``), their farmland flags and padded codes, the measure."""

    codes: list
    farmland_m2: np.ndarray
    area_label: str
    table: Columns
    farmland: np.ndarray
    padded: np.ndarray
    measure: GeometryArea

    def farmland_mu(self) -> dict:
        """Unit code → farmland in 亩, rounded as the units output stores it."""
        return {code: unit_mu(m2) for code, m2 in zip(self.codes, self.farmland_m2)}


def farmland_per_unit(
    parcels: QgsFeatureSource,
    code_field: str,
    class_field: str,
    area_field: str,
    classes_text: str,
    level: int,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    layer: Optional[QgsVectorLayer] = None,
) -> UnitFarmland:
    """Farmland per unit of ``level`` as quotaoverlay counts it: parcels of the farmland classes, by the location code
    prefix, with the area field (m²; ellipsoidal where a value is unusable) or, without one, the ellipsoidal area.

    A DomainError names the layer when a field is missing; ``layer``: the whole GeoPackage layer to read directly.
    """
    code_field = require_field(parcels, code_field, "CODE_FIELD")
    class_field = require_field(parcels, class_field, "CLASS_FIELD")
    if area_field:
        require_field(parcels, area_field, "AREA_FIELD")
    classes = parse_class_list(classes_text)
    if not classes:
        raise DomainError(QT_TR_NOOP("Name at least one farmland land class, such as 0101,0102,0103"))
    measure = GeometryArea(METHOD_ELLIPSOIDAL, parcels.sourceCrs())

    feedback.pushInfo(QCoreApplication.translate("FarmlandPerUnit", "Reading parcels…"))
    table = read_columns(parcels, [code_field, class_field, area_field], context, feedback, span=(0, 20), layer=layer)
    farmland = farmland_mask(table.columns[class_field], classes)
    padded = distinct_unit_codes(table.columns[code_field]).padded_per_feature()
    units = unit_keys(padded, level)
    bad = int(np.count_nonzero((padded == "") & farmland))
    if bad:
        message = QCoreApplication.translate(
            "FarmlandPerUnit", "{0} farmland parcels have no valid location code and are not counted in any unit"
        )
        feedback.reportError(message.format(bad))
    if area_field:
        area_m2 = to_number(table.columns[area_field])
        unusable = farmland & ~np.isfinite(area_m2)
        if unusable.any():
            message = QCoreApplication.translate(
                "FarmlandPerUnit", "{0} farmland parcels have no usable {1}; their ellipsoidal area is used"
            )
            feedback.reportError(message.format(int(unusable.sum()), area_field))
            area_m2[unusable] = measure(table.geoms[unusable])
        area_label = method_label(METHOD_FIELD, area_field)
    else:
        area_m2 = measure(table.geoms)
        area_label = measure.label
    codes = sorted({u for u in units if u})
    index = {code: k for k, code in enumerate(codes)}
    distinct, inverse = np.unique(units.astype(str), return_inverse=True)
    keys = np.array([index.get(u, -1) for u in distinct], dtype=np.int64)[inverse]
    counted = farmland & (keys >= 0)
    farmland_m2 = np.bincount(keys[counted], weights=area_m2[counted], minlength=len(codes))
    return UnitFarmland(codes, farmland_m2, area_label, table, farmland, padded, measure)
