"""farmlandgrid:exportatlas and exportsignboards on the generated county: pages, text, pictures and QR codes."""

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from qgis.core import QgsProcessingException

from farmland_grid_plugin.services.layouts import TEMPLATES

from .helpers import RecordingFeedback, editable_copy, open_layer, run_algorithm

VILLAGE, GROUP = 2, 3  # LEVEL enum values (county, township, village, group)
# Layout item types of QGIS core (page, group, picture, label, legend, shape, scale bar, map…): the
# shipped templates must open in any QGIS without this plugin.
CORE_ITEM_TYPES = {str(t) for t in range(65637, 65652)}

_made = {}  # county folder → the algorithm outputs the exports start from, made once


@pytest.fixture
def inputs(provider, county, tmp_path_factory):
    """Grid (with roster), coded parcels, and quotaoverlay's units at village level with decomposed targets."""
    key = str(county.directory)
    if key not in _made:
        folder = tmp_path_factory.mktemp("maps")
        run_algorithm(
            "farmlandgrid:delineategrid",
            {
                "INPUT": county.uri(county.parcels_layer),
                "ROSTER": str(county.roster_csv),
                "OUTPUT": str(folder / "grid.gpkg"),
                "OUTPUT_ISSUES": "memory:",
            },
        )
        run_algorithm(
            "farmlandgrid:assignspacecodes",
            {
                "INPUT": county.uri(county.parcels_layer),
                "OUTPUT": str(folder / "coded.gpkg"),
                "OUTPUT_LINEAGE": "memory:",
            },
        )
        run_algorithm(
            "farmlandgrid:decomposetargets",
            {
                "PARCELS": county.uri(county.parcels_layer),
                "TARGETS": str(county.targets_csv),
                "OUTPUT": str(folder / "targets.gpkg"),
            },
        )
        run_algorithm(
            "farmlandgrid:quotaoverlay",
            {
                "PARCELS": county.uri(county.parcels_layer),
                "PBF": county.uri(county.pbf_layer),
                "TARGETS": str(folder / "targets.gpkg"),
                "TARGET_CODE_FIELD": "grid_code",
                "LEVEL": 2,
                "OUTPUT_UNITS": str(folder / "units.gpkg"),
            },
        )
        _made[key] = {name: str(folder / f"{name}.gpkg") for name in ("grid", "coded", "units")}
    return _made[key]


def cells_of(grid, level):
    """grid_code → cell of one level (1–6), sorted by code."""
    layer = open_layer(grid, "grid")
    return dict(sorted((f["grid_code"], f) for f in layer.getFeatures() if f["level"] == level))


def units_of(units):
    return {f["unit_code"]: f for f in open_layer(units, "units").getFeatures()}


