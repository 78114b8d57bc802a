"""quotaoverlay's task list (任务清单) on the sample county: change patches made with exactly the counts and areas of
every cell of a campaign table give back that table in the XLSX (merged header, every row, subtotal and total) and the
CSV; another county's definition gives its own columns; bad definitions and a missing measure field are named."""

import csv
import json

import numpy as np
import pytest
import shapely
from openpyxl import load_workbook
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from ..unit.test_task_table import SEED_COLUMNS, expected_row, split
from .helpers import MU, RecordingFeedback, ellipsoidal_m2, open_layer, run_algorithm

# The sample county's three townships: (count, 亩 to 0.1) per column of the seed layout (SEED_COLUMNS).
TABLE = {
    "130123001": [(3, 1.2), (2, 0.9), (1, 0.3), (0, 0.0), (2, 1.2), (1, 0.4), (2, 0.7)],
    "130123002": [(1, 0.5), (0, 0.0), (2, 0.8), (1, 0.2), (0, 0.0), (3, 1.5), (1, 0.6)],
    "130123003": [(0, 0.0), (4, 2.0), (0, 0.0), (2, 1.0), (1, 0.4), (0, 0.0), (0, 0.0)],
}
NAMES = {"130123001": "城关镇", "130123002": "柳林乡", "130123003": "白沙镇"}
SUBTOTALS = {"永久基本农田": True, "耕地保护目标": True, "耕地进出平衡任务": False}
# Another county's columns, over the same patches (field CZFS): the seed columns 0–3, 4–5 and 6 become its own.
OTHER_COUNTY = {
    "title": "某县违法用地整改任务表",
    "unit_heading": "镇",
    "area": "pbf",
    "blocks": [
        {
            "name": "违法用地整改",
            "subtotal": True,
            "columns": [{"name": "拆除复耕", "values": ["拆除复耕", "复耕"]}, {"name": "完善手续"}],
        },
        {"name": "进出平衡", "columns": [{"name": "流出恢复"}, {"name": "进出平衡"}]},
    ],
}
OTHER_VALUES = ("拆除复耕", "复耕", "完善手续", "完善手续", "流出恢复", "流出恢复", "进出平衡")


def square(parcels, layer, mu):
    """A square of ``mu`` 亩 (QGIS's ellipsoidal measure) inside the next of ``parcels`` it fits in (those are used)."""
    while parcels:
        parcel = parcels.pop()
        centre = shapely.get_point(shapely.maximum_inscribed_circle(parcel), 0)
        side = np.sqrt(mu * MU)
        for _ in range(3):  # Gauss-Krüger scale: planar and ellipsoidal areas differ by a few 1e-4
            geom = shapely.box(centre.x - side / 2, centre.y - side / 2, centre.x + side / 2, centre.y + side / 2)
            side *= np.sqrt(mu * MU / ellipsoidal_m2(layer, QgsGeometry.fromWkt(geom.wkt)))
        if parcel.contains(geom):
            return geom
    raise AssertionError("no parcel left that takes the square")


def sample_patches(county, table, extra=()):
    """A change-patch layer with ``table``'s counts and areas: PBF patches inside PBF parcels, the others inside
    farmland parcels off PBF; ``extra``: (township, ZGLX value) of further patches of 0.5 亩 off PBF."""
    parcels = open_layer(county.uri(county.parcels_layer), "dltb")
    on_pbf = {f["BSM"] for f in open_layer(county.uri(county.pbf_layer), "jbnt").getFeatures()}
    free = {}  # (township, on PBF) → farmland parcels not used yet
    for f in parcels.getFeatures():
        if f["DLBM"][:4] in ("0101", "0102", "0103"):
            free.setdefault((f["ZLDWDM"][:9], f["BSM"] in on_pbf), []).append(shapely.from_wkt(f.geometry().asWkt()))
    layer = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:4527&field=JCBH:string&field=HDLBM:string&field=ZGLX:string&field=CZFS:string", "bhtb", "memory"
    )
    features = []

    def add(township, pbf, mu, measure, other):
        feature = QgsFeature(layer.fields())
        geom = square(free[(township, pbf)], parcels, mu)
        feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        feature.setAttributes([f"P{len(features) + 1:03d}", "0702", measure, other])
        features.append(feature)

    for township, cells in table.items():
        for (_block, _column, value, pbf), other, (count, mu) in zip(SEED_COLUMNS, OTHER_VALUES, cells):
            for part in split(mu, count):
                add(township, pbf, part, value, other)
    for township, value in extra:
        add(township, False, 0.5, value, value)
    assert layer.dataProvider().addFeatures(features)
    return layer


