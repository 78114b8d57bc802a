"""Tables the plugin writes for Excel (task list, ledger): text stays text, never a formula."""

import csv

from openpyxl import load_workbook

from farmland_grid_plugin.services.sinks import write_table

HOSTILE = ['=HYPERLINK("http://example.com","x")', "=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "城关镇"]


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    path = tmp_path / "tasks.xlsx"
    write_table(path, "任务清单", ["单位", "面积"], [[name, 1.5] for name in HOSTILE] + [["bad\x07bell", -3]])
    sheet = load_workbook(path).active
    values = [(c.value, c.data_type) for c in sheet["A"][1:]]
    assert values[: len(HOSTILE)] == [(name, "s") for name in HOSTILE]
    assert values[-1] == ("badbell", "s")  # a control character XLSX cannot hold is dropped, the row kept
    assert [c.value for c in sheet["B"][1:]] == [1.5] * len(HOSTILE) + [-3]
    assert all(c.data_type == "n" for c in sheet["B"][1:])


def test_csv_cells_that_look_like_formulas_are_quoted(tmp_path):
    path = tmp_path / "tasks.csv"
    write_table(path, "任务清单", ["单位", "面积"], [[name, -1.5] for name in HOSTILE])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["单位", "面积"]
    assert [r[0] for r in rows[1:]] == ["'" + n for n in HOSTILE[:-1]] + ["城关镇"]
    assert [r[1] for r in rows[1:]] == ["-1.5"] * len(HOSTILE)  # numbers stay numbers


def test_links_in_an_output_folder_are_removed_not_followed(tmp_path):
    from farmland_grid_plugin.services.files import unlink_links, writable_path

    outside = tmp_path / "outside.png"
    outside.write_bytes(b"keep")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "130123001001.png").symlink_to(outside)
    (folder / "notes.txt").symlink_to(outside)
    (folder / "real.png").write_bytes(b"page")
    unlink_links(folder, ".png")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "real.png"]
    pdf = tmp_path / "atlas.pdf"
    pdf.symlink_to(outside)
    assert not writable_path(pdf).exists() and outside.read_bytes() == b"keep"


def test_task_table_text_is_text_in_both_forms(tmp_path):
    """Unit names and the definition's headings come from users' files: the task table writes them as text too."""
    import json

    import numpy as np

    from farmland_grid_plugin.domain.task_table import TaskPatches, parse_definition, task_table
    from farmland_grid_plugin.services.task_table import write_task_table

    definition = parse_definition(
        json.dumps({"title": "=1+2", "blocks": [{"name": "@SUM(A1)", "columns": [{"name": "-x"}]}]}), "t.json"
    )
    patches = TaskPatches(["p"], ["u"], ["-x"], np.ones(1), np.ones(1), np.zeros(1))
    table = task_table(definition, [("u", HOSTILE[0])], patches, "+F", "m", 1)
    write_task_table(tmp_path / "tasks.xlsx", table)
    sheet = load_workbook(tmp_path / "tasks.xlsx").active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"=1+2", "@SUM(A1)", HOSTILE[0]} <= {c.value for c in texts} and all(c.data_type == "s" for c in texts)
    write_task_table(tmp_path / "tasks.csv", table)
    with open(tmp_path / "tasks.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][2] == "'@SUM(A1)/-x/图斑数" and rows[1][:4] == ["u", "'" + HOSTILE[0], "1", "1.0"]
