"""Levels 1 and 2 (province, city) on a layer holding two generated counties of one city: delineategrid's cells,
persons and level lengths, quotaoverlay per county with the city's targets, the dashboard report's county ranking."""

import csv
import shutil
from collections import defaultdict

import pytest
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QDate

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import open_workspace
from sample_county.city import generate_city

from .conftest import SMALL_COUNTY
from .helpers import MU, open_layer, run_algorithm
from .test_dashboard_report import AS_OF, Tables, area, number, patrols_and_cases, rows_by_code
from .test_patrol_coverage import grid_of

GRID = "farmlandgrid:delineategrid"
FARMLAND = ("0101", "0102", "0103")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return generate_city(tmp_path_factory.mktemp("city"), SMALL_COUNTY, counties=2)


def delineate(parcels, roster, **extra):
    result = run_algorithm(GRID, {"INPUT": parcels, "ROSTER": roster, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:", **extra})
    return {f["grid_code"]: f for f in result["OUTPUT"].getFeatures()}, list(result["OUTPUT_ISSUES"].getFeatures())


@pytest.fixture
def city_grid(provider, city):
    return delineate(open_layer(city.uri(city.parcels_layer), "dltb"), str(city.roster_csv), PBF=city.uri(city.pbf_layer))


def test_city_cell_is_the_sum_of_its_counties(city, city_grid):
    cells, issues = city_grid
    counties = [cells[c.gpkg.parent.name] for c in city.counties]
    city_cell, province = cells["1301"], cells["13"]
    assert (city_cell["level"], city_cell["parent_code"], city_cell["level_name"]) == (2, "13", "市/州")
    assert (province["level"], province["parent_code"]) == (1, "")
    assert city_cell["farmland_mu"] == pytest.approx(sum(c["farmland_mu"] for c in counties), abs=0.01)
    assert province["farmland_mu"] == pytest.approx(city_cell["farmland_mu"], abs=0.01)
    assert city_cell["parcel_count"] == sum(c["parcel_count"] for c in counties)
    assert city_cell.geometry().area() == pytest.approx(sum(c.geometry().area() for c in counties), rel=1e-9)
    # The city's persons from the city roster: 市级总责任人 and 州级田管员, by the city's 4-digit code.
    assert city_cell["roles"] == "总责任人; 田管员" and city_cell["person_count"] == 2
    assert city_cell["unit_name"] == "示范市" and province["unit_name"] == "示范省" and province["person_count"] == 1
    assert {c["parent_code"] for c in counties} == {"1301"}
    # PBF measured into every cell: each county's as quotaoverlay counts it (jbnt.TBMJ is its ellipsoidal area), the
    # city's the sum of its counties'.
    _, pbf, _ = expected_per_county(city)
    for cell in counties:
        assert cell["pbf_mu"] == pytest.approx(pbf[cell["grid_code"]], abs=1e-3)
    assert city_cell["pbf_mu"] == pytest.approx(sum(c["pbf_mu"] for c in counties), abs=0.01) == province["pbf_mu"]
    assert all(f["pbf_mu"] is not None and f["pbf_mu"] >= 0 for f in cells.values())
    # Two clean counties: nothing to report at any level.
    assert [(i["issue_type"], i["grid_code"]) for i in issues] == []


def test_county_cells_equal_the_single_county_runs(city, city_grid):
    cells, _ = city_grid
    for county in city.counties:
        alone, _ = delineate(open_layer(county.uri(county.parcels_layer), "dltb"), str(county.roster_csv))
        assert {c["level"] for c in alone.values()} == {3, 4, 5, 6}  # one county, four-length chain: no upper cells
        for code, cell in alone.items():
            merged = cells[code]
            for field in ("level", "parent_code", "unit_name", "farmland_mu", "farmland_count", "parcel_count", "persons"):
                assert merged[field] == cell[field], (code, field)
            assert merged.geometry().area() == pytest.approx(cell.geometry().area(), rel=1e-12), code
        assert {c for c in cells if c.startswith(county.gpkg.parent.name)} == set(alone)


def test_level_lengths_chain_and_subsets(provider, city):
    county = city.counties[0]
    parcels = open_layer(county.uri(county.parcels_layer), "dltb")
    full, _ = delineate(parcels, str(city.roster_csv), LEVEL_LENGTHS="2,4,6,9,12,15")
    assert {c["level"] for c in full.values()} == {1, 2, 3, 4, 5, 6}
    assert full["1301"]["farmland_mu"] == pytest.approx(full["130123"]["farmland_mu"], abs=1e-4)
    city_only, _ = delineate(parcels, str(city.roster_csv), LEVEL_LENGTHS="4，6,9,12,15")
    assert {c["level"] for c in city_only.values()} == {2, 3, 4, 5, 6}
    both, _ = delineate(open_layer(city.uri(city.parcels_layer), "dltb"), str(city.roster_csv), LEVEL_LENGTHS="4,6,9,12,15")
    assert [c for c, f in both.items() if f["level"] < 3] == ["1301"]  # the chain names the city alone: no province
    refused = {
        "6,9,12": "Level lengths name 4 to 6 levels down to the group (such as 2,4,6,9,12,15); got 3 in '6,9,12'",
        "2,4,6,6,12,15": "Level lengths must increase from level to level",
        "3,4,6,9,12,15": "A level above the county is the province (2) or the city (4), got 3",
        "4,9,12,15": "The county length must be more than the city's 4 characters (such as 6), got 4",
    }
    for chain, message in refused.items():
        with pytest.raises(QgsProcessingException) as info:
            delineate(parcels, str(city.roster_csv), LEVEL_LENGTHS=chain)
        assert message in str(info.value), (chain, str(info.value))


def city_quota(city, level):
    params = {
        "PARCELS": city.uri(city.parcels_layer),
        "PBF": city.uri(city.pbf_layer),
        "TARGETS": str(city.targets_csv),
        "CHANGES": city.uri(city.changes_layer),
        "LEVEL": level,
        "OUTPUT_UNITS": "memory:",
    }
    result = run_algorithm("farmlandgrid:quotaoverlay", params)
    return {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures()}


def expected_per_county(city):
    """Farmland (TBDLMJ) and PBF (jbnt.TBMJ) per county in 亩, and the target rows of the city table."""
    farm, pbf = defaultdict(float), defaultdict(float)
    for f in open_layer(city.uri(city.parcels_layer)).getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            farm[f["ZLDWDM"][:6]] += f["TBDLMJ"] / MU
    for f in open_layer(city.uri(city.pbf_layer)).getFeatures():
        pbf[f["ZLDWDM"][:6]] += f["TBMJ"] / MU
    with open(city.targets_csv, encoding="utf-8") as handle:
        targets = {r["unit_code"]: r for r in csv.DictReader(handle)}
    return farm, pbf, targets


def test_city_gaps_per_county_and_city_level_quota(provider, city):
    farm, pbf, targets = expected_per_county(city)
    counties = city_quota(city, 0)  # LEVEL county on the city's layer
    assert set(counties) == {"130123", "130124", "TOTAL"}
    for code in ("130123", "130124"):
        row, target = counties[code], float(targets[code]["farmland_target_mu"])
        assert row["farmland_mu"] == pytest.approx(farm[code], abs=1e-3)
        assert row["farmland_target_mu"] == pytest.approx(target)
        assert row["farmland_gap_mu"] == pytest.approx(max(target - farm[code], 0), abs=1e-3)
        assert row["pbf_gap_mu"] == pytest.approx(max(float(targets[code]["pbf_target_mu"]) - pbf[code], 0), abs=1e-3)
        assert row["unit_name"] == targets[code]["unit_name"]
    total = counties["TOTAL"]
    assert total["farmland_gap_mu"] == pytest.approx(
        counties["130123"]["farmland_gap_mu"] + counties["130124"]["farmland_gap_mu"]
    )
    cities = city_quota(city, 4)  # LEVEL city/prefecture
    assert set(cities) == {"1301", "TOTAL"}
    row, target = cities["1301"], float(targets["1301"]["farmland_target_mu"])
    assert row["unit_name"] == "示范市" and row["farmland_target_mu"] == pytest.approx(target)
    assert row["farmland_mu"] == pytest.approx(farm["130123"] + farm["130124"], abs=1e-3)
    assert row["pbf_mu"] == pytest.approx(pbf["130123"] + pbf["130124"], abs=1e-3)
    assert row["farmland_gap_mu"] == pytest.approx(max(target - row["farmland_mu"], 0), abs=1e-3)
    assert row["non_agri_count"] + row["non_grain_count"] + row["other_count"] == (
        total["non_agri_count"] + total["non_grain_count"] + total["other_count"]
    )
    province = city_quota(city, 5)
    assert set(province) == {"13", "TOTAL"} and province["13"]["farmland_mu"] == pytest.approx(row["farmland_mu"], abs=1e-3)


@pytest.fixture
def city_dashboard(provider, city, tmp_path_factory):
    """The city's inputs as a city office has them: township units, county units, the patrol summary of both
    counties' tracks, a workspace with the cases of both counties in several statuses."""
    if "made" not in _made:
        folder = tmp_path_factory.mktemp("city_dashboard")
        grid = grid_of(city, folder)
        quota = {"PARCELS": city.uri(city.parcels_layer), "PBF": city.uri(city.pbf_layer), "TARGETS": str(city.targets_csv)}
        run_algorithm(
            "farmlandgrid:quotaoverlay",
            {
                **quota,
                "CHANGES": city.uri(city.changes_layer),
                "GRID": grid,
                "OUTPUT_UNITS": str(folder / "units.gpkg"),
                "OUTPUT_CHANGES": str(folder / "changes.gpkg"),
            },
        )
        run_algorithm("farmlandgrid:quotaoverlay", {**quota, "LEVEL": 0, "OUTPUT_UNITS": str(folder / "county_units.gpkg")})
        tracks = folder / "gpx"
        tracks.mkdir()
        for county in city.counties:  # one folder of tracks, named apart
            for gpx in county.gpx_dir.glob("*.gpx"):
                shutil.copy(gpx, tracks / f"{county.gpkg.parent.name}_{gpx.name}")
        patrols_and_cases(folder, grid, city.uri(city.parcels_layer), tracks)
        _made["made"] = folder
    return _made["made"]


_made = {}


def test_dashboard_report_ranks_the_counties(city_dashboard, tmp_path):
    folder = city_dashboard
    result = run_algorithm(
        "farmlandgrid:dashboardreport",
        {
            "PATROL_SUMMARY": str(folder / "patrol_summary.gpkg"),
            "UNITS": str(folder / "units.gpkg"),
            "COUNTY_UNITS": str(folder / "county_units.gpkg"),
            "WORKSPACE": str(folder / "workspace.gpkg"),
            "AS_OF": QDate(AS_OF.year, AS_OF.month, AS_OF.day),
            "OUTPUT_HTML": str(tmp_path / "city.html"),
        },
    )
    html = (tmp_path / "city.html").read_text(encoding="utf-8")
    tables = Tables(html).tables
    assert result["COUNTIES"] == 2 and result["TOWNSHIPS"] == 2 * SMALL_COUNTY.townships
    assert html.index('id="section-quota"') < html.index('id="section-ranking"') < html.index("</body>")
    counties = ("130123", "130124")

    # Patrols: each county the sum of its townships over all months, ranked by its rate, best first.
    summary = list(open_layer(folder / "patrol_summary.gpkg").getFeatures())
    patrol = tables["ranking-patrol"]
    assert patrol[0] == ["County code", "County", "Periods due", "Completed", "Overdue", "Patrol rate (%)", "Rank"]
    rates = {}
    for code in counties:
        mine = [f for f in summary if f["township_code"].startswith(code)]
        due, completed = sum(f["periods_due"] for f in mine), sum(f["periods_completed"] for f in mine)
        row = rows_by_code(patrol)[code]
        assert [int(x) for x in row[2:5]] == [due, completed, due - completed] and due > 0
        rates[code] = round(100.0 * completed / due, 1)
        assert float(row[5]) == rates[code]
    assert rows_by_code(patrol)["130124"][1] == "示范二县"
    ordered = sorted(counties, key=lambda c: (-rates[c], c))
    assert [row[0] for row in patrol[1:]] == [*ordered, ""] and patrol[-1][1] == "Total"
    assert [int(row[6]) for row in patrol[1:3]] == ([1, 1] if rates[ordered[0]] == rates[ordered[1]] else [1, 2])
    assert int(patrol[-1][2]) == sum(f["periods_due"] for f in summary)

    # Cases: per county and status as the store answers them, overdue on AS_OF, ranked fewest overdue first.
    opened = open_workspace(folder / "workspace.gpkg", create=False)
    store, cases = opened.cases, rows_by_code(tables["ranking-cases"])
    overdue = {}
    for code in counties:
        expected = [len(store.cases(status=s, unit_prefix=code)) for s in c.STATUSES]
        overdue[code] = len(store.cases(unit_prefix=code, overdue_on=AS_OF))
        assert [int(x) for x in cases[code][2:9]] == expected and int(cases[code][9]) == sum(expected) > 0
        assert int(cases[code][10]) == overdue[code]
    assert int(cases[""][9]) == len(store.cases())
    opened.close()
    fewest = min(counties, key=lambda code: (overdue[code], code))
    assert tables["ranking-cases"][1][0] == fewest and int(tables["ranking-cases"][1][11]) == 1

    # Targets: the county rows of quotaoverlay at LEVEL county, ranked by farmland completion.
    units = {f["unit_code"]: f for f in open_layer(folder / "county_units.gpkg").getFeatures()}
    targets = rows_by_code(tables["ranking-targets"])
    for code in counties:
        unit, row = units[code], targets[code]
        assert [number(x) for x in row[2:6]] == [
            area(unit[k]) for k in ("farmland_mu", "farmland_target_mu", "farmland_gap_mu", "farmland_completion_pct")
        ]
        assert [number(x) for x in row[7:9]] == [area(unit["pbf_gap_mu"]), area(unit["pbf_completion_pct"])]
    best = max(counties, key=lambda code: units[code]["farmland_completion_pct"])
    assert tables["ranking-targets"][1][0] == best and tables["ranking-targets"][1][6] == "1"
    assert number(targets[""][4]) == area(units["TOTAL"]["farmland_gap_mu"])
