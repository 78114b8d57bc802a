"""farmlandgrid:dashboardreport on the sample county: the report's tables (HTML and PDF) hold exactly the figures of
quotaoverlay, patrolcoverage and the case store; the trend of two yearly layers equals quotaoverlay on each year."""

import base64
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest
from osgeo import gdal
from qgis.core import QgsFeature, QgsFields, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtGui import QImage

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain.evidence_checks import needs_attention
from farmland_grid_plugin.store import open_workspace
from sample_county.nextyear import derive_next_year

from .helpers import RecordingFeedback, editable_copy, open_layer, run_algorithm
from .test_patrol_coverage import grid_of

ALG_ID = "farmlandgrid:dashboardreport"
ISSUED_ON = date(2026, 1, 10)  # due 2026-02-09, accountable patches 2026-01-25
AS_OF = date(2026, 2, 1)  # accountable cases still open are overdue, the others not yet
ACTOR = "县自然资源局 李四"


def patrols_and_cases(folder, grid, parcels, tracks):
    """patrolcoverage's township summary (folder/patrol_summary.gpkg) of four weeks of ``tracks``, and the change patches
    of folder/changes.gpkg issued into folder/workspace.gpkg (returned) and moved through several statuses."""
    run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(tracks),
            "GRID": grid,
            "PARCELS": parcels,
            "START": QDate(2026, 1, 5),
            "END": QDate(2026, 2, 1),
            "OUTPUT_PERIODS": "memory:",
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
            "OUTPUT_SUMMARY": str(folder / "patrol_summary.gpkg"),
        },
    )
    workspace = folder / "workspace.gpkg"
    run_algorithm(
        "farmlandgrid:issuecases",
        {
            "CHANGES": str(folder / "changes.gpkg"),
            "WORKSPACE": str(workspace),
            "ISSUED_ON": ISSUED_ON.isoformat(),
            "ACTOR": ACTOR,
            "OUTPUT": "memory:",
        },
    )
    with open_workspace(workspace, create=False) as opened:
        move_cases(opened.cases)
    return workspace


_made = {}  # county folder → the inputs, made once


@pytest.fixture
def made(provider, county, tmp_path_factory):
    """quotaoverlay's units, patrolcoverage's township summary, a workspace with cases in several statuses, and the
    parcels of this year and the next as layers named by their year."""
    key = str(county.directory)
    if key not in _made:
        folder = tmp_path_factory.mktemp("dashboard")
        grid = grid_of(county, folder)
        run_algorithm(
            "farmlandgrid:quotaoverlay",
            {
                "PARCELS": county.uri(county.parcels_layer),
                "PBF": county.uri(county.pbf_layer),
                "TARGETS": str(county.targets_csv),
                "CHANGES": county.uri(county.changes_layer),
                "GRID": grid,
                "OUTPUT_UNITS": str(folder / "units.gpkg"),
                "OUTPUT_CHANGES": str(folder / "changes.gpkg"),
            },
        )
        workspace = patrols_and_cases(folder, grid, county.uri(county.parcels_layer), county.gpx_dir)
        derive_next_year(county, folder / "dltb_2026.gpkg")
        _made[key] = {
            "folder": folder,
            "units": str(folder / "units.gpkg"),
            "summary": str(folder / "patrol_summary.gpkg"),
            "workspace": str(workspace),
            "years": {"2025": county.uri(county.parcels_layer), "2026": str(folder / "dltb_2026.gpkg")},
        }
    return _made[key]


def move_cases(store):
    """Several statuses: one case collecting, one reported, one sent back, one rectifying, one closed; the rest issued."""
    ids = [record.case_id for record in store.cases()]
    assert len(ids) >= 6
    reviewer = "审核员 王五"
    store.apply(ids[0], c.COLLECT, ACTOR)
    store.apply(ids[1], c.REPORT, ACTOR, verdict=c.LEGAL)
    store.apply(ids[2], c.REPORT, ACTOR, verdict=c.LEGAL)
    store.apply(ids[2], c.SEND_BACK, reviewer, note="照片不清楚")
    store.apply(ids[3], c.REPORT, ACTOR, verdict=c.ILLEGAL)
    store.apply(ids[3], c.APPROVE, reviewer)
    store.apply(ids[3], c.RECTIFY, reviewer, note="限期拆除")
    store.apply(ids[4], c.REPORT, ACTOR, verdict=c.LEGAL)
    store.apply(ids[4], c.APPROVE, reviewer)
    store.apply(ids[4], c.CLOSE, reviewer)


