"""The in–out and occupation–compensation balance of two survey years, on small coverages with known answers."""

from datetime import date

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from farmland_grid_plugin.domain import balance
from farmland_grid_plugin.domain.area import SQM_PER_MU
from farmland_grid_plugin.domain.landclass import DEFAULT_FARMLAND_CLASSES, first_levels
from farmland_grid_plugin.domain.unitcode import LEVEL_TOWNSHIP, LEVEL_VILLAGE

T1 = "1301230010010000000"  # township 130123001, village 001
T1B = "1301230010020000000"  # township 130123001, village 002
T2 = "1301230020010000000"  # township 130123002
AS_OF_DAY = date(2026, 3, 1)


def coverage(parcels):
    """Coverage from (geometry, class, official m² or None for the planar area, unit code)."""
    geoms = np.array([p[0] for p in parcels], dtype=object)
    areas = np.array([shapely.area(g) if p[2] is None else p[2] for g, p in zip(geoms, parcels)], dtype=float)
    return balance.Coverage(
        geoms=geoms,
        classes=np.array([p[1] for p in parcels], dtype=object),
        area_m2=areas,
        codes=np.array([p[3] for p in parcels], dtype=object),
        ids=np.array([f"P{k}" for k in range(len(parcels))], dtype=object),
    )


def run(prev, curr, level=LEVEL_TOWNSHIP, **kwargs):
    overlay = balance.overlay_years(prev, curr, DEFAULT_FARMLAND_CLASSES, **kwargs)
    return overlay, balance.build_ledger(overlay, prev, curr, DEFAULT_FARMLAND_CLASSES, level)


def flows_by_unit(ledger):
    return {
        code: dict(zip(("in", "out", "occupied", "compensated"), np.round(ledger.flows_mu[k], 6)))
        for k, code in enumerate(ledger.units)
    }


def cell(x, y, size=100.0):
    return box(x, y, x + size, y + size)


def test_categories_follow_gbt21010_with_suffixes():
    codes = ["0101", "0103K", "0201K", "0301", "0404", "1104A", "1202", "1006", "0702", "1003", "1101", "1206", "", None, "9999"]
    assert balance.land_categories(codes, DEFAULT_FARMLAND_CLASSES).tolist() == [
        "farmland",
        "farmland",
        "agricultural",
        "agricultural",
        "agricultural",
        "agricultural",
        "agricultural",
        "agricultural",
        "other",
        "other",
        "other",
        "other",
        "unknown",
        "unknown",
        "unknown",
    ]
    assert first_levels(["0101", "0201K", "1104A", "", "9999"]).tolist() == ["01", "02", "11", "", ""]


def test_each_flow_type_with_official_areas():
    # Six parcels in a row; official areas are not the geometric ones (ridge deductions).
    prev = coverage(
        [
            (cell(0, 0), "0101", 9000.0, T1),  # stays farmland
            (cell(100, 0), "0102", 9500.0, T1),  # → orchard: out
            (cell(200, 0), "0103", 9200.0, T1),  # → housing: occupied
            (cell(300, 0), "0201K", 10000.0, T1),  # adjustable orchard → farmland: in
            (cell(400, 0), "1206", 10000.0, T2),  # bare land → farmland: compensated
            (cell(500, 0), "1104A", 10000.0, T2),  # aquaculture pond → farmland: in
        ]
    )
    curr = coverage(
        [
            (cell(0, 0), "0101", 9000.0, T1),
            (cell(100, 0), "0201", 10000.0, T1),
            (cell(200, 0), "0702", 10000.0, T1),
            (cell(300, 0), "0103", 9100.0, T1),
            (cell(400, 0), "0102", 9300.0, T2),
            (cell(500, 0), "0101", 9400.0, T2),
        ]
    )
    overlay, ledger = run(prev, curr)
    assert overlay.unchanged == 1 and overlay.slivers == 0 and overlay.adjustments == 0
    mu = 1 / SQM_PER_MU
    assert flows_by_unit(ledger) == {
        "130123001": {"in": round(9100 * mu, 6), "out": round(9500 * mu, 6), "occupied": round(9200 * mu, 6), "compensated": 0.0},
        "130123002": {"in": round(9400 * mu, 6), "out": 0.0, "occupied": 0.0, "compensated": round(9300 * mu, 6)},
    }
    rows = balance.unit_rows(ledger, {"130123001": "城关镇"}, {"130123001": (5.0, 0.0)}, "field:TBDLMJ")
    first, second, total = rows
    assert first.unit_name == "城关镇"
    assert first.inout_balance_mu == round(first.in_mu - first.out_mu, 4)
    assert first.occupation_balance_mu == round(-first.occupied_mu, 4)
    assert first.inout_target_mu == 5.0 and first.inout_gap_mu == round(5.0 - first.inout_balance_mu, 4)
    assert first.occupation_gap_mu == round(first.occupied_mu, 4)  # task 0: the whole occupation is the gap
    assert second.inout_target_mu is None and second.inout_gap_mu == 0.0  # positive balance, no task
    assert total.unit_code == "TOTAL"
    assert total.in_mu == round(first.in_mu + second.in_mu, 4)
    assert total.occupation_gap_mu == round(first.occupation_gap_mu + second.occupation_gap_mu, 4)
    assert total.farmland_after_mu - total.farmland_before_mu == pytest.approx(
        total.in_mu + total.compensated_mu - total.out_mu - total.occupied_mu, abs=1e-3
    )


