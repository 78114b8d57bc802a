"""The review dock's tables: the case list (model, filter/sort proxy and view) and the audit trail of a case.

Cases with evidence flags (举证核验) carry a warning sign and their flags in the tooltip of their id, and the
list can be narrowed to them; a verdict's event shows the flags the case had when it was given.
"""

from datetime import date

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem

from ..domain import cases as domain
from ..i18n import render
from .review_flags import case_flag_texts, is_flagged

# Columns of the case list.
COL_CASE, COL_STATUS, COL_UNIT, COL_PERSON, COL_DUE, COL_AREA, COL_OVERDUE = range(7)
COLUMN_COUNT = 7

OVERDUE_BACKGROUND = QColor(255, 222, 222)
OVERDUE_FOREGROUND = QColor(150, 0, 0)


class CaseTableModel(QAbstractTableModel):
    """The workspace's cases, one row each, in issue order; texts of the header and flags come from the dock."""

    def __init__(self, headers, overdue_text, parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.overdue_text = overdue_text
        self.records = []
        self.overdue = []
        self.today = date.today()

    def set_cases(self, records, today):
        self.beginResetModel()
        self.records = list(records)
        self.today = today
        self.overdue = [domain.is_overdue(r.state, today) for r in self.records]
        self.endResetModel()

    def record(self, row):
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of(self, case_id):
        return next((row for row, record in enumerate(self.records) if record.case_id == case_id), None)

    def rowCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else len(self.records)

    def columnCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        overdue = self.overdue[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            return self.text(record, overdue, column)
        if role == Qt.ToolTipRole and column == COL_STATUS and record.state.verdict:
            return render(domain.verdict_label(record.state.verdict))
        if column == COL_CASE and role in (Qt.DecorationRole, Qt.ToolTipRole) and is_flagged(record.attributes):
            return QgsApplication.getThemeIcon("/mIconWarning.svg") if role == Qt.DecorationRole else _flags_tooltip(record)
        if role == Qt.BackgroundRole and overdue:
            return OVERDUE_BACKGROUND
        if role == Qt.ForegroundRole and overdue:
            return OVERDUE_FOREGROUND
        if role == Qt.FontRole and overdue and column == COL_OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.TextAlignmentRole and column == COL_AREA:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def text(self, record, overdue, column):
        attributes = record.attributes
        if column == COL_CASE:
            return record.case_id
        if column == COL_STATUS:
            return render(domain.status_label(record.status))
        if column == COL_UNIT:
            return attributes.get("unit_code") or ""
        if column == COL_PERSON:
            return attributes.get("person") or ""
        if column == COL_DUE:
            return record.state.due_date.isoformat() if record.state.due_date else ""
        if column == COL_AREA:
            area = attributes.get("area_mu")
            return "" if area is None else f"{area:,.2f}"
        if column == COL_OVERDUE:
            return self.overdue_text if overdue else ""
        return None

    def sort_key(self, row, column):
        """Empty values sort last whatever the column."""
        record = self.records[row]
        if column == COL_DUE:
            value = record.state.due_date
        elif column == COL_AREA:
            value = record.attributes.get("area_mu")
        elif column == COL_OVERDUE:
            value = 0 if self.overdue[row] else 1
        elif column == COL_STATUS:
            value = domain.STATUSES.index(record.status) if record.status in domain.STATUSES else len(domain.STATUSES)
        else:
            value = self.text(record, self.overdue[row], column) or None
        return (value is None, value if value is not None else 0, record.fid)


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters of the dock (status, unit code prefix, person, overdue only) and sorting by any column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = ""
        self.unit_prefix = ""
        self.person = ""
        self.overdue_only = False
        self.flagged_only = False

    def set_flagged_only(self, flagged_only):
        """Only the cases with evidence flags (the dock's "flagged only"); kept apart from ``set_filters``."""
        self.flagged_only = bool(flagged_only)
        self.invalidateFilter()

    def set_filters(self, status="", unit_prefix="", person="", overdue_only=False):
        self.status = status or ""
        self.unit_prefix = (unit_prefix or "").strip()
        self.person = (person or "").strip().casefold()
        self.overdue_only = bool(overdue_only)
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):
        model = self.sourceModel()
        record = model.record(source_row)
        if record is None:
            return False
        if self.status and record.status != self.status:
            return False
        if self.unit_prefix and not (record.attributes.get("unit_code") or "").startswith(self.unit_prefix):
            return False
        if self.person and self.person not in (record.attributes.get("person") or "").casefold():
            return False
        if self.flagged_only and not is_flagged(record.attributes):
            return False
        return not (self.overdue_only and not model.overdue[source_row])

    def lessThan(self, left, right):
        model = self.sourceModel()
        return model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())


