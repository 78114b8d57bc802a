"""A picture of a task list XLSX as Excel shows it: its cells, merged ranges and number formats drawn with matplotlib.

Usage: python scripts/task_table_picture.py TASK_LIST.xlsx OUT.png   (README picture: docs/screenshots/task_table.png)
"""

import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from farmland_grid_plugin.report.fonts import cjk_font  # noqa: E402

ROW_HEIGHT = 0.32  # inches; the note row takes as many rows as its wrapped lines


def shown(cell) -> str:
    """The cell's text as Excel displays it (numbers in the cell's number format)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = len(cell.number_format.partition(".")[2]) if "." in cell.number_format else 0
        return f"{value:.{decimals}f}"
    return str(value)


def main(xlsx, png):
    sheet = load_workbook(xlsx).active
    font = cjk_font()
    if font is None:
        sys.exit("No font with Chinese glyphs found: install fonts-wqy-microhei or fonts-noto-cjk")
    rows, columns = sheet.max_row, sheet.max_column
    widths = [sheet.column_dimensions[get_column_letter(c)].width or 9 for c in range(1, columns + 1)]
    x = [0.0]
    for w in widths:
        x.append(x[-1] + w * 0.085)  # Excel's width unit is about a character
    note = sheet.cell(rows, 1).value or ""
    note_lines = textwrap.wrap(note, width=int(x[-1] * 9))
    heights = (
        [ROW_HEIGHT * 1.3] + [ROW_HEIGHT * (1.6 if r == 3 else 1.0) for r in range(2, rows)] + [ROW_HEIGHT * len(note_lines)]
    )
    y = [0.0]
    for h in heights:
        y.append(y[-1] + h)
    spans = {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in sheet.merged_cells.ranges}
    covered = {(r, c) for (r0, c0), (r1, c1) in spans.items() for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    figure = plt.figure(figsize=(x[-1] + 0.2, y[-1] + 0.2), dpi=110)
    ax = figure.add_axes([0, 0, 1, 1])
    ax.set_xlim(-0.1, x[-1] + 0.1)
    ax.set_ylim(y[-1] + 0.1, -0.1)
    ax.axis("off")
    header_end = 4
    for r in range(1, rows + 1):
        for c in range(1, columns + 1):
            if (r, c) in covered and (r, c) not in spans:
                continue
            r1, c1 = spans.get((r, c), (r, c))
            left, top, right, bottom = x[c - 1], y[r - 1], x[c1], y[r1]
            boxed = 1 < r < rows
            fill = "#e8eef4" if 1 < r <= header_end else ("#f4f4f4" if r == rows - 1 else "white")
            ax.add_patch(
                Rectangle((left, top), right - left, bottom - top, facecolor=fill, edgecolor="#555" if boxed else "none", lw=0.6)
            )
            cell = sheet.cell(r, c)
            if r == rows:
                ax.text(left + 0.05, top + 0.05, "\n".join(note_lines), va="top", ha="left", fontproperties=font.properties(8))
                continue
            text = shown(cell)
            fits = int(sum(widths[c - 1 : c1]) / 1.9)  # a Chinese character is about two width units
            if r <= header_end and len(text) > fits:
                text = "\n".join(textwrap.wrap(text, width=fits))
            size = 13 if r == 1 else 8
            weight = "bold" if r <= header_end or r == rows - 1 else "normal"
            props = font.properties(size)
            props.set_weight(weight)
            ax.text((left + right) / 2, (top + bottom) / 2, text, ha="center", va="center", fontproperties=props)
    figure.savefig(png)
    print(f"{png}: {rows} rows × {columns} columns")


if __name__ == "__main__":
    main(*sys.argv[1:3])
