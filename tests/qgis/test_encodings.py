"""Inputs as Chinese offices save them: GBK CSV from Excel, GBK Shapefiles without a .cpg."""

from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

from farmland_grid_plugin.services.encoding import GB18030, UTF8, guess_encoding

from .helpers import RecordingFeedback, open_layer, run_algorithm


def cells(result):
    return {f["grid_code"]: (f["unit_name"], f["persons"], f["phones"]) for f in result["OUTPUT"].getFeatures()}


def grid(county, feedback=None, **parameters):
    defaults = {"INPUT": county.uri(county.parcels_layer), "ROSTER": str(county.roster_csv)}
    return run_algorithm(
        "farmlandgrid:delineategrid", {**defaults, **parameters, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"}, feedback
    )


def gbk_copy(path, target):
    target.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    return target


def gbk_shapefile_without_cpg(county, target):
    """The parcels as a GBK Shapefile whose .cpg is lost, as they often arrive from other offices."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = "GBK"
    layer = open_layer(county.uri(county.parcels_layer))
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(target), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    target.with_suffix(".cpg").unlink()
    return target


def test_guessing_the_encoding_of_files(tmp_path, county):
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text("名称\n城关镇\n", encoding="utf-8")
    bom = tmp_path / "bom.csv"
    bom.write_text("名称\n城关镇\n", encoding="utf-8-sig")
    gbk = gbk_copy(utf8, tmp_path / "gbk.csv")
    assert (guess_encoding(utf8).encoding, guess_encoding(utf8).guessed) == (UTF8, False)
    assert guess_encoding(bom).encoding == UTF8
    assert (guess_encoding(gbk).encoding, guess_encoding(gbk).guessed) == (GB18030, True)
    assert guess_encoding(tmp_path / "x.gpkg") is None  # GeoPackages are UTF-8 by definition


def test_gbk_roster_from_excel_gives_the_same_persons(provider, county, tmp_path):
    expected = cells(grid(county))
    assert any("王" in persons or "李" in persons for _, persons, _ in expected.values())
    feedback = RecordingFeedback()
    found = cells(grid(county, feedback, ROSTER=str(gbk_copy(county.roster_csv, tmp_path / "roster_gbk.csv"))))
    assert found == expected
    assert any("roster_gbk.csv" in line and "GB18030" in line for line in feedback.lines), feedback.lines
    assert not any("could not be decoded" in line for line in feedback.lines)


def test_gbk_shapefile_without_cpg_keeps_unit_names(provider, county, tmp_path):
    expected = cells(grid(county))
    shapefile = gbk_shapefile_without_cpg(county, tmp_path / "dltb.shp")
    raw = QgsVectorLayer(str(shapefile), "raw", "ogr")
    assert any("\ufffd" in (f["ZLDWMC"] or "") for f in raw.getFeatures())  # what QGIS alone would read
    feedback = RecordingFeedback()
    found = cells(grid(county, feedback, INPUT=str(shapefile)))
    assert {code: name for code, (name, _, _) in found.items()} == {code: name for code, (name, _, _) in expected.items()}
    assert any("dltb.shp" in line and "GB18030" in line for line in feedback.lines), feedback.lines


def test_forcing_utf8_on_a_gbk_file_says_what_could_not_be_decoded(provider, county, tmp_path):
    roster = gbk_copy(county.roster_csv, tmp_path / "roster_gbk.csv")
    feedback = RecordingFeedback()
    grid(county, feedback, ROSTER=str(roster), INPUT_ENCODING=1)
    assert any("could not be decoded" in line and "person" in line for line in feedback.lines), feedback.lines
