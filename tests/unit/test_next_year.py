import shapely
from osgeo import ogr

from sample_county.county import CountyConfig, generate_county
from sample_county.nextyear import derive_next_year


def read(path, layer):
    dataset = ogr.Open(str(path))
    rows = {}
    for f in dataset.GetLayerByName(layer):
        rows[f.GetField("BSM")] = shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))
    return rows


def test_next_year_edits(tmp_path):
    county = generate_county(tmp_path / "c", CountyConfig(townships=2, villages=2, groups=2, parcels=400, photos=0))
    counts = derive_next_year(county, tmp_path / "next.gpkg", shifted=0.05, split=0.05, deleted=0.05)
    before, after = read(county.gpkg, "dltb"), read(tmp_path / "next.gpkg", "dltb")
    share = int(0.05 * len(before))
    assert counts == {"shifted": share, "split": share, "deleted": share, "changed": 0}
    assert len(after) == len(before) + counts["split"] - counts["deleted"]
    halves = [b for b in after if b.endswith("-2")]
    assert len(halves) == share
    for bsm in halves:
        whole = before[bsm[:-2]]
        assert abs(after[bsm].area + after[bsm[:-2]].area - whole.area) < 1e-6 * whole.area
    moved = [b for b in after if b in before and not b.endswith("-2") and not after[b].equals(before[b])]
    assert len(moved) == counts["shifted"] + counts["split"]
    assert len(set(before) - set(after)) == counts["deleted"]
