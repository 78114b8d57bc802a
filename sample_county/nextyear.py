"""The sample county a year later: the land-survey update that space codes must survive."""

import numpy as np
import shapely
from osgeo import gdal, ogr

from farmland_grid_plugin.domain.landclass import DEFAULT_FARMLAND_CLASSES, LAND_CLASS_NAMES, base_class

#: What a changed farmland parcel becomes (出 to orchard, forest, grass, pond, facility land; 占 by housing and roads),
#: with weights; a changed parcel of any other class becomes farmland (进 or 补).
FARMLAND_BECOMES = {"0201": 3, "0301": 2, "0404": 1, "1104": 1, "1202": 1, "0702": 2, "1003": 1}
RIDGE_SHARE = 0.05  # ridge deduction (KCXS) of land that becomes farmland


def _set_geometry(feature, geom):
    multi = shapely.multipolygons(shapely.get_parts(geom))
    feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(multi, output_dimension=2)))


def _set_areas(feature, tbmj):
    """TBMJ, and KCMJ and TBDLMJ from it by the parcel's KCXS, as the survey derives them."""
    kcmj = round(tbmj * (feature.GetField("KCXS") or 0.0), 2)
    feature.SetField("TBMJ", round(tbmj, 2))
    feature.SetField("KCMJ", kcmj)
    feature.SetField("TBDLMJ", round(round(tbmj, 2) - kcmj, 2))


def _change_class(feature, rng):
    """Farmland to another class, any other class to farmland, with the areas that follow from it."""
    if base_class(feature.GetField("DLBM")) in DEFAULT_FARMLAND_CLASSES:
        names = list(FARMLAND_BECOMES)
        weights = np.array(list(FARMLAND_BECOMES.values()), dtype=float)
        code, ridge = names[rng.choice(len(names), p=weights / weights.sum())], 0.0
    else:
        code, ridge = DEFAULT_FARMLAND_CLASSES[rng.integers(len(DEFAULT_FARMLAND_CLASSES))], RIDGE_SHARE
    feature.SetField("DLBM", code)
    feature.SetField("DLMC", LAND_CLASS_NAMES[code])
    feature.SetField("KCXS", ridge)
    _set_areas(feature, feature.GetField("TBMJ"))


def derive_next_year(county, target, seed=2026, shifted=0.03, split=0.01, deleted=0.01, changed=0.0):
    """Write the parcels of ``county`` a year later to the GeoPackage ``target`` (layer ``dltb``).

    A share of the parcels is redrawn shifted by up to half a metre, split in two (the second
    half gets BSM + ``-2``; the areas are shared by the halves), deleted, or given another land class
    (farmland to orchard, forest, grass, pond, facility land, housing or road; other land to farmland;
    geometry unchanged); the rest is unchanged. Returns the counts of each edit.
    """
    gdal.UseExceptions()
    rng = np.random.default_rng(seed)
    gdal.VectorTranslate(str(target), str(county.gpkg), layers=[county.parcels_layer], layerName="dltb")
    dataset = ogr.Open(str(target), update=1)
    layer = dataset.GetLayerByName("dltb")
    fids = np.array([f.GetFID() for f in layer], dtype=np.int64)
    chosen = rng.permutation(fids)
    cuts = np.cumsum([int(share * len(fids)) for share in (shifted, split, deleted, changed)])
    to_shift, to_split, to_delete = chosen[: cuts[0]], chosen[cuts[0] : cuts[1]], chosen[cuts[1] : cuts[2]]
    to_change = chosen[cuts[2] : cuts[3]]
    dataset.StartTransaction()
    for fid in to_shift:
        feature = layer.GetFeature(int(fid))
        geom = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
        shift = rng.uniform(-0.5, 0.5, 2)
        shift *= min(1.0, 0.5 / max(float(np.hypot(*shift)), 1e-12))  # a survey adjustment: at most half a metre
        _set_geometry(feature, shapely.affinity.translate(geom, *shift))
        layer.SetFeature(feature)
    for fid in to_split:
        feature = layer.GetFeature(int(fid))
        geom = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
        xmin, ymin, xmax, ymax = geom.bounds
        mid = (xmin + xmax) / 2
        piece = feature.Clone()
        west = shapely.clip_by_rect(geom, xmin - 1, ymin - 1, mid, ymax + 1)
        share = west.area / geom.area
        tbmj = feature.GetField("TBMJ")
        _set_geometry(feature, west)
        _set_areas(feature, tbmj * share)
        layer.SetFeature(feature)
        piece.SetFID(-1)
        piece.SetField("BSM", f"{feature.GetField('BSM')}-2")
        _set_geometry(piece, shapely.clip_by_rect(geom, mid, ymin - 1, xmax + 1, ymax + 1))
        _set_areas(piece, tbmj * (1.0 - share))
        layer.CreateFeature(piece)
    for fid in to_delete:
        layer.DeleteFeature(int(fid))
    for fid in to_change:
        feature = layer.GetFeature(int(fid))
        _change_class(feature, rng)
        layer.SetFeature(feature)
    dataset.CommitTransaction()
    dataset = None  # closes the GeoPackage
    return {"shifted": len(to_shift), "split": len(to_split), "deleted": len(to_delete), "changed": len(to_change)}


def write_balance_tasks(county, path, seed=2026):
    """A table of in–out and occupation–compensation tasks (亩) for the townships of ``county``'s targets, as a
    county hands them down: the in–out task a few 亩 of farmland to restore, the occupation task 0 (补 ≥ 占)."""
    import csv

    rng = np.random.default_rng(seed)
    with open(county.targets_csv, encoding="utf-8") as handle:
        townships = [row for row in csv.DictReader(handle) if len(row["unit_code"]) == 9]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("unit_code", "unit_name", "inout_target_mu", "occupation_target_mu"))
        for row in townships:
            writer.writerow((row["unit_code"], row["unit_name"], f"{rng.uniform(0, 20):.2f}", "0"))
    return [row["unit_code"] for row in townships]
