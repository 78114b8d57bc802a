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
