"""The sample county a year later: the land-survey update that space codes must survive."""

import numpy as np
import shapely
from osgeo import gdal, ogr


def _set_geometry(feature, geom):
    multi = shapely.multipolygons(shapely.get_parts(geom))
    feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(multi, output_dimension=2)))


def derive_next_year(county, target, seed=2026, shifted=0.03, split=0.01, deleted=0.01):
    """Write the parcels of ``county`` a year later to the GeoPackage ``target`` (layer ``dltb``).

    A share of the parcels is redrawn shifted by up to half a metre, split in two (the second
    half gets BSM + ``-2``) or deleted; the rest is unchanged. Returns the counts of each edit.
    """
    gdal.UseExceptions()
    rng = np.random.default_rng(seed)
    gdal.VectorTranslate(str(target), str(county.gpkg), layers=[county.parcels_layer], layerName="dltb")
    dataset = ogr.Open(str(target), update=1)
    layer = dataset.GetLayerByName("dltb")
    fids = np.array([f.GetFID() for f in layer], dtype=np.int64)
    chosen = rng.permutation(fids)
    cuts = np.cumsum([int(share * len(fids)) for share in (shifted, split, deleted)])
    to_shift, to_split, to_delete = chosen[: cuts[0]], chosen[cuts[0] : cuts[1]], chosen[cuts[1] : cuts[2]]
    dataset.StartTransaction()
    for fid in to_shift:
        feature = layer.GetFeature(int(fid))
        geom = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
        _set_geometry(feature, shapely.affinity.translate(geom, *rng.uniform(-0.5, 0.5, 2)))
        layer.SetFeature(feature)
    for fid in to_split:
        feature = layer.GetFeature(int(fid))
        geom = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
        xmin, ymin, xmax, ymax = geom.bounds
        mid = (xmin + xmax) / 2
        piece = feature.Clone()
        _set_geometry(feature, shapely.clip_by_rect(geom, xmin - 1, ymin - 1, mid, ymax + 1))
        layer.SetFeature(feature)
        piece.SetFID(-1)
        piece.SetField("BSM", f"{feature.GetField('BSM')}-2")
        _set_geometry(piece, shapely.clip_by_rect(geom, mid, ymin - 1, xmax + 1, ymax + 1))
        layer.CreateFeature(piece)
    for fid in to_delete:
        layer.DeleteFeature(int(fid))
    dataset.CommitTransaction()
    dataset = None  # closes the GeoPackage
    return {"shifted": len(to_shift), "split": len(to_split), "deleted": len(to_delete)}