def year_layers(made):
    """The yearly parcels as layers whose names carry the year (given newest first: the report orders them)."""
    return [QgsVectorLayer(made["years"][year], f"地类图斑{year}", "ogr") for year in ("2026", "2025")]


def run_report(made, tmp_path, feedback=None, **extra):
    parameters = {
        "PATROL_SUMMARY": made["summary"],
        "UNITS": made["units"],
        "WORKSPACE": made["workspace"],
        "PARCEL_LAYERS": year_layers(made),
        "AS_OF": QDate(AS_OF.year, AS_OF.month, AS_OF.day),
        "OUTPUT_HTML": str(tmp_path / "dashboard.html"),
        **extra,
    }
    return run_algorithm(ALG_ID, parameters, feedback)


class Tables(HTMLParser):
    """The report's tables by id: a list of rows, each a list of cell texts (the header row first)."""

    def __init__(self, text):
        super().__init__()
        self.tables, self.images = {}, []
        self._table = self._row = self._cell = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "img":
            self.images.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows_by_code(table, column=0):
    """Body rows of a table keyed by the cell of ``column`` (the township code)."""
    return {row[column]: row for row in table[1:]}


def number(text):
    return None if text == "—" else float(text)


def area(value):
    return None if value is None else round(float(value), 4)


def features(uri):
    return list(open_layer(uri).getFeatures())


def quota_units(parcels, area_field="TBDLMJ"):
    """quotaoverlay's farmland_mu per township of a parcel layer (units without targets are fine here)."""
    result = run_algorithm("farmlandgrid:quotaoverlay", {"PARCELS": parcels, "AREA_FIELD": area_field, "OUTPUT_UNITS": "memory:"})
    return {f["unit_code"]: f["farmland_mu"] for f in result["OUTPUT_UNITS"].getFeatures()}