def test_shifted_unchanged_parcel_makes_no_flow():
    # A farmland parcel between forest and housing, redrawn 0.4 m to the east (class unchanged).
    prev = coverage([(cell(0, 0), "0301", None, T1), (cell(100, 0), "0101", None, T1), (cell(200, 0), "0702", None, T1)])
    shifted = shapely.affinity.translate(cell(100, 0), 0.4, 0.0)
    curr = coverage([(cell(0, 0), "0301", None, T1), (shifted, "0101", None, T1), (cell(200, 0), "0702", None, T1)])
    overlay, ledger = run(prev, curr)
    assert overlay.unchanged == 2
    assert overlay.adjustments == 2  # the 0.4 m strips left behind and laid over the housing parcel
    assert overlay.adjustment_m2 == pytest.approx(80.0)
    assert balance.flow_pieces(ledger).size == 0
    # The gap the shift left behind is a survey adjustment too, not land missing this year.
    assert overlay.uncovered_prev_m2.sum() == 0.0 and overlay.uncovered_curr_m2.sum() == 0.0
    # Each year's class totals are still the official ones.
    for kind, totals in (("prev", ledger.prev_mu[-1]), ("curr", ledger.curr_mu[-1])):
        assert totals[0] == pytest.approx(10000 / SQM_PER_MU, abs=1e-4), kind


def test_shift_beyond_tolerance_is_a_flow():
    # The farmland parcel grows 2 m into the forest, which shrinks by as much; the coverage stays clean.
    prev = coverage([(cell(0, 0), "0301", None, T1), (cell(100, 0), "0101", None, T1)])
    curr = coverage([(box(0, 0, 98, 100), "0301", None, T1), (box(98, 0, 200, 100), "0101", None, T1)])
    overlay, ledger = run(prev, curr)
    flows = flows_by_unit(ledger)["130123001"]
    assert flows["in"] == pytest.approx(200.0 / SQM_PER_MU, abs=1e-6)  # 2 m × 100 m of forest became farmland
    assert overlay.adjustments == 0
    # A parcel moved 2 m leaves land behind that this year does not cover: not an adjustment.
    moved = coverage([(cell(0, 0), "0301", None, T1), (box(102, 0, 202, 100), "0101", None, T1)])
    overlay, _ = run(prev, moved)
    assert overlay.uncovered_prev_m2[1] == pytest.approx(200.0) and overlay.adjustments == 0


