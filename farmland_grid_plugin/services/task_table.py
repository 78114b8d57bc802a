"""The county task table (任务清单) on disk: its column definition read from a file, the table written as XLSX with
the merged header offices use, or as CSV, its flat form (see domain.task_table for what the table holds)."""

from itertools import groupby
from pathlib import Path

from ..domain.messages import QT_TR_NOOP, DomainError
from ..domain.task_table import AREA_HEADING, COUNT_HEADING, TaskDefinition, TaskTable, parse_definition
from ..paths import RESOURCES
from .sinks import write_table, xlsx_cell

DEFINITIONS = RESOURCES / "task_tables"
DEFAULT_DEFINITION = DEFINITIONS / "zhashui.json"  # the seed county's campaign table
SHEET = "任务清单"
HEADER_ROWS = 3  # block, column, 图斑数 / 面积
FIRST_BODY_ROW = 2 + HEADER_ROWS  # after the title row


def load_definition(path: str = "") -> TaskDefinition:
    """The definition in ``path`` (empty: the shipped default); a DomainError names the file and the entry."""
    path = Path(path) if path else DEFAULT_DEFINITION
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(QT_TR_NOOP("Task table definition {file} cannot be read: {error}"), file=str(path), error=exc) from None
    return parse_definition(text, path.name)


def write_task_table(path: str, table: TaskTable) -> None:
    """The table as XLSX (merged header, counts as integers, areas to the table's decimals, the note line) or,
    for any other file name, as CSV: one flat header, the same rows, the note as the last line."""
    if not str(path).lower().endswith(".xlsx"):
        write_table(path, SHEET, table.flat_header(), [*table.body(), [table.note]])
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    width = 2 + 2 * len(table.items)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    title = xlsx_cell(sheet, 1, 1, table.definition.title or SHEET)
    title.font, title.alignment = Font(bold=True, size=14), centre
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for column, heading in ((1, "单位代码"), (2, table.definition.unit_heading)):
        xlsx_cell(sheet, 2, column, heading)
        sheet.merge_cells(start_row=2, start_column=column, end_row=4, end_column=column)
    column = 3
    for block, items in groupby(table.items, key=lambda item: item.block):
        items = list(items)
        xlsx_cell(sheet, 2, column, block)
        if len(items) == 1 and items[0].name == block:  # a block that is its own column: merged down
            sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column + 1)
        else:
            sheet.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + 2 * len(items) - 1)
            for k, item in enumerate(items):
                xlsx_cell(sheet, 3, column + 2 * k, item.name)
                sheet.merge_cells(start_row=3, start_column=column + 2 * k, end_row=3, end_column=column + 2 * k + 1)
        for k in range(len(items)):
            xlsx_cell(sheet, 4, column + 2 * k, COUNT_HEADING)
            xlsx_cell(sheet, 4, column + 2 * k + 1, AREA_HEADING)
        column += 2 * len(items)

    area_format = "0" if table.decimals == 0 else "0." + "0" * table.decimals
    body = table.body()
    for r, line in enumerate(body, start=FIRST_BODY_ROW):
        for c, value in enumerate(line, start=1):
            cell = xlsx_cell(sheet, r, c, value)
            if c > 2:
                cell.number_format = "0" if c % 2 else area_format
    for row in sheet.iter_rows(min_row=2, max_row=FIRST_BODY_ROW + len(body) - 1, max_col=width):
        for cell in row:
            cell.border = box
            if cell.row < FIRST_BODY_ROW:
                cell.font, cell.alignment = Font(bold=True), centre
    for cell in sheet[FIRST_BODY_ROW + len(body) - 1]:
        cell.font = Font(bold=True)
    sheet.cell(FIRST_BODY_ROW + len(body) - 1, 2).alignment = Alignment(horizontal="center")

    note_row = FIRST_BODY_ROW + len(body)
    note = xlsx_cell(sheet, note_row, 1, table.note)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=width)
    sheet.row_dimensions[note_row].height = 15 * (2 + len(table.note) // max(width * 5, 1))
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 14 if c <= 2 else 10
    sheet.row_dimensions[3].height = 30  # long column names wrap onto two lines
    sheet.freeze_panes = sheet.cell(FIRST_BODY_ROW, 3)
    book.save(path)