def test_report_tables_equal_the_algorithms_and_the_store(made, tmp_path):
    feedback = RecordingFeedback()
    result = run_report(made, tmp_path, feedback, OUTPUT_PDF=str(tmp_path / "dashboard.pdf"))
    html = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    parsed = Tables(html)
    units = {f["unit_code"]: f for f in features(made["units"])}
    townships = sorted(code for code in units if code != "TOTAL")
    assert result["TOWNSHIPS"] == len(townships) == 3

    # Quotas: every figure of every township and of the TOTAL row, as quotaoverlay stored it.
    for kind in ("farmland", "pbf"):
        quota = rows_by_code(parsed.tables[f"quota-{kind}"])
        assert set(quota) == {*townships, ""} and quota[""][1] == "Total"
        for code, unit in units.items():
            row = quota["" if code == "TOTAL" else code]
            assert code == "TOTAL" or row[1] == unit["unit_name"] != ""
            names = (f"{kind}_mu", f"{kind}_target_mu", f"{kind}_gap_mu", f"{kind}_completion_pct")
            assert [number(x) for x in row[2:6]] == [area(unit[name]) for name in names], (code, kind)
            assert row[2] == f"{unit[f'{kind}_mu']:.4f}"

    # Patrols: each township and month as patrolcoverage summarised it, with its rank; and over all months.
    summary = features(made["summary"])
    assert {f["month"] for f in summary} == {"2026-01", "2026-02"}
    months = {(row[0], row[1]): row for row in parsed.tables["patrol-months"][1:]}
    assert len(months) == len(summary)
    for f in summary:
        row = months[(f["month"], f["township_code"])]
        assert row[2] == f["township_name"] == units[f["township_code"]]["unit_name"]
        assert [int(x) for x in row[3:6]] == [f["periods_due"], f["periods_completed"], f["periods_overdue"]]
        assert float(row[6]) == f["patrol_rate_pct"] and int(row[7]) == f["rank"]
    overall = rows_by_code(parsed.tables["patrol-townships"])
    for code in townships:
        mine = [f for f in summary if f["township_code"] == code]
        due, completed = sum(f["periods_due"] for f in mine), sum(f["periods_completed"] for f in mine)
        assert [int(x) for x in overall[code][2:5]] == [due, completed, due - completed]
        assert float(overall[code][5]) == round(100.0 * completed / due, 1)
    assert sorted(int(overall[code][6]) for code in townships)[0] == 1

    # Cases: per township and status, zeros included, and overdue on AS_OF, as the store answers.
    opened = open_workspace(made["workspace"], create=False)
    store = opened.cases
    cases = rows_by_code(parsed.tables["cases"])
    header = parsed.tables["cases"][0]
    assert header[2:9] == [str(c.status_label(s)) for s in c.STATUSES]
    assert header[9:] == ["Total", "Overdue", "Flagged evidence"] and f"overdue as of {AS_OF.isoformat()}" in html
    for code in [*townships, ""]:
        prefix = code or None
        expected = [len(store.cases(status=s, unit_prefix=prefix)) for s in c.STATUSES]
        row = cases[code]
        assert [int(x) for x in row[2:9]] == expected
        assert int(row[9]) == sum(expected) == len(store.cases(unit_prefix=prefix))
        assert int(row[10]) == len(store.cases(unit_prefix=prefix, overdue_on=AS_OF))
        flagged = [
            r
            for r in store.cases(unit_prefix=prefix)
            if needs_attention(r.status, r.attributes["checks"], r.attributes["flagged_photos"])
        ]
        assert int(row[11]) == len(flagged)
    # One case collecting, reported, sent back, rectifying and closed each; none left approved; the rest issued.
    assert [len(store.cases(status=s)) for s in c.STATUSES] == [len(store.cases()) - 5, 1, 1, 1, 0, 1, 1]
    assert 0 < int(cases[""][10]) < int(cases[""][9])  # some overdue on AS_OF, not all
    opened.close()

    # Trend: 2025 and 2026 in order of the years, each equal to quotaoverlay's farmland_mu on that year's parcels.
    trend = parsed.tables["trend"]
    assert trend[0][2:] == ["2025", "2026"]
    for k, year in enumerate(("2025", "2026")):
        expected = quota_units(made["years"][year])
        column = {row[0]: number(row[2 + k]) for row in trend[1:]}
        assert column == {**{code: area(v) for code, v in expected.items() if code != "TOTAL"}, "": area(expected["TOTAL"])}
    assert column != {row[0]: number(row[2]) for row in trend[1:]}  # next year's parcels differ

    # Four charts embedded as PNG; head lines with the date and the area method.
    assert len(parsed.images) == 4
    for src in parsed.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Cases overdue as of {AS_OF.isoformat()}" in html and "field:TBDLMJ" in html
    assert "No font with Chinese characters" not in html  # WenQuanYi is installed here

    # The PDF: real text with the Chinese names and the figures, and a first page that is not blank.
    text = subprocess.run(["pdftotext", "-layout", result["OUTPUT_PDF"], "-"], capture_output=True, text=True, check=True).stdout
    for code in townships:
        assert units[code]["unit_name"] in text
        assert f"{units[code]['farmland_mu']:.4f}" in text and f"{units[code]['pbf_mu']:.4f}" in text
    assert "Farmland protection dashboard" in text and "2026-01" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", result["OUTPUT_PDF"], str(tmp_path / "page")], check=True
    )
    page = QImage(str(next(tmp_path.glob("page*.png"))))
    inked = sum(
        1 for y in range(0, page.height(), 2) for x in range(0, page.width(), 2) if page.pixelColor(x, y).lightness() < 200
    )
    assert inked > 0.01 * (page.width() // 2) * (page.height() // 2)


@pytest.mark.parametrize("area_field", ["TBDLMJ", ""])
def test_trend_alone_equals_quotaoverlay_on_each_year(made, tmp_path, area_field):
    run_algorithm(
        ALG_ID,
        {"PARCEL_LAYERS": year_layers(made), "AREA_FIELD": area_field, "OUTPUT_HTML": str(tmp_path / "trend.html")},
    )
    html = (tmp_path / "trend.html").read_text(encoding="utf-8")
    trend = Tables(html).tables["trend"]
    for k, year in enumerate(("2025", "2026")):
        expected = quota_units(made["years"][year], area_field)
        assert {row[0]: number(row[2 + k]) for row in trend[1:-1]} == {
            code: area(v) for code, v in expected.items() if code != "TOTAL"
        }
    method = "field:TBDLMJ" if area_field else "ellipsoidal:"
    assert method in html
    # The sections without input say so; only the trend has a chart.
    assert "No patrol summary was given" in html and "No case workspace was given" in html
    assert len(Tables(html).images) == 1


def test_year_label_from_the_file_name_and_one_year_only(made, tmp_path):
    next_year = QgsVectorLayer(made["years"]["2026"], "dltb", "ogr")  # no year in the name: the file's
    run_algorithm(ALG_ID, {"PARCEL_LAYERS": [next_year], "OUTPUT_HTML": str(tmp_path / "one.html")})
    parsed = Tables((tmp_path / "one.html").read_text(encoding="utf-8"))
    assert parsed.tables["trend"][0][2:] == ["2026"]
    assert parsed.images == []  # a trend needs two years


def test_no_input_is_a_clear_error(provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="at least one input"):
        run_algorithm(ALG_ID, {"OUTPUT_HTML": str(tmp_path / "none.html")})
    assert not (tmp_path / "none.html").exists()


def test_without_matplotlib_the_report_says_what_to_install(provider, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    with pytest.raises(QgsProcessingException, match="matplotlib: on Debian/Ubuntu apt install python3-matplotlib"):
        run_algorithm(ALG_ID, {"WORKSPACE": "x.gpkg", "OUTPUT_HTML": str(tmp_path / "none.html")})
    assert not (tmp_path / "none.html").exists()


def without_field(uri, name):
    """A memory copy of a table without the named field."""
    source = open_layer(uri, "units_without")
    fields = QgsFields()
    for f in source.fields():
        if f.name() != name:
            fields.append(f)
    layer = QgsVectorLayer("None", "units_without_pbf_target", "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    copies = []
    for feature in source.getFeatures():
        copy = QgsFeature(layer.fields())
        for f in fields:
            copy[f.name()] = feature[f.name()]
        copies.append(copy)
    assert layer.dataProvider().addFeatures(copies)[0]
    return layer


def test_units_without_pbf_target_name_the_field_and_layer(made, tmp_path):
    layer = without_field(made["units"], "pbf_target_mu")
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG_ID, {"UNITS": layer, "OUTPUT_HTML": str(tmp_path / "bad.html")})
    message = str(info.value)
    assert "pbf_target_mu" in message and "units_without_pbf_target" in message and "UNITS" in message


def test_inconsistent_and_wrong_inputs_are_named(made, tmp_path):
    units = editable_copy(open_layer(made["units"], "units"))
    first = next(units.getFeatures())
    units.dataProvider().changeAttributeValues({first.id(): {units.fields().lookupField("farmland_gap_mu"): 12345.0}})
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG_ID, {"UNITS": units, "OUTPUT_HTML": str(tmp_path / "bad.html")})
    assert re.search(rf"row \d+: unit {first['unit_code']}: farmland_gap_mu 12345", str(info.value))

    villages = run_algorithm(
        "farmlandgrid:quotaoverlay", {"PARCELS": made["years"]["2025"], "LEVEL": 2, "OUTPUT_UNITS": "memory:"}
    )["OUTPUT_UNITS"]
    with pytest.raises(QgsProcessingException, match="is not a township"):
        run_algorithm(ALG_ID, {"UNITS": villages, "OUTPUT_HTML": str(tmp_path / "bad.html")})

    empty = tmp_path / "no_cases.gpkg"  # a GeoPackage without case tables
    gdal.VectorTranslate(str(empty), made["summary"])
    with pytest.raises(QgsProcessingException, match="holds no cases"):
        run_algorithm(ALG_ID, {"WORKSPACE": str(empty), "OUTPUT_HTML": str(tmp_path / "bad.html")})

    bad_parcels = QgsVectorLayer(made["years"]["2025"], "地类图斑2025", "ogr")
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG_ID, {"PARCEL_LAYERS": [bad_parcels], "CODE_FIELD": "QSDWDM_X", "OUTPUT_HTML": str(tmp_path / "b.html")})
    assert "QSDWDM_X" in str(info.value) and "地类图斑2025" in str(info.value)


def test_without_a_chinese_font_the_report_says_what_to_install(made, tmp_path, monkeypatch):
    from farmland_grid_plugin.report import fonts

    monkeypatch.setattr(fonts, "cjk_font", lambda: None)  # as on a machine without any Chinese font
    feedback = RecordingFeedback()
    run_algorithm(ALG_ID, {"UNITS": made["units"], "OUTPUT_HTML": str(tmp_path / "plain.html")}, feedback)
    html = (tmp_path / "plain.html").read_text(encoding="utf-8")
    warning = next(line for line in feedback.lines if line.startswith("No font with Chinese characters"))
    assert "fonts-wqy-microhei" in warning and "Noto Sans CJK SC" in warning
    assert '<p class="warning">No font with Chinese characters was found' in html
    assert len(Tables(html).images) == 1  # the chart is still there, labelled in English
