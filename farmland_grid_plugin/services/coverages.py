"""A survey year's parcel layer read as the balance's ``Coverage``, and the metres in a unit of its CRS: shared
by farmlandbalance and the dashboard's yearly flows, so that both count the same pieces."""

from typing import Optional

import numpy as np
import shapely
from qgis.core import QgsFeatureSource, QgsProcessingContext, QgsProcessingFeedback, QgsUnitTypes, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, method_label
from ..domain.balance import Coverage
from ..domain.messages import QT_TR_NOOP, DomainError
from ..domain.unitcode import distinct_unit_codes
from ..i18n import render
from .crs import GeometryArea
from .sources import read_columns, to_number


def check_same_crs(previous: QgsFeatureSource, parcels: QgsFeatureSource) -> None:
    """Both years in one valid CRS, or a DomainError saying what to do: the overlay is exact only there, and the
    tolerance and minimum area need metres."""
    for source in (previous, parcels):
        if not source.sourceCrs().isValid():
            raise DomainError(
                QT_TR_NOOP(
                    "The layer {layer!r} has no CRS: the overlay's tolerance and minimum area are in metres; set the "
                    "layer's CRS (Layer Properties › Source)"
                ),
                layer=source.sourceName(),
            )
    if previous.sourceCrs() != parcels.sourceCrs():
        raise DomainError(
            QT_TR_NOOP(
                "Last year's parcels {previous!r} are in {previous_crs}, this year's {parcels!r} in {parcels_crs}: the "
                "two years must be in one CRS for an exact overlay; reproject one of them (Vector › Data Management "
                "Tools › Reproject Layer)"
            ),
            previous=previous.sourceName(),
            previous_crs=previous.sourceCrs().authid() or previous.sourceCrs().description(),
            parcels=parcels.sourceName(),
            parcels_crs=parcels.sourceCrs().authid() or parcels.sourceCrs().description(),
        )


def read_coverage(
    source: QgsFeatureSource,
    code_field: str,
    class_field: str,
    area_field: Optional[str],
    id_field: Optional[str],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    span=(0, 20),
    layer: Optional[QgsVectorLayer] = None,
) -> tuple:
    """(Coverage, area method label) of a parcel layer: the official area from ``area_field`` (m²; ellipsoidal where a
    value is unusable, and said so), or the ellipsoidal area without one. ``layer``: the whole GeoPackage layer,
    read directly."""
    table = read_columns(source, [code_field, class_field, area_field, id_field], context, feedback, span=span, layer=layer)
    measure = GeometryArea(METHOD_ELLIPSOIDAL, source.sourceCrs())
    if area_field:
        area_m2 = to_number(table.columns[area_field])
        unusable = ~np.isfinite(area_m2) & ~np.equal(table.geoms, None)
        if unusable.any():
            message = QCoreApplication.translate(
                "Coverages", "{0}: {1} parcels have no usable {2}; their ellipsoidal area is used"
            )
            feedback.reportError(message.format(source.sourceName(), int(unusable.sum()), area_field))
            area_m2[unusable] = measure(table.geoms[unusable])
        label = method_label(METHOD_FIELD, area_field)
    else:
        area_m2 = measure(table.geoms)
        label = measure.label
    missing = int(np.count_nonzero(np.equal(table.geoms, None)))
    if missing:
        message = QCoreApplication.translate("Coverages", "{0}: {1} parcels have no geometry and are left out of the overlay")
        feedback.reportError(message.format(source.sourceName(), missing))
    codes = distinct_unit_codes(table.columns[code_field])
    ids = table.columns[id_field] if id_field else [f"fid {fid}" for fid in table.fids]
    coverage = Coverage(
        geoms=table.geoms,
        classes=np.array(table.columns[class_field], dtype=object),
        area_m2=np.where(np.equal(table.geoms, None), 0.0, area_m2),
        codes=codes.padded_per_feature(),
        ids=np.array(["" if v is None else str(v) for v in ids], dtype=object),
    )
    return coverage, label


def metres_per_unit(source: QgsFeatureSource, geoms) -> float:
    """Metres in one unit of the layer's CRS: its own factor for a projected CRS; for a geographic one, from the
    ratio of the parcels' ellipsoidal to planar area (a degree's length varies with latitude; a county is small)."""
    crs = source.sourceCrs()
    if not crs.isGeographic():
        return QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceMeters)
    planar = float(np.nansum(shapely.area(geoms)))
    ellipsoidal = float(GeometryArea(METHOD_ELLIPSOIDAL, crs)(geoms).sum())
    return float(np.sqrt(ellipsoidal / planar)) if planar > 0 else 1.0


def yearly_flows(years, code_field, class_field, area_field, classes, context, feedback) -> list:
    """进, 出, 占, 补 per township between each pair of successive parcel layers (``years``: ParcelYear of the
    dashboard, in year order), as farmlandbalance counts them with its default tolerance and minimum area. A pair
    in two CRSs is skipped with a warning."""
    from ..domain import balance
    from ..domain.dashboard_balance import YearFlows
    from ..domain.unitcode import LEVEL_TOWNSHIP

    flows, read = [], {}
    for before, after in zip(years, years[1:]):
        try:
            check_same_crs(before.source, after.source)
        except DomainError as exc:
            feedback.pushWarning(render(exc.message))
            continue
        for year in (before, after):
            if year.label not in read:
                read[year.label] = read_coverage(
                    year.source, code_field, class_field, area_field, None, context, feedback, layer=year.direct
                )
        (prev, method), (curr, _) = read[before.label], read[after.label]
        overlay = balance.overlay_years(prev, curr, classes, unit_scale=metres_per_unit(after.source, curr.geoms))
        ledger = balance.build_ledger(overlay, prev, curr, classes, LEVEL_TOWNSHIP)
        per_unit = {code: tuple(round(float(v), 4) for v in ledger.flows_mu[k]) for k, code in enumerate(ledger.units)}
        flows.append(YearFlows(before.label, after.label, per_unit, method))
    return flows
