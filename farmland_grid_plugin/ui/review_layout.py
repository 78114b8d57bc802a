"""How the review dock fits a screen: compact list rows, the splitter turned side by side in a wide window,
the user's splitter and column sizes kept in the settings, a width to open with, the dock opened as a window.

At 1366×768 QGIS leaves a right-hand dock about 600 px high: the case list gets what ten rows need
and the details (in tabs, which scroll) the rest; the dock can be made lower than 450 px, so that QGIS's
status bar and locator stay on a 768 px screen.
"""

from qgis.PyQt.QtCore import QEvent, QObject, Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QHeaderView, QMainWindow

from .. import settings

LIST_ROWS = 10  # rows of the case list the dock opens with
LIST_SHARE = 0.6  # of the height, the list's when the dock opens (at least LIST_ROWS rows)
DETAILS_MIN = 100  # px the details tabs keep at least when the dock opens
WIDE_RATIO = 1.4  # a dock this much wider than high (and WIDE_MIN_WIDTH wide) puts the details beside the list
WIDE_MIN_WIDTH = 900
WINDOW_SHARE = (0.85, 0.8)  # of the screen, the size of the dock opened as a window
SAVE_DELAY_MS = 500  # splitter drags and column resizes are written once the user lets go


FIT_ROWS = 100  # rows measured when the columns are fitted to their contents (Qt's 1000 take 0.4 s of 50,000 cases)


def compact_rows(view):
    """Rows as high as the text needs (Qt's default leaves a third of a row empty), so more of them fit."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 4)


def list_height(view, rows=LIST_ROWS):
    """Height the view needs to show ``rows`` whole rows, its header and a horizontal scroll bar."""
    header = view.horizontalHeader()
    return (
        max(header.sizeHint().height(), header.height())
        + rows * view.verticalHeader().defaultSectionSize()
        + view.horizontalScrollBar().sizeHint().height()
        + 2 * view.frameWidth()
        + 2  # the viewport's own margin
    )


def is_wide(size):
    return size.width() >= WIDE_MIN_WIDTH and size.width() >= WIDE_RATIO * size.height()


def docked_width(main_window):
    """Width the dock opens with beside the map: about 40 % of the window, between 460 and 760 px."""
    return int(min(max(0.4 * main_window.width(), 460), 760))


class LayoutMemory(QObject):
    """The splitter's sizes (one state per orientation) and the case list's column widths, kept in the settings.

    The splitter turns side by side when the dock is wide (``follow``); each orientation has its own
    remembered sizes; without any, the list gets ``LIST_ROWS`` rows once the splitter has its height.
    """

    def __init__(self, splitter, table, parent=None):
        super().__init__(parent)
        self.splitter = splitter
        self.table = table
        self._restoring = False
        self._columns_fitted = False
        self._first_sizes_due = False  # no remembered sizes: set at every resize until the user moves the splitter
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)  # the user sets the widths; fitted once to the cases
        header.setStretchLastSection(True)
        stored = settings.load()
        if not stored.review_columns.isEmpty() and header.restoreState(stored.review_columns):
            self._columns_fitted = True
            header.setSortIndicator(-1, Qt.AscendingOrder)  # widths remembered; the list opens in issue order
        self._restore_splitter()
        splitter.splitterMoved.connect(self._moved)
        header.sectionResized.connect(self._changed)
        splitter.installEventFilter(self)

    def eventFilter(self, watched, event):
        if watched is self.splitter and event.type() == QEvent.Resize and self._first_sizes_due:
            QTimer.singleShot(0, self._first_sizes_if_due)  # once the splitter has laid itself out in its new size
        return False

    def _first_sizes_if_due(self):
        if self._first_sizes_due:
            self._first_sizes()

    def _key(self):
        return "review_splitter_wide" if self.splitter.orientation() == Qt.Horizontal else "review_splitter"

    def _restore_splitter(self):
        state = getattr(settings.load(), self._key())
        self._restoring = True
        try:
            orientation = self.splitter.orientation()
            if state.isEmpty() or not self.splitter.restoreState(state) or self.splitter.orientation() != orientation:
                self.splitter.setOrientation(orientation)
                self._first_sizes()
            else:
                self._first_sizes_due = False
        finally:
            self._restoring = False

    def _first_sizes(self):
        """The list three fifths of the splitter, on top at least ``LIST_ROWS`` rows, the details what is left."""
        horizontal = self.splitter.orientation() == Qt.Horizontal
        total = (self.splitter.width() if horizontal else self.splitter.height()) - self.splitter.handleWidth()
        self._first_sizes_due = True
        if total <= 0:
            return
        self._restoring = True
        try:
            if horizontal:
                self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])
            else:
                wanted = int(min(max(list_height(self.table), LIST_SHARE * total), max(total - DETAILS_MIN, 0)))
                self.splitter.setSizes([wanted, total - wanted])
        finally:
            self._restoring = False

    def fit_columns(self):
        """The first time cases are listed and no widths are remembered: columns as wide as their contents."""
        if self._columns_fitted or self.table.model().rowCount() == 0:
            return
        self._restoring = True
        try:
            self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)  # a remembered state may hold another
            self.table.resizeColumnsToContents()
        finally:
            self._restoring = False
        self._columns_fitted = True

    def follow(self, size):
        """Side by side in a wide dock, one above the other otherwise; the sizes of that orientation come back."""
        orientation = Qt.Horizontal if is_wide(size) else Qt.Vertical
        if orientation == self.splitter.orientation():
            return
        self.save()
        self.splitter.setOrientation(orientation)
        self._restore_splitter()

    def _changed(self, *_args):
        if not self._restoring:
            self._timer.start()

    def _moved(self, *_args):
        self._first_sizes_due = False  # the user's sizes from now on
        self._changed()

    def save(self):
        """The user's sizes into the settings (the splitter's only once the user has moved it)."""
        self._timer.stop()
        if not self._first_sizes_due:
            settings.save(self._key(), self.splitter.saveState())
        if self._columns_fitted:
            settings.save("review_columns", self.table.horizontalHeader().saveState())


def open_as_window(dock):
    """The dock floating as a wide window on the screen of QGIS's window (for a second monitor: drag it there)."""
    main = dock.parentWidget()
    screen = (main.screen() if main is not None else None) or QApplication.primaryScreen()
    area = screen.availableGeometry()
    dock.setFloating(True)
    width, height = int(area.width() * WINDOW_SHARE[0]), int(area.height() * WINDOW_SHARE[1])
    dock.setGeometry(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height)
    dock.raise_()
    dock.activateWindow()


def fit_beside_map(dock):
    """A docked dock as wide as ``docked_width`` (QGIS would keep it as narrow as its widest control)."""
    main = dock.parentWidget()
    if isinstance(main, QMainWindow) and not dock.isFloating():
        main.resizeDocks([dock], [docked_width(main)], Qt.Horizontal)