def pdf_pages(path):
    """Text of every page (pdftotext keeps the page breaks as form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def page_count(path):
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def render(path, page, folder, dpi=150):
    """One PDF page rendered by poppler, as a PIL image."""
    stem = folder / f"{path.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(path), str(stem)], check=True
    )
    return Image.open(f"{stem}.png").convert("RGB")


def qr_texts(image):
    return sorted(b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode)


def compact(text):
    return re.sub(r"\s+", "", text)


def has_colour(image, rgb, tolerance=12, minimum=200):
    """Whether at least ``minimum`` pixels are within ``tolerance`` of a colour."""
    pixels = image.getdata()
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, rgb)))
    return near >= minimum


def test_atlas_has_a_page_per_village_with_persons_areas_and_qr_codes(inputs, county, tmp_path):
    villages = cells_of(inputs["grid"], 5)
    units = units_of(inputs["units"])
    pdf = tmp_path / "atlas.pdf"
    images = tmp_path / "images"
    feedback = RecordingFeedback()
    result = run_algorithm(
        "farmlandgrid:exportatlas",
        {
            "GRID": inputs["grid"],
            "LEVEL": VILLAGE,
            "PARCELS": inputs["coded"],
            "PBF": county.uri(county.pbf_layer),
            "UNITS": inputs["units"],
            "OUTPUT": str(pdf),
            "IMAGE_FOLDER": str(images),
            "DPI": 150,
            "IMAGE_DPI": 120,
        },
        feedback,
    )
    assert result["PAGES"] == len(villages) == 12
    assert page_count(pdf) == len(villages)
    pages = pdf_pages(pdf)
    today = date.today()
    for text, (code, cell) in zip(pages, villages.items()):  # pages in grid code order
        flat = compact(text)
        unit = units[code]
        assert f"{cell['unit_name']}耕地保护网格责任图" in flat
        assert f"网格编码{code}" in flat
        for name, phone in zip(cell["persons"].split("; "), cell["phones"].split("; ")):
            assert name in flat and phone in flat
        assert f"耕地面积：{unit['farmland_mu']:,.2f}亩" in flat
        assert f"保有目标{unit['farmland_target_mu']:,.2f}亩" in flat
        assert f"永久基本农田：{unit['pbf_mu']:,.2f}亩" in flat
        assert f"保护目标{unit['pbf_target_mu']:,.2f}亩" in flat
        assert f"制图日期：{today.year}年{today.month}月{today.day}日" in flat
        assert f"地块：{cell['parcel_count']}块，其中耕地{cell['farmland_count']}块" in flat
    # One PNG per cell, named after it, holding its QR code; the PDF's pages decode the same way.
    assert sorted(p.stem for p in images.glob("*.png")) == list(villages)
    for code in villages:
        picture = Image.open(images / f"{code}.png").convert("RGB")
        assert qr_texts(picture) == [code]
    first = render(pdf, 1, tmp_path)
    assert qr_texts(first) == [next(iter(villages))]
    assert has_colour(first, (0xF4, 0xE7, 0xA1))  # farmland parcels
    assert has_colour(first, (0xC0, 0x39, 0x2B))  # the cell's boundary and its place on the locator map


def test_atlas_labels_parcels_with_short_codes_of_the_page_cell(inputs, county, tmp_path):
    village = next(iter(cells_of(inputs["grid"], 5)))
    coded = open_layer(inputs["coded"], "coded")
    codes = [f["space_code"] for f in coded.getFeatures() if isinstance(f["space_code"], str)]  # farmland only
    short = {c[12:15] + "-" + c[15:20] for c in codes if c.startswith(village)}
    pdf = tmp_path / "one.pdf"
    result = run_algorithm(
        "farmlandgrid:exportatlas",
        {
            "GRID": inputs["grid"],
            "LEVEL": VILLAGE,
            "CODE_PREFIX": village,
            "PARCELS": inputs["coded"],
            "PBF": county.uri(county.pbf_layer),
            "OUTPUT": str(pdf),
        },
    )
    assert result["PAGES"] == 1
    (text,) = pdf_pages(pdf)
    found = set(re.findall(r"\b\d{3}-\d{5}\b", text))
    assert found and found <= short  # only this village's parcels carry labels
    assert len(found) >= 0.8 * len(short), (len(found), len(short))
    flat = compact(text)
    assert "（未下达目标）" in flat  # no units table: the grid's area, no target
    assert "永久基本农田" in flat and "本网格" in flat and "耕地" in flat  # legend


def test_atlas_of_groups_of_one_village_labels_serials(inputs, tmp_path):
    village = next(iter(cells_of(inputs["grid"], 5)))
    groups = [code for code in cells_of(inputs["grid"], 6) if code.startswith(village)]
    pdf = tmp_path / "groups.pdf"
    result = run_algorithm(
        "farmlandgrid:exportatlas",
        {"GRID": inputs["grid"], "LEVEL": GROUP, "CODE_PREFIX": village, "PARCELS": inputs["coded"], "OUTPUT": str(pdf)},
    )
    assert result["PAGES"] == len(groups) == 3
    pages = pdf_pages(pdf)
    assert [re.search(r"网格编码 (\d+)", p).group(1) for p in pages] == groups
    assert all(re.search(r"\b\d{5}\b", p) for p in pages)  # serials alone on a group's page


def test_shipped_templates_use_core_items_and_a_data_defined_qr_path():
    for name in ("responsibility_atlas.qpt", "sign_board.qpt"):
        root = ET.parse(TEMPLATES / name).getroot()
        items = root.iter("LayoutItem")
        types = {item.get("type") for item in items}
        assert types <= CORE_ITEM_TYPES, (name, types - CORE_ITEM_TYPES)
        (qr,) = [item for item in root.iter("LayoutItem") if item.get("id") == "qr_code"]
        fields = [o.get("value") for o in qr.iter("Option") if o.get("name") == "field"]
        assert fields == ["qr_path"]


def test_atlas_errors_name_what_is_wrong(inputs, tmp_path):
    base = {"GRID": inputs["grid"], "PARCELS": inputs["coded"], "OUTPUT": str(tmp_path / "x.pdf")}
    with pytest.raises(QgsProcessingException, match="no cell of level 5.*starts with '99'"):
        run_algorithm("farmlandgrid:exportatlas", {**base, "CODE_PREFIX": "99"})
    grid = editable_copy(open_layer(inputs["grid"], "grid"))
    grid.dataProvider().deleteAttributes([grid.fields().lookupField("phones")])
    grid.updateFields()
    with pytest.raises(QgsProcessingException, match="phones"):
        run_algorithm("farmlandgrid:exportatlas", {**base, "GRID": grid})
    units = editable_copy(open_layer(inputs["units"], "units"))
    units.dataProvider().deleteAttributes([units.fields().lookupField("pbf_target_mu")])
    units.updateFields()
    with pytest.raises(QgsProcessingException, match="pbf_target_mu"):
        run_algorithm("farmlandgrid:exportatlas", {**base, "UNITS": units})
    # A user's template without the main map.
    text = (TEMPLATES / "responsibility_atlas.qpt").read_text(encoding="utf-8").replace('id="main_map"', 'id="map 1"')
    (tmp_path / "mine.qpt").write_text(text, encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="mine.qpt.*main_map"):
        run_algorithm("farmlandgrid:exportatlas", {**base, "TEMPLATE": str(tmp_path / "mine.qpt")})
    (tmp_path / "broken.qpt").write_text("<Layout><Broken", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="broken.qpt is not valid XML"):
        run_algorithm("farmlandgrid:exportatlas", {**base, "TEMPLATE": str(tmp_path / "broken.qpt")})
    assert not (tmp_path / "x.pdf").exists()


def test_sign_boards_one_pdf_per_board_and_a4_sheets(inputs, tmp_path):
    groups = cells_of(inputs["grid"], 6)
    folder = tmp_path / "boards"
    sheets = tmp_path / "sheets.pdf"
    result = run_algorithm(
        "farmlandgrid:exportsignboards",
        {"GRID": inputs["grid"], "LEVEL": GROUP, "FOLDER": str(folder), "SHEETS": str(sheets)},
    )
    assert result["BOARDS"] == len(groups)
    assert result["SHEET_PAGES"] == math.ceil(len(groups) / 8) == page_count(sheets)  # 2 × 4 plates of 90 × 60 mm per A4
    assert sorted(p.stem for p in folder.glob("*.pdf")) == list(groups)
    for code, cell in list(groups.items())[:4]:
        board = folder / f"{code}.pdf"
        assert page_count(board) == 1
        flat = compact(pdf_pages(board)[0])
        assert "耕地保护标识牌" in flat and cell["unit_name"] in flat and code in flat
        for name, phone in zip(cell["persons"].split("; "), cell["phones"].split("; ")):
            assert name in flat and phone in flat
        assert f"耕地{cell['farmland_mu']:,.2f}亩" in flat
        assert qr_texts(render(board, 1, tmp_path, dpi=300)) == [code]
    first_sheet = compact(pdf_pages(sheets)[0])
    first_eight = list(groups)[:8]
    assert all(groups[code]["unit_name"] in first_sheet for code in first_eight)
    assert qr_texts(render(sheets, 1, tmp_path, dpi=200)) == sorted(first_eight)


def test_sign_boards_with_quota_areas_and_their_errors(inputs, tmp_path):
    villages = cells_of(inputs["grid"], 5)
    units = units_of(inputs["units"])
    folder = tmp_path / "boards"
    run_algorithm(
        "farmlandgrid:exportsignboards",
        {"GRID": inputs["grid"], "LEVEL": VILLAGE, "UNITS": inputs["units"], "FOLDER": str(folder)},
    )
    code = next(iter(villages))
    flat = compact(pdf_pages(folder / f"{code}.pdf")[0])
    assert f"耕地{units[code]['farmland_mu']:,.2f}亩" in flat
    assert f"永久基本农田{units[code]['pbf_mu']:,.2f}亩" in flat
    with pytest.raises(QgsProcessingException, match="folder for one PDF per board, a PDF of sheets"):
        run_algorithm("farmlandgrid:exportsignboards", {"GRID": inputs["grid"], "FOLDER": None, "SHEETS": None})
    big = (TEMPLATES / "sign_board.qpt").read_text(encoding="utf-8").replace('size="90,60,mm"', 'size="300,220,mm"', 1)
    (tmp_path / "big.qpt").write_text(big, encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="300 × 220 mm, larger than an A4 sheet"):
        run_algorithm(
            "farmlandgrid:exportsignboards",
            {"GRID": inputs["grid"], "TEMPLATE": str(tmp_path / "big.qpt"), "FOLDER": None, "SHEETS": str(tmp_path / "s.pdf")},
        )
