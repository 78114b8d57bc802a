"""The review dock's tables: the case list (a model that filters and sorts, and its view) and the audit trail of a case.

Cases with evidence flags (举证核验) carry a warning sign and their flags in the tooltip of their id, and the
list can be narrowed to them; a verdict's event shows the flags the case had when it was given.
"""

import numpy as np
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem

from ..domain import cases as domain
from ..i18n import render
from .review_flags import case_flag_texts
from .review_listing import (
    COL_AREA,
    COL_CASE,
    COL_DUE,
    COL_OVERDUE,
    COL_PERSON,
    COL_STATUS,
    COL_UNIT,
    COLUMN_COUNT,
    CaseListing,
    CaseRow,
)

OVERDUE_BACKGROUND = QColor(255, 222, 222)
OVERDUE_FOREGROUND = QColor(150, 0, 0)


class CaseTableModel(QAbstractTableModel):
    """The workspace's cases as the list shows them, filtered and sorted by their ``CaseListing``; rows are in issue
    order until a header is clicked; texts of the header come from the dock."""

    def __init__(self, headers, overdue_text, parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.overdue_text = overdue_text
        self.listing = CaseListing()
        self.status, self.unit_prefix, self.person, self.overdue_only, self.flagged_only = "", "", "", False, False
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self._select()

    # -- the rows

    def set_cases(self, listing, today=None):
        """All the cases: a ``CaseListing`` (built off the main thread), or rows (``CaseRow``/``CaseRecord``) and ``today``."""
        if not isinstance(listing, CaseListing):
            listing = CaseListing([row if isinstance(row, CaseRow) else CaseRow.of(row) for row in listing], today)
        self.beginResetModel()
        self.listing = listing
        self._select()
        self.endResetModel()

    def update_cases(self, rows):
        """Rows read again (another user's step): replaced where listed, added at the end where new."""
        self.beginResetModel()
        self.listing.replace(rows)
        self._select()
        self.endResetModel()

    @property
    def today(self):
        return self.listing.today

    @property
    def overdue(self):
        return self.listing.overdue

    def _select(self):
        """``visible``: positions of the rows shown, in the order shown."""
        mask = self.listing.mask(self.status, self.unit_prefix, self.person, self.flagged_only, self.overdue_only)
        order = self.listing.order(self.sort_column)
        if self.sort_order == Qt.DescendingOrder and self.sort_column >= 0:
            order = order[::-1]
        self.visible = order[mask[order]]

    # -- filters and sorting

    def set_flagged_only(self, flagged_only):
        """Only the cases with evidence flags (the dock's "flagged only"); kept apart from ``set_filters``."""
        self.flagged_only = bool(flagged_only)
        self._refilter()

    def set_filters(self, status="", unit_prefix="", person="", overdue_only=False):
        self.status = status or ""
        self.unit_prefix = (unit_prefix or "").strip()
        self.person = (person or "").strip().casefold()
        self.overdue_only = bool(overdue_only)
        self._refilter()

    def _refilter(self):
        self.beginResetModel()
        self._select()
        self.endResetModel()

    def sort(self, column, order=Qt.AscendingOrder):
        """Called by the view when a header is clicked."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()  # the current row and the selection: they follow their cases
        kept = [(int(self.visible[index.row()]), index.column()) for index in old]
        self.sort_column, self.sort_order = column, order
        self._select()
        shown_at = np.full(len(self.listing), -1, dtype=np.int64)
        shown_at[self.visible] = np.arange(len(self.visible))
        self.changePersistentIndexList(
            old, [self.index(int(shown_at[p]), c) if shown_at[p] >= 0 else QModelIndex() for p, c in kept]
        )
        self.layoutChanged.emit()

    # -- what the view asks

    def row(self, row):
        """The ``CaseRow`` shown at ``row``, or None."""
        return self.listing.rows[self.visible[row]] if 0 <= row < len(self.visible) else None

    def row_of(self, case_id):
        """The row the case is shown at, None when it is not listed (filtered out or unknown)."""
        position = self.listing.positions.get(case_id)
        if position is None:
            return None
        found = np.flatnonzero(self.visible == position)
        return int(found[0]) if len(found) else None

    def total(self):
        return len(self.listing)

    def rowCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else len(self.visible)

    def columnCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.visible):
            return None
        position = self.visible[index.row()]
        row, overdue = self.listing.rows[position], bool(self.listing.overdue[position])
        column = index.column()
        if role == Qt.DisplayRole:
            return self.text(row, overdue, column)
        if role == Qt.ToolTipRole and column == COL_STATUS and row.verdict:
            return render(domain.verdict_label(row.verdict))
        if column == COL_CASE and role in (Qt.DecorationRole, Qt.ToolTipRole) and self.listing.flagged[position]:
            return QgsApplication.getThemeIcon("/mIconWarning.svg") if role == Qt.DecorationRole else _flags_tooltip(row)
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

    def text(self, row, overdue, column):
        if column == COL_CASE:
            return row.case_id
        if column == COL_STATUS:
            return render(domain.status_label(row.status))
        if column == COL_UNIT:
            return row.unit_code
        if column == COL_PERSON:
            return row.person
        if column == COL_DUE:
            return row.due_date.isoformat() if row.due_date else ""
        if column == COL_AREA:
            return "" if row.area_mu is None else f"{row.area_mu:,.2f}"
        if column == COL_OVERDUE:
            return self.overdue_text if overdue else ""
        return None


class CaseListView(QTableView):
    """The case list: its model (which filters and sorts) and moving through it by case id."""

    def __init__(self, headers, overdue_text, parent=None):
        super().__init__(parent)
        self.cases = CaseTableModel(headers, overdue_text, self)
        self.setObjectName("cases")
        self.setModel(self.cases)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        # Widths the user sets, fitted once to the first rows (review_layout): measuring 50,000 rows after every
        # filter or sort would take a good part of a second.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # issue order until a header is clicked
        self.setSortingEnabled(True)

    def case_id_at(self, index):
        """The case id of a row of the view, or None."""
        row = self.cases.row(index.row()) if index.isValid() else None
        return row.case_id if row is not None else None

    def index_of(self, case_id):
        """The view's index of the case, invalid when the case is not listed."""
        row = self.cases.row_of(case_id) if case_id is not None else None
        return self.cases.index(row, 0) if row is not None else QModelIndex()

    def listed_case_ids(self):
        """Case ids in the order the list shows them (after filters and sorting)."""
        return [self.cases.listing.rows[position].case_id for position in self.cases.visible]

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
        rows = self.cases.rowCount()
        if rows == 0:
            return
        current = self.currentIndex()
        if current.isValid():
            row = min(max(current.row() + step, 0), rows - 1)
        else:
            row = 0 if step > 0 else rows - 1
        if not current.isValid() or row != current.row():
            self.setCurrentIndex(self.cases.index(row, 0))
        self.scrollTo(self.cases.index(row, 0))


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


def _flags_tooltip(row):
    texts = case_flag_texts(row.flag_attributes())
    photos = row.flagged_photos
    if photos:
        texts.append(QCoreApplication.translate("CaseFlags", "{count} photos flagged").format(count=photos))
    return QCoreApplication.translate("CaseFlags", "Evidence checks: {flags}").format(flags="; ".join(texts))


def _event_flags(event):
    """The flags the case had when the step was taken, as its event keeps them."""
    if not event.checks:
        return ""
    return QCoreApplication.translate("CaseFlags", "Flags then: {flags}").format(flags=event.checks)
