"""The county task table: patches made with exactly the counts and areas of every cell of a campaign table
give back that table, every row, subtotal and total; definitions are checked entry by entry."""

import json
from pathlib import Path

import numpy as np
import pytest

from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.domain.task_table import (
    NO_VALUE,
    OUTSIDE_UNITS,
    UNCLASSIFIED,
    TaskPatches,
    assign_columns,
    parse_definition,
    round_half_up,
    task_table,
)

SEED = Path(__file__).parents[2] / "farmland_grid_plugin" / "resources" / "task_tables" / "zhashui.json"

# The seed county's layout, column by column: (block, column, measure value, on PBF).
SEED_COLUMNS = (
    ("永久基本农田", "疑似永久基本农田变化图斑", "疑似永久基本农田变化图斑", True),
    ("永久基本农田", "就地恢复", "就地恢复", True),
    ("永久基本农田", "核实处置自提图斑", "核实处置自提图斑", True),
    ("永久基本农田", "异地调整补划", "异地调整补划", True),
    ("耕地保护目标", "年度流出恢复", "年度流出恢复", False),
    ("耕地保护目标", "就地恢复", "就地恢复", False),
    ("耕地进出平衡任务", "耕地进出平衡任务", "耕地进出平衡任务", False),
)
# A campaign table of four townships: (count, 亩 to 0.1) per column above.
TABLE = {
    ("611026001", "乾佑街道"): [(3, 12.4), (2, 5.1), (1, 0.7), (0, 0.0), (4, 20.3), (1, 2.2), (2, 8.8)],
    ("611026002", "营盘镇"): [(1, 3.3), (0, 0.0), (2, 4.5), (1, 9.9), (0, 0.0), (3, 6.0), (1, 1.1)],
    ("611026003", "下梁镇"): [(0, 0.0), (5, 31.7), (0, 0.0), (2, 2.6), (2, 3.4), (0, 0.0), (0, 0.0)],
    ("611026004", "红岩寺镇"): [(2, 0.9), (1, 0.3), (1, 15.0), (0, 0.0), (1, 0.5), (2, 7.7), (3, 4.2)],
}


def seed_definition():
    return parse_definition(SEED.read_text(encoding="utf-8"), SEED.name)


