"""A picture of farmlandbalance's transition matrix (土地利用转移矩阵) for the whole county, drawn like the
task table: the TOTAL rows of OUTPUT_MATRIX laid out as a sheet, then drawn by task_table_picture.

Usage: python scripts/matrix_picture.py BALANCE_MATRIX.gpkg OUT.png   (README picture: docs/screenshots/matrix.png)
"""

import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from osgeo import ogr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from task_table_picture import main as draw  # noqa: E402


def main(matrix, png):
    dataset = ogr.Open(str(matrix))  # kept: its layer dies with it
    layer = dataset.GetLayer(0)
    layer.SetAttributeFilter("unit_code = 'TOTAL'")
    rows = [feature.items() for feature in layer]
    columns = [name for name in rows[0] if name.startswith("to_") or name == "total_mu"]
    sheet = Workbook().active
    sheet.append(["土地利用转移矩阵（全县，亩）：行为上年地类，列为本年地类"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns) + 1)
    heads = ["上年＼本年", *[name[3:-3] if name != "total_mu" else "合计" for name in columns]]
    for r in range(3):  # the picture expects a three-row header
        sheet.append(heads if r == 0 else [None] * len(heads))
    for c in range(1, len(heads) + 1):
        sheet.merge_cells(start_row=2, start_column=c, end_row=4, end_column=c)
    for row in rows:
        label = "合计" if row["class_before"] == "total" else f"{row['class_before']} {row['class_before_name'] or ''}".strip()
        sheet.append([label, *[row[name] for name in columns]])
    for line in sheet.iter_rows(min_row=5):
        for cell in line[1:]:
            cell.number_format = "0.00"
    sheet.column_dimensions["A"].width = 16
    sheet.append(
        ["none：另一年份没有覆盖的土地（如删除的图斑）及两年官方面积之差；各行之和等于上年地类面积，各列之和等于本年地类面积。"]
    )
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(heads))
    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "matrix.xlsx"
        sheet.parent.save(xlsx)
        draw(xlsx, png)


if __name__ == "__main__":
    main(*sys.argv[1:3])
