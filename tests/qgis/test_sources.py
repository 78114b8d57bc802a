"""Reading whole GeoPackage layers directly through GDAL gives the same values as reading through QGIS."""

from osgeo import ogr, osr
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from farmland_grid_plugin.services.sources import read_columns


def test_boolean_columns_come_back_on_their_rows(tmp_path):
    """GDAL 3.6's Arrow stream puts bit-packed booleans on the wrong rows; such layers are read through QGIS."""
    path = tmp_path / "flags.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4527)
    layer = dataset.CreateLayer("flags", srs, ogr.wkbPoint)
    field = ogr.FieldDefn("flag", ogr.OFTInteger)
    field.SetSubType(ogr.OFSTBoolean)
    layer.CreateField(field)
    flags = [1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1]
    for i, flag in enumerate(flags):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("flag", flag)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({39500000 + i} 4200000)"))
        layer.CreateFeature(feature)
    dataset = None
    qgis_layer = QgsVectorLayer(f"{path}|layername=flags", "flags", "ogr")
    columns = read_columns(qgis_layer, ["flag"], QgsProcessingContext(), QgsProcessingFeedback(), layer=qgis_layer)
    assert [bool(v) for v in columns.columns["flag"]] == [bool(f) for f in flags]
