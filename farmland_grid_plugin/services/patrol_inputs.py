"""The grid and the farmland parcels a patrol check runs on, read into arrays in the working CRS."""

from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from ..domain import patrol
from ..domain.landclass import farmland_mask
from ..domain.messages import QT_TR_NOOP, DomainError
from .crs import is_metric_crs, local_metric_crs
from .sources import read_columns, require_field
from .tracks import transformer


@dataclass(frozen=True)
class LayerInput:
    """A source, and its GeoPackage layer when it may be read directly in the working CRS (else None)."""

    source: QgsFeatureSource
    layer: Optional[QgsVectorLayer] = None


@dataclass(frozen=True)
class FarmlandInput(LayerInput):
    """Parcels and how their farmland is told: the land class field (None: every parcel) and classes, the space code field."""

    class_field: Optional[str] = None
    classes: Sequence[str] = ()
    code_field: Optional[str] = None


@dataclass(frozen=True)
class Grid:
    """Grid cells from delineategrid: hierarchy, geometries, unit names and responsible persons."""

    cells: patrol.Cells
    geoms: np.ndarray
    names: List[str]
    persons: List[str]


@dataclass(frozen=True)
class FarmlandParcels:
    """The farmland parcels: source feature ids, space codes (None without a code field) and geometries."""

    fids: np.ndarray
    space_codes: list
    geoms: np.ndarray


def working_crs(grid: QgsFeatureSource) -> QgsCoordinateReferenceSystem:
    """The grid's CRS when projected in metres, else a transverse Mercator around the grid's longitude:
    distances from the paths are metres."""
    crs = grid.sourceCrs()
    if is_metric_crs(crs):
        return crs
    centre = grid.sourceExtent().center()
    lon, _lat = transformer(crs, QgsCoordinateReferenceSystem("EPSG:4326")).transform(centre.x(), centre.y())
    return local_metric_crs(lon)


def read_grid(
    grid: LayerInput, work_crs: QgsCoordinateReferenceSystem, context: QgsProcessingContext, feedback: QgsProcessingFeedback
) -> Grid:
    """The cells with their parents; a cell without code or with a level outside 1–6 is refused."""
    source = grid.source
    for name in ("grid_code", "level", "parent_code"):
        require_field(source, name, "GRID")
    optional = [n for n in ("unit_name", "persons") if source.fields().lookupField(n) >= 0]
    fields = ["grid_code", "level", "parent_code", *optional]
    columns = read_columns(source, fields, context, feedback, dest_crs=work_crs, span=(0, 3), layer=grid.layer)
    codes = np.array([str(c or "") for c in columns.columns["grid_code"]], dtype=object)
    levels = np.array([int(v) if v is not None else 0 for v in columns.columns["level"]], dtype=np.int64)
    parents = np.array([str(c or "") for c in columns.columns["parent_code"]], dtype=object)
    bad = np.flatnonzero((codes == "") | (levels < 1) | (levels > 6))
    if len(bad):
        raise DomainError(
            QT_TR_NOOP("Grid cell {fid} has no grid_code or a level outside 1–6; use the grid from delineategrid"),
            fid=columns.fids[bad[0]],
        )
    names = columns.columns.get("unit_name") or [""] * len(codes)
    persons = columns.columns.get("persons") or [""] * len(codes)
    cells = patrol.Cells(codes, levels, patrol.parent_indices(codes.tolist(), parents.tolist()))
    return Grid(cells, shapely.make_valid(columns.geoms), [n or "" for n in names], [p or "" for p in persons])


def read_farmland(
    parcels: FarmlandInput, work_crs: QgsCoordinateReferenceSystem, context: QgsProcessingContext, feedback: QgsProcessingFeedback
) -> FarmlandParcels:
    """The farmland parcels (every parcel without a class field) that have a geometry."""
    fields = [parcels.class_field, parcels.code_field]
    columns = read_columns(parcels.source, fields, context, feedback, dest_crs=work_crs, span=(5, 12), layer=parcels.layer)
    if parcels.class_field:
        keep = farmland_mask(columns.columns[parcels.class_field], parcels.classes)
    else:
        keep = np.ones(len(columns), bool)
    keep &= shapely.is_geometry(columns.geoms) & ~shapely.is_empty(columns.geoms)
    index = np.flatnonzero(keep)
    codes = columns.columns[parcels.code_field] if parcels.code_field else [None] * len(columns)
    return FarmlandParcels(np.asarray(columns.fids)[index], [codes[i] for i in index.tolist()], columns.geoms[index])