def run_tasks(county, changes, path, feedback=None, **extra):
    params = {
        "PARCELS": county.uri(county.parcels_layer),
        "PBF": county.uri(county.pbf_layer),
        "TARGETS": str(county.targets_csv),
        "CHANGES": changes,
        "MEASURE_FIELD": "ZGLX",
        "OUTPUT_UNITS": "memory:",
        "OUTPUT_TASKS": str(path),
        **extra,
    }
    return run_algorithm("farmlandgrid:quotaoverlay", params, feedback)


def seed_rows():
    rows = [expected_row(code, NAMES[code], cells, SUBTOTALS) for code, cells in TABLE.items()]
    county = [(sum(c[k][0] for c in TABLE.values()), round(sum(c[k][1] for c in TABLE.values()), 1)) for k in range(7)]
    return [*rows, expected_row(None, "合计", county, SUBTOTALS)]


@pytest.fixture(scope="module")
def seed_patches(qgis_app, county):
    return sample_patches(county, TABLE)


def test_the_seed_table_comes_back_from_the_xlsx(provider, county, seed_patches, tmp_path):
    feedback = RecordingFeedback()
    run_tasks(county, seed_patches, tmp_path / "tasks.xlsx", feedback)
    assert not [line for line in feedback.lines if "其他/未归类" in line]
    sheet = load_workbook(tmp_path / "tasks.xlsx")["任务清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "耕地保护目标考核百日攻坚行动任务清单"
    assert rows[1][:3] == ("单位代码", "乡镇（街道）", "永久基本农田") and rows[1][12] == "耕地保护目标"
    assert rows[1][18:] == ("耕地进出平衡任务", None, "合计", None)
    assert rows[2][2:18:2] == (
        "疑似永久基本农田变化图斑",
        "就地恢复",
        "核实处置自提图斑",
        "异地调整补划",
        "小计",
        "年度流出恢复",
        "就地恢复",
        "小计",
    )
    assert rows[3][2:] == ("图斑数", "面积（亩）") * 10
    body = [list(r) for r in rows[4:-1]]
    assert body == seed_rows()
    assert body[-1][-2:] == [26, 11.7]  # the county's patches and 亩, counted by hand
    assert rows[-1][0].startswith("说明：") and "ZGLX" in rows[-1][0] and "未修约面积" in rows[-1][0]
    last = len(rows)
    assert {str(r) for r in sheet.merged_cells.ranges} == {
        "A1:V1", "A2:A4", "B2:B4",
        "C2:L2", "C3:D3", "E3:F3", "G3:H3", "I3:J3", "K3:L3",
        "M2:R2", "M3:N3", "O3:P3", "Q3:R3",
        "S2:T3", "U2:V3", f"A{last}:V{last}",
    }  # fmt: skip
    counts, areas = sheet["C5"], sheet["D5"]
    assert isinstance(counts.value, int) and counts.number_format == "0" and areas.number_format == "0.0"


def test_whole_mu_and_the_csv_form(provider, county, seed_patches, tmp_path):
    run_tasks(county, seed_patches, tmp_path / "tasks.csv", TASK_AREA_DECIMALS=1)
    with open(tmp_path / "tasks.csv", encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:3] == ["单位代码", "乡镇（街道）", "永久基本农田/疑似永久基本农田变化图斑/图斑数"]
    assert lines[0][-2:] == ["合计/图斑数", "合计/面积（亩）"] and len(lines[0]) == 22
    county = lines[-2]
    assert county[:2] == ["", "合计"] and county[-2:] == ["26", "12"]
    # Whole 亩: township 130123001's 就地恢复 (0.9) shows 1, its PBF 小计 (2.4) 2, the row's 合计 (4.7) 5.
    township = lines[1]
    assert township[4:6] == ["2", "1"] and township[10:12] == ["6", "2"] and township[-2:] == ["11", "5"]
    assert lines[-1][0].startswith("说明：") and "取整数" in lines[-1][0]
    # Areas of whole 亩 are written as integers, as the counts are.
    assert all("." not in value for line in lines[1:-1] for value in line)


def test_another_countys_columns(provider, county, seed_patches, tmp_path):
    definition = tmp_path / "other_county.json"
    definition.write_text(json.dumps(OTHER_COUNTY, ensure_ascii=False), encoding="utf-8")
    run_tasks(county, seed_patches, tmp_path / "other.xlsx", MEASURE_FIELD="CZFS", TASK_DEFINITION=str(definition))
    sheet = load_workbook(tmp_path / "other.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "某县违法用地整改任务表" and rows[1][:3] == ("单位代码", "镇", "违法用地整改")
    assert rows[2][2:12:2] == ("拆除复耕", "完善手续", "小计", "流出恢复", "进出平衡")
    # 面积 is the PBF the patches occupy: the seed's PBF columns keep their area, the others have none.
    columns = [("违法用地整改",)] * 2 + [("进出平衡",)] * 2
    subtotals = {"违法用地整改": True, "进出平衡": False}
    expected = []
    for code, cells in [*TABLE.items(), (None, [tuple(np.sum([c[k] for c in TABLE.values()], axis=0)) for k in range(7)])]:
        merged = [
            (cells[0][0] + cells[1][0], round(cells[0][1] + cells[1][1], 1)),
            (cells[2][0] + cells[3][0], round(cells[2][1] + cells[3][1], 1)),
            (cells[4][0] + cells[5][0], 0.0),
            (cells[6][0], 0.0),
        ]
        expected.append(expected_row(code, NAMES.get(code, "合计"), [(int(c), m) for c, m in merged], subtotals, columns))
    assert [list(r) for r in rows[4:-1]] == expected
    assert "占用永久基本农田面积" in rows[-1][0] and "CZFS" in rows[-1][0]
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"C2:H2", "I2:L2", "I3:J3", "K3:L3", "M2:N3"}


def test_unknown_measures_are_counted_and_listed(provider, county, tmp_path):
    extra = [("130123001", "拆除复耕"), ("130123001", ""), ("130123003", "拆除复耕")]
    changes = sample_patches(county, {code: [(0, 0.0)] * 6 + [(1, 0.4)] for code in TABLE}, extra)
    feedback = RecordingFeedback()
    run_tasks(county, changes, tmp_path / "tasks.xlsx", feedback)
    text = "\n".join(feedback.lines)
    assert "2 patches have the measure '拆除复耕', which no column of zhashui.json takes" in text
    assert "1 patches have the measure '（空）'" in text and "P004" in text and "P005" in text
    rows = list(load_workbook(tmp_path / "tasks.xlsx").active.iter_rows(values_only=True))
    assert rows[1][20:] == ("其他/未归类", None, "合计", None)
    assert [list(r[-4:]) for r in rows[4:-1]] == [[2, 1.0, 3, 1.4], [0, 0.0, 1, 0.4], [1, 0.5, 2, 0.9], [3, 1.5, 6, 2.7]]
    assert "3个图斑的ZGLX不在列定义中" in rows[-1][0] and "拆除复耕（2个）" in rows[-1][0]


def test_a_bad_definition_and_a_missing_measure_field_stop_the_run(provider, county, seed_patches, tmp_path):
    bad = tmp_path / "broken_county.json"
    bad.write_text(json.dumps({"blocks": [{"name": "整改", "columns": [{"name": "拆除", "pbf": "是"}]}]}), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"broken_county\.json, block 1 \(整改\), column 1: 'pbf' must be true"):
        run_tasks(county, seed_patches, tmp_path / "t.xlsx", TASK_DEFINITION=str(bad))
    with pytest.raises(QgsProcessingException, match=r"Field '整改类型' \(MEASURE_FIELD\) is not in layer"):
        run_tasks(county, seed_patches, tmp_path / "t.xlsx", MEASURE_FIELD="整改类型")
    with pytest.raises(QgsProcessingException, match="name it in MEASURE_FIELD"):
        run_tasks(county, seed_patches, tmp_path / "t.xlsx", MEASURE_FIELD=None)
    with pytest.raises(QgsProcessingException, match="give the change patches"):
        run_tasks(county, None, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()
