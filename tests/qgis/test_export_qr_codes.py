"""farmlandgrid:exportqrcodes: files written, paths in the output, and the QR codes decoded back with a real reader."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QImage, QPainter
from qgis.PyQt.QtSvg import QSvgRenderer

from .helpers import RecordingFeedback, coded_parcels, run_algorithm

ALG = "farmlandgrid:exportqrcodes"


def set_codes(layer, codes_by_fid):
    index = layer.fields().lookupField("space_code")
    assert layer.dataProvider().changeAttributeValues({fid: {index: code} for fid, code in codes_by_fid.items()})


def decode(image):
    """Text of the single QR code in a PIL image."""
    (barcode,) = zxingcpp.read_barcodes(image)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    return barcode


def render_svg(path, out_png):
    """Draw an SVG as a print layout picture item would (Qt's SVG renderer) and return it as a PIL image."""
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(renderer.defaultSize(), QImage.Format_RGB32)
    image.fill(Qt.gray)  # a coloured page behind: the code must bring its own white background
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert image.save(str(out_png))
    return Image.open(out_png)


def test_png_and_svg_decode_to_the_codes(provider, county, tmp_path):
    layer = coded_parcels(county)
    folder = tmp_path / "qr"
    result = run_algorithm(ALG, {"INPUT": layer, "FOLDER": str(folder), "OUTPUT": "memory:"})
    out = result["OUTPUT"]
    assert result["WRITTEN"] == layer.featureCount() and result["SKIPPED"] == 0
    assert Path(result["FOLDER"]) == folder
    assert out.featureCount() == layer.featureCount()
    originals = {f["BSM"]: f for f in layer.getFeatures()}
    for feature in out.getFeatures():
        code = feature["space_code"]
        original = originals[feature["BSM"]]
        assert feature["ZLDWDM"] == original["ZLDWDM"] and feature.geometry().equals(original.geometry())
        png, svg = Path(feature["qr_png"]), Path(feature["qr_svg"])
        assert png.is_absolute() and png == folder / f"{code}.png" and png.is_file()
        assert svg == folder / f"{code}.svg" and svg.is_file()
        barcode = decode(Image.open(png))
        assert barcode.text == code
        assert barcode.ec_level in ("Q", "H")  # at least Q for posts in the field
        assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        assert decode(render_svg(svg, tmp_path / "svg.png")).text == code
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{f['space_code']}.{kind}" for f in layer.getFeatures() for kind in ("png", "svg")
    )


def test_url_template_png_only_and_module_size(provider, county, tmp_path):
    layer = coded_parcels(county, limit=5)
    result = run_algorithm(
        ALG,
        {
            "INPUT": layer,
            "PAYLOAD": "https://example.org/parcel/{space_code}?unit={ZLDWDM}",
            "FORMATS": 1,
            "SCALE": 4,
            "FOLDER": str(tmp_path),
            "OUTPUT": "memory:",
        },
    )
    assert result["WRITTEN"] == 5
    for feature in result["OUTPUT"].getFeatures():
        assert feature["qr_svg"] is None or feature["qr_svg"] == QVariant()
        image = Image.open(feature["qr_png"])
        # A QR symbol of version v has 17 + 4v modules, plus the 4-module quiet zone on each side.
        version = (image.width // 4 - 8 - 17) // 4
        assert image.width == image.height == (17 + 4 * version + 8) * 4
        expected = f"https://example.org/parcel/{feature['space_code']}?unit={feature['ZLDWDM']}"
        assert decode(image).text == expected
    assert not list(tmp_path.glob("*.svg"))


def test_empty_duplicate_and_invalid_codes(provider, county, tmp_path):
    layer = coded_parcels(county, limit=10)
    fids = [f.id() for f in layer.getFeatures()]
    codes = {f.id(): f["space_code"] for f in layer.getFeatures()}
    good = codes[fids[0]]
    wrong_check = codes[fids[5]][:-1] + ("0" if codes[fids[5]][-1] != "0" else "1")
    set_codes(layer, {fids[1]: None, fids[2]: "", fids[3]: "  ", fids[4]: good, fids[5]: wrong_check})
    feedback = RecordingFeedback()
    result = run_algorithm(ALG, {"INPUT": layer, "FOLDER": str(tmp_path), "OUTPUT": "memory:"}, feedback)
    assert result["SKIPPED"] == 3
    assert result["WRITTEN"] == 10 - 3 - 1  # the duplicate is written once
    out = {f["BSM"]: f for f in result["OUTPUT"].getFeatures()}
    by_fid = {f.id(): f["BSM"] for f in layer.getFeatures()}
    for fid in fids[1:4]:
        assert out[by_fid[fid]]["qr_png"] in (None, QVariant())
    assert out[by_fid[fids[4]]]["qr_png"] == out[by_fid[fids[0]]]["qr_png"] == str(tmp_path / f"{good}.png")
    # A code failing its check is still written, with a warning naming what is wrong.
    assert decode(Image.open(out[by_fid[fids[5]]]["qr_png"])).text == wrong_check
    assert any(wrong_check in line and "check character" in line for line in feedback.lines)
    skipped = next(line for line in feedback.lines if "were skipped" in line)
    assert skipped.startswith("3 features have no code in space_code")
    assert all(str(fid) in skipped for fid in fids[1:4])


def test_unknown_placeholder_and_unpaired_brace_are_explained(provider, county, tmp_path):
    layer = coded_parcels(county, limit=3)
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG, {"INPUT": layer, "PAYLOAD": "https://x.org/{space_cod}", "FOLDER": str(tmp_path), "OUTPUT": "memory:"})
    message = str(info.value)
    assert "{space_cod}" in message and "not a field" in message
    assert "space_code" in message.split("its fields are:")[1] and "ZLDWDM" in message
    with pytest.raises(QgsProcessingException, match="not a valid template"):
        run_algorithm(ALG, {"INPUT": layer, "PAYLOAD": "{space_code", "FOLDER": str(tmp_path), "OUTPUT": "memory:"})
    assert not list(tmp_path.iterdir())


def test_other_code_field_file_names_made_safe(provider, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:4527&field=grid_code:string", "cells", "memory")
    codes = ["130123/001", "130123_001", "CON", "130123 002"]
    features = []
    for code in codes:
        feature = QgsFeature(layer.fields())
        feature["grid_code"] = code
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    result = run_algorithm(
        ALG,
        {"INPUT": layer, "CODE_FIELD": "grid_code", "PAYLOAD": "", "FORMATS": 2, "FOLDER": str(tmp_path), "OUTPUT": "memory:"},
    )
    assert result["WRITTEN"] == 4
    paths = {f["grid_code"]: Path(f["qr_svg"]) for f in result["OUTPUT"].getFeatures()}
    assert {code: p.name for code, p in paths.items()} == {
        "130123/001": "130123_001.svg",
        "130123_001": "130123_001-2.svg",  # the same file name as the code before: not overwritten
        "CON": "_CON.svg",
        "130123 002": "130123_002.svg",
    }
    for code, path in paths.items():
        # An empty payload template means the code itself.
        assert decode(render_svg(path, tmp_path / "render.png")).text == code