class CaseListView(QTableView):
    """The case list: its model, the filter/sort proxy in front of it, and moving through it by case id."""

    def __init__(self, headers, overdue_text, parent=None):
        super().__init__(parent)
        self.cases = CaseTableModel(headers, overdue_text, self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.cases)
        self.setObjectName("cases")
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # issue order until a header is clicked
        self.setSortingEnabled(True)

    def record_at(self, index):
        """The ``CaseRecord`` of a row of the view (a proxy index), or None."""
        source = self.proxy.mapToSource(index) if index.isValid() else QModelIndex()
        return self.cases.record(source.row()) if source.isValid() else None

    def index_of(self, case_id):
        """The view's index of the case, invalid when the case is not listed."""
        row = self.cases.row_of(case_id) if case_id is not None else None
        return self.proxy.mapFromSource(self.cases.index(row, 0)) if row is not None else QModelIndex()

    def listed_case_ids(self):
        """Case ids in the order the list shows them (after filters and sorting)."""
        return [self.proxy.index(row, COL_CASE).data() for row in range(self.proxy.rowCount())]

    def mark_current(self, case_id):
        """Make the case's row current in the view (nothing else); False when it is not listed."""
        index = self.index_of(case_id)
        if not index.isValid():
            self.selectionModel().clear()
            return False
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.scrollTo(index)
        return True

    def select_case(self, case_id):
        """Select a case as the user would (the view's current row changes); False when it is not listed."""
        index = self.index_of(case_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        return True

    def move(self, step):
        """To the next (step 1) or previous (step -1) case of the list."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        current = self.currentIndex()
        if current.isValid():
            row = min(max(current.row() + step, 0), rows - 1)
        else:
            row = 0 if step > 0 else rows - 1
        if not current.isValid() or row != current.row():
            self.setCurrentIndex(self.proxy.index(row, 0))
        self.scrollTo(self.proxy.index(row, 0))


class HistoryTable(QTableWidget):
    """The audit trail of a case, one event a row, oldest first; the header texts come from the dock."""

    def __init__(self, headers, parent=None):
        super().__init__(0, len(headers), parent)
        self.setObjectName("history")
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(True)

    def show_events(self, events):
        self.setRowCount(len(events))
        for row, event in enumerate(events):
            moves = [render(domain.status_label(s)) if s else "—" for s in (event.from_status, event.to_status)]
            texts = (
                event.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                render(domain.action_label(event.action)),
                " → ".join(moves),
                event.actor,
                "\n".join(filter(None, [event.note, _event_flags(event)])),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        self.scrollToBottom()


def _flags_tooltip(record):
    texts = case_flag_texts(record.attributes)
    photos = record.attributes.get("flagged_photos")
    if photos:
        texts.append(QCoreApplication.translate("CaseFlags", "{count} photos flagged").format(count=photos))
    return QCoreApplication.translate("CaseFlags", "Evidence checks: {flags}").format(flags="; ".join(texts))


def _event_flags(event):
    """The flags the case had when the step was taken, as its event keeps them."""
    if not event.checks:
        return ""
    return QCoreApplication.translate("CaseFlags", "Flags then: {flags}").format(flags=event.checks)