def split(mu, count):
    """``count`` areas (亩, to 0.01, not all equal) that add up to ``mu``."""
    hundredths = int(round(mu * 100))
    return [(hundredths // count + (k < hundredths % count)) / 100 for k in range(count)]


def patches_of(table, columns):
    """Patches with exactly the counts and areas of ``table``: a cell of n patches and A 亩 gets n areas adding up to A."""
    ids, units, measures, areas, on_pbf = [], [], [], [], []
    for (code, _name), cells in table.items():
        for (_block, _column, value, pbf), (count, mu) in zip(columns, cells):
            for k, part in enumerate(split(mu, count)):
                ids.append(f"{code}-{value}-{k}")
                units.append(code)
                measures.append(f" {value} " if k == 0 else value)  # stray spaces as in typed fields
                areas.append(part)
                on_pbf.append(pbf)
    areas = np.array(areas)
    pbf_mu = np.where(on_pbf, areas, 0.0)
    return TaskPatches(ids, units, measures, areas, areas * 0.9, pbf_mu)


def expected_row(code, name, cells, subtotals, columns=SEED_COLUMNS):
    """A row as the office table has it: each cell, 小计 after a block that has one (``subtotals``: block name →
    bool), 合计 at the end; ``columns``: (block, …) of each cell."""
    line, block_sum, total = [code, name], [0, 0.0], [0, 0.0]
    for k, (count, mu) in enumerate(cells):
        line += [count, mu]
        block_sum = [block_sum[0] + count, block_sum[1] + mu]
        total = [total[0] + count, total[1] + mu]
        last_of_block = k + 1 == len(cells) or columns[k + 1][0] != columns[k][0]
        if last_of_block:
            if subtotals[columns[k][0]]:
                line += [block_sum[0], round(block_sum[1], 1)]
            block_sum = [0, 0.0]
    return line + [total[0], round(total[1], 1)]


def test_seed_table_comes_back_cell_for_cell():
    definition = seed_definition()
    assert [(b.name, b.subtotal) for b in definition.blocks] == [
        ("永久基本农田", True),
        ("耕地保护目标", True),
        ("耕地进出平衡任务", False),
    ]
    assert [(c.name, c.pbf) for c in definition.columns] == [
        ("疑似永久基本农田变化图斑", None), ("就地恢复", True), ("核实处置自提图斑", None), ("异地调整补划", None),
        ("年度流出恢复", None), ("就地恢复", False), ("耕地进出平衡任务", None),
    ]  # fmt: skip
    table = task_table(definition, list(TABLE), patches_of(TABLE, SEED_COLUMNS), "整改类型", "ellipsoidal:CGCS2000", 1)
    subtotals = {b.name: b.subtotal for b in definition.blocks}
    expected = [expected_row(code, name, cells, subtotals) for (code, name), cells in TABLE.items()]
    columns = np.array([cells for cells in TABLE.values()])  # townships × columns × (count, mu)
    county = [(int(c), round(float(m), 1)) for c, m in columns.sum(axis=0)]
    expected.append(expected_row(None, "合计", county, subtotals))
    assert table.body() == expected
    assert table.body()[-1][-2:] == [40, 140.6]  # the county's patches and 亩, summed by hand
    assert not table.unclassified and UNCLASSIFIED not in [item.block for item in table.items]
    assert table.flat_header()[:4] == [
        "单位代码",
        "乡镇（街道）",
        "永久基本农田/疑似永久基本农田变化图斑/图斑数",
        "永久基本农田/疑似永久基本农田变化图斑/面积（亩）",
    ]
    assert table.flat_header()[-4:] == [
        "耕地进出平衡任务/图斑数",
        "耕地进出平衡任务/面积（亩）",
        "合计/图斑数",
        "合计/面积（亩）",
    ]
    assert "小计、合计由未修约面积相加后修约" in table.note and "整改类型" in table.note and "zhashui.json" in table.note


def test_the_same_measure_goes_to_the_pbf_or_the_farmland_block():
    definition = seed_definition()
    in_situ = [c.name for c in definition.columns].index("就地恢复")
    column = assign_columns(definition, ["就地恢复", "就地恢复", "异地调整补划", None, "拆除"], [True, False, False, True, False])
    assert list(column) == [in_situ, 5, 3, -1, -1]
    # On PBF: at least half of the patch by default (pbf_share), so that a sliver along a border does not count.
    patch_mu, pbf_mu = np.array([2.0, 2.0, 2.0, 0.0]), np.array([0.99, 1.0, 0.01, 0.0])
    patches = TaskPatches(list("abcd"), ["1"] * 4, ["就地恢复"] * 4, patch_mu, patch_mu, pbf_mu)
    assert definition.pbf_share == 0.5 and list(patches.on_pbf(definition.pbf_share)) == [False, True, False, False]
    assert list(patches.on_pbf(0.001)) == [True, True, True, False]


def test_totals_are_rounded_from_unrounded_areas():
    definition = parse_definition(
        json.dumps({"blocks": [{"name": "甲", "subtotal": True, "columns": [{"name": "A"}, {"name": "B"}]}]}), "t.json"
    )
    # Three patches of 0.34 亩 in A, one in B: the cells show 1.0 and 0.3, the subtotal 1.4 (1.36 rounded), not 1.3.
    areas = np.array([0.34, 0.34, 0.34, 0.34])
    patches = TaskPatches(list("wxyz"), ["u"] * 4, ["A", "A", "A", "B"], areas, areas, np.zeros(4))
    tenth = task_table(definition, [("u", "甲乡")], patches, "处置方式", "m", 1).body()
    assert tenth[0] == ["u", "甲乡", 3, 1.0, 1, 0.3, 4, 1.4, 4, 1.4]
    whole = task_table(definition, [("u", "甲乡")], patches, "处置方式", "m", 0)
    assert whole.body()[0] == ["u", "甲乡", 3, 1.0, 1, 0.0, 4, 1.0, 4, 1.0]
    assert "取整数" in whole.note
    assert round_half_up(0.05, 1) == 0.1 and round_half_up(2.5, 0) == 3.0 and round_half_up(0.25, 1) == 0.3


def test_unknown_measures_and_patches_outside_the_units_are_kept():
    definition = seed_definition()
    areas = np.array([1.0, 2.0, 4.0, 8.0])
    patches = TaskPatches(
        ["p1", "p2", "p3", "p4"],
        ["611026001", "611026001", "", "611026001"],
        ["拆除复耕", None, "就地恢复", "拆除复耕"],
        areas,
        areas,
        np.zeros(4),
    )
    table = task_table(definition, [("611026001", "乾佑街道")], patches, "整改类型", "m", 1)
    assert table.unclassified == {"拆除复耕": ["p1", "p4"], NO_VALUE: ["p2"]}
    assert [i.block for i in table.items][-2:] == [UNCLASSIFIED, "合计"]
    body = table.body()
    assert [r[:2] for r in body] == [["611026001", "乾佑街道"], [None, OUTSIDE_UNITS], [None, "合计"]]
    assert body[0][-4:] == [3, 11.0, 3, 11.0]  # 其他/未归类, then 合计 that counts them
    assert body[1][-2:] == [1, 4.0] and body[2][-2:] == [4, 15.0]
    assert "3个图斑的整改类型不在列定义中" in table.note and "拆除复耕（2个）" in table.note


def block(name="甲", **entries):
    return {"name": name, "columns": [{"name": "A"}], **entries}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{", "line 1, column 2: not valid JSON"),
        ("[]", "top level: expected an object"),
        (json.dumps({"blocks": []}), "top level: 'blocks' must be a non-empty list"),
        (json.dumps({"blocks": [block()], "area": "geometry"}), "'area' must be one of patch, farmland, pbf"),
        (json.dumps({"blocks": [{"name": "甲", "colums": []}]}), "block 1: unknown entry 'colums'"),
        (json.dumps({"blocks": [block(), {"name": " "}]}), "block 2: 'name' must be a non-empty text"),
        (
            json.dumps({"blocks": [block(columns=[{"name": "A"}, {"name": "B", "values": "B"}])]}),
            "column 2: 'values' must be a list",
        ),
        (json.dumps({"blocks": [block(columns=[{"name": "A", "pbf": "yes"}])]}), "block 1 (甲), column 1: 'pbf' must be true"),
        (json.dumps({"blocks": [block(subtotal=1)]}), "block 1 (甲): 'subtotal' must be true or false"),
        (json.dumps({"blocks": [block()], "pbf_share": 0}), "top level: 'pbf_share' must be a number above 0"),
        (
            json.dumps({"blocks": [block(), block("乙", columns=[{"name": "B", "values": ["A"], "pbf": True}])]}),
            "block 2 (乙), column 1: the value 'A' is also counted in block 1 (甲), column 1",
        ),
    ],
)
def test_a_bad_definition_names_the_file_and_the_entry(text, where):
    with pytest.raises(DomainError) as caught:
        parse_definition(text, "other_county.json")
    assert str(caught.value).startswith("Task table definition other_county.json, ")
    assert where in str(caught.value)