def test_split_parcel_apportions_official_area():
    whole = cell(0, 0)
    prev = coverage([(whole, "0103", 9000.0, T1), (cell(100, 0), "0201", 10000.0, T1)])
    # Split in two; the west third turned into orchard, the new official areas come with the new parcels.
    curr = coverage(
        [
            (box(0, 0, 33.3, 100), "0201", 3330.0, T1),
            (box(33.3, 0, 100, 100), "0103", 6100.0, T1),
            (cell(100, 0), "0201", 10000.0, T1),
        ]
    )
    overlay, ledger = run(prev, curr)
    pieces = overlay.prev == 0
    assert overlay.before_m2[pieces].sum() == pytest.approx(9000.0)  # the parcel's official area, shared out
    out = ledger.flows_mu[0][1]
    assert out == pytest.approx(9000.0 * 0.333 / SQM_PER_MU, abs=1e-4)  # last year's area of the piece that left
    rows = balance.matrix_rows(ledger, {})
    first = [r for r in rows if r[0] == "130123001"]
    farmland_row = next(r for r in first if r[2] == "01")
    assert farmland_row[-1] == pytest.approx(9000.0 / SQM_PER_MU, abs=1e-4)  # row total = last year's farmland
    total_row = next(r for r in first if r[2] == "total")
    assert total_row[4] == pytest.approx(6100.0 / SQM_PER_MU, abs=1e-4)  # column 01 = this year's farmland
    assert total_row[5] == pytest.approx(13330.0 / SQM_PER_MU, abs=1e-4)  # column 02 = this year's garden land


def test_sliver_is_counted_not_booked():
    # This year's farmland parcel takes a 0.5 m² corner notch of the neighbouring forest.
    notch = shapely.Polygon([(100, 50), (101, 50), (100, 51)])
    prev = coverage([(cell(0, 0), "0101", None, T1), (cell(100, 0), "0301", None, T1)])
    curr = coverage(
        [(shapely.union(cell(0, 0), notch), "0101", None, T1), (shapely.difference(cell(100, 0), notch), "0301", None, T1)]
    )
    overlay, ledger = run(prev, curr)
    assert overlay.slivers == 1 and overlay.sliver_m2 == pytest.approx(0.5)
    assert balance.flow_pieces(ledger).size == 0
    # The sliver's share went to the parcel's other piece: totals stay the official ones.
    assert ledger.curr_mu[-1][0] == pytest.approx(overlay.after_m2[ledger.class1_after == "01"].sum() / SQM_PER_MU, abs=1e-4)


