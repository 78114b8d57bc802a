"""The city's shared layers (PBF, change patches) cut to one county before its quota step.

A county's quotaoverlay only counts what lies on its parcels, so it needs only the features whose
bounding box meets the county's (a margin added): a third of a three-county city's PBF, read and
held by its worker. The cut keeps the source's CRS, fields and feature ids, so the county's step
computes exactly what it would on the whole layer. Rows are copied as they are by the layer's R-tree
(gpkg_cut.copy_rows); a layer without one goes through GDAL's spatial filter. Change patches lying in
no county of the batch are given to one county (the holder), so the merge still lists every patch once.

Only a GeoPackage layer named plainly (``file.gpkg|layername=x``) is cut: other formats and sources
with a subset or other options are read whole, as GDAL and QGIS might decode them differently.
"""

import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from osgeo import gdal, osr

from ..domain.messages import QT_TR_NOOP, DomainError
from . import gpkg_cut

Box = Tuple[float, float, float, float]  # min x, min y, max x, max y
MARGIN = 0.01  # of the box's larger side, around every county's box: rounding of the reprojected corners


def cuttable(source: str) -> Optional[Tuple[Path, str]]:
    """(file, layer) of a source this module cuts, or None (read whole)."""
    parts = str(source).split("|")
    layer = re.fullmatch(r"layername=(.+)", parts[1]) if len(parts) == 2 else None
    if not source or not parts[0].lower().endswith(".gpkg") or layer is None:
        return None
    return Path(parts[0]), layer.group(1)


def _gis_order(srs):
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def county_box(county_source: str, target: Path, layer_name: str) -> Optional[Box]:
    """The county layer's bounding box in the CRS of ``layer_name`` in ``target``, a margin added; None: unknown."""
    county_path, _, rest = str(county_source).partition("|")
    found = re.search(r"layername=([^|]+)", rest)
    dataset = gdal.OpenEx(county_path, gdal.OF_VECTOR | gdal.OF_READONLY)
    shared = gdal.OpenEx(str(target), gdal.OF_VECTOR | gdal.OF_READONLY)
    if dataset is None or shared is None or shared.GetLayerByName(layer_name) is None:
        return None
    layer = dataset.GetLayerByName(found.group(1)) if found else dataset.GetLayer(0)
    shared_srs = shared.GetLayerByName(layer_name).GetSpatialRef()
    if layer is None or layer.GetSpatialRef() is None or shared_srs is None:
        return None
    west, east, south, north = layer.GetExtent()
    source_srs, target_srs = _gis_order(layer.GetSpatialRef().Clone()), _gis_order(shared_srs.Clone())
    if not source_srs.IsSame(target_srs):
        transform = osr.CoordinateTransformation(source_srs, target_srs)
        west, south, east, north = transform.TransformBounds(west, south, east, north, 21)
    margin = MARGIN * max(east - west, north - south)
    return (west - margin, south - margin, east + margin, north + margin)


def _fids(layer, box: Optional[Box]) -> Set[int]:
    """The feature ids GDAL's spatial filter on ``box`` gives (every feature when None), attributes not read."""
    definition = layer.GetLayerDefn()
    layer.SetIgnoredFields([definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())])
    layer.SetSpatialFilterRect(*box) if box is not None else layer.SetSpatialFilter(None)
    fids = {feature.GetFID() for feature in layer}
    layer.SetSpatialFilter(None)
    layer.SetIgnoredFields([])
    return fids


def rest_fids(source: str, boxes: Sequence[Box]) -> List[int]:
    """The feature ids of ``source`` that meet none of the ``boxes`` (no geometry included), as the cuts see them."""
    path, name = cuttable(source)
    found = gpkg_cut.ids_outside(path, name, boxes)
    if found is not None:
        return found
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    layer = dataset.GetLayerByName(name)
    rest = _fids(layer, None)
    for box in boxes:
        rest -= _fids(layer, box)
    return sorted(rest)


def cut_layer(source: str, box: Box, target: Path, rest: Sequence[int] = ()) -> str:
    """Write the features of ``source`` meeting ``box``, and those of the ids ``rest`` (see rest_fids, for the county
    holding them), into the GeoPackage ``target``: same layer name, CRS, fields and feature ids. Returns its source."""
    path, name = cuttable(source)
    if gpkg_cut.copy_rows(path, name, target, box, rest):  # rows as they are, by the layer's R-tree
        return f"{target}|layername={name}"
    target.unlink(missing_ok=True)
    _translate(target, path, name, spatFilter=list(box))
    if rest:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
        fid_column = dataset.GetLayerByName(name).GetFIDColumn() or "fid"
        dataset = None
        for chunk in _chunks(list(rest), 5000):
            _translate(target, path, name, accessMode="append", where=f'"{fid_column}" IN ({",".join(map(str, chunk))})')
    return f"{target}|layername={name}"


def _chunks(values: List[int], size: int) -> Iterable[List[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _translate(target: Path, path: Path, name: str, **options) -> None:
    done = gdal.VectorTranslate(
        str(target),
        str(path),
        options=gdal.VectorTranslateOptions(options=["-preserve_fid"], format="GPKG", layers=[name], **options),
    )
    if done is None:
        raise DomainError(
            QT_TR_NOOP("Cannot cut {file} to the county in {output}: {error}"),
            file=f"{path}|layername={name}",
            output=str(target),
            error=gdal.GetLastErrorMsg(),
        )
    done = None


def boxes(counties: Dict[str, str], source: str) -> Dict[str, Optional[Box]]:
    """Every county's box (county key → county source) in the CRS of the shared ``source``."""
    path, name = cuttable(source)
    return {key: county_box(county, path, name) for key, county in counties.items()}