def test_matrix_adds_up_to_each_years_totals_with_a_deleted_parcel():
    rng = np.random.default_rng(3)
    classes = ["0101", "0102", "0201", "0301", "0404", "0702", "1003", "1104", "1202", "1206"]
    prev_parcels, curr_parcels = [], []
    for k in range(60):
        x, y = (k % 10) * 100.0, (k // 10) * 100.0
        code = [T1, T1B, T2][k % 3]
        before = classes[rng.integers(len(classes))]
        prev_parcels.append((cell(x, y), before, float(rng.uniform(8000, 10000)), code))
        if k == 7:
            continue  # deleted this year
        after = before if rng.random() < 0.6 else classes[rng.integers(len(classes))]
        geom = shapely.affinity.translate(cell(x, y), 0.3, 0.0) if k % 5 == 0 else cell(x, y)
        curr_parcels.append((geom, after, float(rng.uniform(8000, 10000)), code))
    prev, curr = coverage(prev_parcels), coverage(curr_parcels)
    for level in (LEVEL_TOWNSHIP, LEVEL_VILLAGE):
        _, ledger = run(prev, curr, level=level)
        rows = balance.matrix_rows(ledger, {})
        for k, unit in enumerate([*ledger.units, "TOTAL"]):
            mine = [r for r in rows if r[0] == unit]
            by_class = {r[2]: r for r in mine}
            for i, code in enumerate(balance.MATRIX_CLASSES):
                assert by_class[code][-1] == pytest.approx(ledger.prev_mu[k][i], abs=0.01)
                assert by_class["total"][4 + i] == pytest.approx(ledger.curr_mu[k][i], abs=0.01)
        # The official totals themselves: what each year's parcels say, per class.
        for year, cover, totals in (("prev", prev, ledger.prev_mu[-1]), ("curr", curr, ledger.curr_mu[-1])):
            levels = first_levels(cover.classes)
            for i, code in enumerate(balance.MATRIX_CLASSES):
                official = cover.area_m2[levels == code].sum() / SQM_PER_MU
                assert totals[i] == pytest.approx(official, abs=0.01), (year, code)
    # The deleted parcel is the only land this year does not cover; with it, the pieces' apportioned areas give
    # back each year's official total.
    overlay, ledger = run(prev, curr)
    assert overlay.uncovered_prev_m2[7] == pytest.approx(prev.area_m2[7])
    assert np.delete(overlay.uncovered_prev_m2, 7).sum() == 0.0 and overlay.uncovered_curr_m2.sum() == 0.0
    assert overlay.before_m2.sum() + overlay.uncovered_prev_m2.sum() == pytest.approx(prev.area_m2.sum())
    assert overlay.after_m2.sum() == pytest.approx(curr.area_m2.sum())


def test_flows_of_unknown_classes_are_none():
    prev = coverage([(cell(0, 0), "", None, T1), (cell(100, 0), "0101", None, T1)])
    curr = coverage([(cell(0, 0), "0101", None, T1), (cell(100, 0), None, None, T1)])
    _, ledger = run(prev, curr)
    assert balance.flow_pieces(ledger).size == 0


def balance_rows():
    units = [
        {"unit_code": "130123001", "unit_name": "城关镇", "in_mu": 2.0, "out_mu": 5.0, "occupied_mu": 3.0, "compensated_mu": 1.0},
        {"unit_code": "130123002", "unit_name": "", "in_mu": 4.0, "out_mu": 1.0, "occupied_mu": 0.0, "compensated_mu": 2.0},
    ]
    for row, task in zip(units, (1.0, None)):
        row.update(
            inout_balance_mu=row["in_mu"] - row["out_mu"], occupation_balance_mu=row["compensated_mu"] - row["occupied_mu"]
        )
        row.update(inout_target_mu=task, occupation_target_mu=0.0)
        row.update(
            inout_gap_mu=max((task or 0.0) - row["inout_balance_mu"], 0.0),
            occupation_gap_mu=max(-row["occupation_balance_mu"], 0.0),
        )
    return units


def test_dashboard_balance_section_tables_and_chart():
    from farmland_grid_plugin.domain import dashboard as d
    from farmland_grid_plugin.domain import dashboard_balance as db
    from farmland_grid_plugin.domain.messages import DomainError
    from farmland_grid_plugin.report import charts
    from farmland_grid_plugin.report.tables import dashboard_sections

    section = db.balance_section(balance_rows())
    assert [r.township_code for r in section.rows] == ["130123001", "130123002"]
    assert section.rows[0].inout_gap_mu == 4.0 and section.rows[0].occupation_gap_mu == 2.0
    assert section.total.in_mu == 6.0 and section.total.inout_target_mu == 1.0 and section.total.inout_gap_mu == 4.0
    flows = (db.YearFlows("2025", "2026", {"130123001": (2.0, 5.0, 3.0, 1.0)}),)
    dashboard = d.Dashboard(AS_OF_DAY, {"130123001": "城关镇"}, balance=section, flows=flows)
    sections = {s.key: s for s in dashboard_sections(dashboard)}
    tables = {t.key: t for t in sections[d.SECTION_BALANCE].tables}
    assert tables["balance-inout"].rows[0] == ("130123001", "城关镇", "2.0000", "5.0000", "-3.0000", "1.0000", "4.0000")
    assert tables["balance-occupation"].rows[-1][2:5] == ("3.0000", "3.0000", "0.0000")
    assert d.SECTION_BALANCE in charts.dashboard_charts(dashboard, charts.ChartStyle())
    bad = balance_rows()
    bad[1]["inout_balance_mu"] = 1.0
    with pytest.raises(DomainError, match="row 2: unit 130123002: inout_balance_mu 1"):
        db.balance_section(bad)


def test_trend_flow_table_per_pair_of_years():
    from farmland_grid_plugin.domain import dashboard as d
    from farmland_grid_plugin.domain import dashboard_balance as db
    from farmland_grid_plugin.report.balance_tables import flow_tables

    flows = (
        db.YearFlows("2024", "2025", {"130123001": (1.0, 0.5, 0.0, 0.0), "130123002": (0.0, 2.0, 1.0, 0.25)}),
        db.YearFlows("2025", "2026", {"130123001": (0.0, 0.0, 3.0, 3.0)}),
    )
    (table,) = flow_tables(d.Dashboard(AS_OF_DAY, flows=flows))
    assert [r[0] for r in table.rows] == ["2024–2025"] * 3 + ["2025–2026"] * 2
    assert table.rows[2][3:] == ("1.0000", "2.5000", "1.0000", "0.2500")  # the county's total of the first pair
