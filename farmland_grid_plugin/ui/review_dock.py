"""举证审核: the evidence review dock of the case loop.

A reviewer opens the workspace GeoPackage, filters the case list (status, unit code, person,
overdue), walks through the cases with J/K (or Down/Up), sees each case on the map with its
evidence photos (points with the direction of view, thumbnails, a viewer), reads the audit trail
and takes the next step of the loop with the buttons (A approves, B sends back). Every step is
written to the workspace at once by the store; refusals are shown in the dock, in the user's
language.

Thumbnails are made in a ``QgsTask``: the dock keeps a reference to each task until it has
finished, and a result that arrives after another case was chosen is dropped.
"""

import math
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsDistanceArea,
    QgsGeometry,
    QgsMessageLog,
    QgsPointXY,
    QgsProject,
    QgsSettings,
    QgsTask,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsRubberBand, QgsVertexMarker
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from qgis.PyQt.QtGui import QColor, QFont, QIcon, QImageIOHandler, QImageReader, QKeySequence, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShortcut,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import cases as domain
from ..domain.messages import DomainError
from ..i18n import render
from ..store.cases import GeoPackageCaseStore, workspace_schema_version

SETTINGS_WORKSPACE = "farmland_grid/review_workspace"
SETTINGS_REVIEWER = "farmland_grid/reviewer"
THUMBNAIL_SIZE = 160  # px, the longer side
ARROW_PIXELS = 40  # length of a direction arrow on the map when it is drawn
LOG_TAG = "Farmland Grid"

# Columns of the case list.
COL_CASE, COL_STATUS, COL_UNIT, COL_PERSON, COL_DUE, COL_AREA, COL_OVERDUE = range(7)
COLUMN_COUNT = 7

OVERDUE_BACKGROUND = QColor(255, 222, 222)
OVERDUE_FOREGROUND = QColor(150, 0, 0)
HIGHLIGHT_STROKE = QColor(255, 0, 0)
HIGHLIGHT_FILL = QColor(255, 0, 0, 40)
EVIDENCE_COLOR = QColor(0, 90, 255)


def _is_alive(obj):
    return obj is not None and not sip.isdeleted(obj)


# ---------------------------------------------------------------------------------------------
# Photos


def read_image(path, box=None):
    """``(QImage, error text)`` of a photo turned upright as its EXIF orientation says, fitted into ``box``.

    The JPEG decoder scales while it decodes, so a thumbnail of a large photo is quick. The box is
    applied before the EXIF rotation; a square box makes that irrelevant, and for other boxes the
    box is swapped when the photo is rotated by a quarter turn. Safe to call in a worker thread.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if box is not None:
        raw = reader.size()
        if raw.isValid() and raw.width() > 0 and raw.height() > 0:
            fit = QSize(box)
            if int(reader.transformation()) & int(QImageIOHandler.TransformationRotate90):
                fit.transpose()
            if raw.width() > fit.width() or raw.height() > fit.height():
                reader.setScaledSize(raw.scaled(fit, Qt.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None, reader.errorString()
    if box is not None and (image.width() > box.width() or image.height() > box.height()):
        image = image.scaled(box, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    return image, ""


class ThumbnailTask(QgsTask):
    """Reads the thumbnails of one case's photos in a worker thread; ``done(task)`` runs in the main thread."""

    def __init__(self, description, case_id, token, paths, size, done):
        super().__init__(description, QgsTask.CanCancel)
        self.case_id = case_id
        self.token = token
        self.paths = list(paths)
        self.size = QSize(size, size)
        self.images = {}  # index in paths → QImage
        self.errors = {}  # index in paths → the reader's error text
        self._done = done

    def run(self):
        for index, path in enumerate(self.paths):
            if self.isCanceled():
                return False
            image, error = read_image(path, self.size)
            if image is None:
                self.errors[index] = error
            else:
                self.images[index] = image
            self.setProgress(100.0 * (index + 1) / max(len(self.paths), 1))
        return True

    def finished(self, result):
        done, self._done = self._done, None
        if done is not None:
            done(self, result)


class PhotoViewer(QDialog):
    """One photo, upright, scaled to fit the dialog (and again whenever the dialog is resized)."""

    def __init__(self, image, title, parent=None):
        super().__init__(parent)
        self.setObjectName("FarmlandGridPhotoViewer")
        self.setWindowTitle(title)
        self.image = image
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignCenter)
        self.label.setMinimumSize(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry().size() * 0.8 if screen is not None else QSize(1024, 768)
        self.resize(image.size().scaled(available, Qt.KeepAspectRatio).boundedTo(image.size()).expandedTo(QSize(200, 150)))
        self._fit()

    def _fit(self):
        size = self.label.size() if self.label.width() > 1 else self.size()
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > size.width() or pixmap.height() > size.height():
            pixmap = pixmap.scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.label.setPixmap(pixmap)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()


# ---------------------------------------------------------------------------------------------
# The case list


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
        return not (self.overdue_only and not model.overdue[source_row])

    def lessThan(self, left, right):
        model = self.sourceModel()
        return model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())


# ---------------------------------------------------------------------------------------------
# The dock


class EvidenceReviewDock(QgsDockWidget):
    """举证审核: review the evidence of the cases in a workspace and take the next step of the loop."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.store = None
        self.workspace_path = ""
        self.highlight = None  # QgsRubberBand of the shown case
        self.evidence_markers = []  # QgsVertexMarker per evidence point
        self.direction_arrows = []  # QgsRubberBand per evidence with a known direction of view
        self.thumbnail_tasks = []  # tasks still running: Python must keep them alive
        self.viewer = None
        self._evidence = []
        self._evidence_paths = []
        self._thumbnail_token = 0
        self._current = None  # CaseRecord shown in the details
        self._updating = False  # the list is being rebuilt: selection signals are ignored meanwhile

        self.setObjectName("FarmlandGridReviewDock")
        self.setWindowTitle(self.tr("Evidence review"))
        self._build()
        self._install_shortcuts()
        if self.canvas is not None:
            self.canvas.destinationCrsChanged.connect(self._redraw_canvas_items)

        settings = QgsSettings()
        self.actor_edit.setText(settings.value(SETTINGS_REVIEWER, "", type=str))
        remembered = settings.value(SETTINGS_WORKSPACE, "", type=str)
        if remembered and Path(remembered).is_file():
            self.open_workspace(remembered)
        elif remembered:
            self._set_file_widget(remembered)

    def tr(self, text):
        return QCoreApplication.translate("EvidenceReviewDock", text)

    # -- building

    def _build(self):
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        form = QFormLayout()
        self.file_widget = QgsFileWidget()
        self.file_widget.setStorageMode(QgsFileWidget.GetFile)
        self.file_widget.setFilter(self.tr("GeoPackage (*.gpkg)"))
        self.file_widget.setDialogTitle(self.tr("Choose the case workspace"))
        self.file_widget.fileChanged.connect(self._file_changed)
        form.addRow(self.tr("Workspace"), self.file_widget)
        self.actor_edit = QLineEdit()
        self.actor_edit.setObjectName("reviewer")
        self.actor_edit.setPlaceholderText(self.tr("Your name, recorded with every step"))
        self.actor_edit.editingFinished.connect(self._remember_reviewer)
        form.addRow(self.tr("Reviewer"), self.actor_edit)
        layout.addLayout(form)

        filters = QHBoxLayout()
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), "")
        for status in domain.STATUSES:
            self.status_combo.addItem(render(domain.status_label(status)), status)
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("Unit code prefix"))
        self.unit_edit.setClearButtonEnabled(True)
        self.person_edit = QLineEdit()
        self.person_edit.setPlaceholderText(self.tr("Person"))
        self.person_edit.setClearButtonEnabled(True)
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the cases again from the workspace (others may have changed them)"))
        self.reload_button.clicked.connect(self.refresh)
        for widget in (self.status_combo, self.unit_edit, self.person_edit, self.overdue_check, self.reload_button):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self.unit_edit.textChanged.connect(self._apply_filters)
        self.person_edit.textChanged.connect(self._apply_filters)
        self.overdue_check.toggled.connect(self._apply_filters)

        headers = [
            self.tr("Case"),
            self.tr("Status"),
            self.tr("Unit code"),
            self.tr("Person"),
            self.tr("Due date"),
            self.tr("Area (mu)"),
            self.tr("Overdue"),
        ]
        self.model = CaseTableModel(headers, self.tr("Overdue"), self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("cases")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # issue order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.count_label = QLabel()

        list_part = QWidget()
        list_layout = QVBoxLayout(list_part)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.count_label)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.parcel_label = QLabel()
        self.parcel_label.setWordWrap(True)
        self.parcel_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("thumbnails")
        self.thumbnails.setViewMode(QListView.IconMode)
        self.thumbnails.setFlow(QListView.LeftToRight)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Static)
        self.thumbnails.setResizeMode(QListView.Adjust)
        self.thumbnails.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.thumbnails.setFixedHeight(THUMBNAIL_SIZE + 48)
        self.thumbnails.setSpacing(4)
        self.thumbnails.itemDoubleClicked.connect(self._thumbnail_double_clicked)
        self.buttons_widget = QWidget()
        self.buttons_layout = QHBoxLayout(self.buttons_widget)
        self.buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.buttons_layout.addStretch(1)
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Action"), self.tr("Status"), self.tr("Actor"), self.tr("Note")]
        )
        self.history.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setWordWrap(True)
        for widget in (self.case_label, self.parcel_label, self.thumbnails, self.buttons_widget, self.history):
            details_layout.addWidget(widget)

        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(list_part)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.message_label = QLabel()
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.setWidget(body)
        self._update_count()

    def _install_shortcuts(self):
        self.shortcuts = []
        bindings = (
            (Qt.Key_J, lambda: self.move_case(1)),
            (Qt.Key_Down, lambda: self._up_down(1)),
            (Qt.Key_K, lambda: self.move_case(-1)),
            (Qt.Key_Up, lambda: self._up_down(-1)),
            (Qt.Key_A, lambda: self.shortcut_action(domain.APPROVE)),
            (Qt.Key_B, lambda: self.shortcut_action(domain.SEND_BACK)),
        )
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # -- workspace and reviewer

    def _set_file_widget(self, path):
        self.file_widget.blockSignals(True)
        self.file_widget.setFilePath(path)
        self.file_widget.blockSignals(False)

    def _file_changed(self, path):
        # The line edit reports every keystroke: act only once the text names an existing file.
        path = (path or "").strip()
        if path and Path(path).is_file() and path != self.workspace_path:
            self.open_workspace(path)

    def _remember_reviewer(self):
        QgsSettings().setValue(SETTINGS_REVIEWER, self.actor_edit.text().strip())

    def actor(self):
        return self.actor_edit.text().strip()

    def open_workspace(self, path):
        """Load the cases of a workspace GeoPackage; returns whether it could be opened."""
        path = str(path or "").strip()
        self._set_file_widget(self.workspace_path)  # until the new one proves usable
        if not path or not Path(path).is_file():
            self.show_error(self.tr("There is no workspace file {path}").format(path=path))
            return False
        if workspace_schema_version(path) is None:
            self.show_error(
                self.tr("{path} holds no cases: choose the workspace GeoPackage the cases were issued to").format(path=path)
            )
            return False
        try:
            store = GeoPackageCaseStore(path)
        except DomainError as exc:
            self.show_error(render(exc.message))
            return False
        except Exception as exc:  # a broken file: say so rather than raise into QGIS
            self._log_unexpected(exc)
            self.show_error(self.tr("Cannot open the workspace {path}: {error}").format(path=path, error=exc))
            return False
        self._show_case(None)
        self.store = store
        self.workspace_path = path
        self._set_file_widget(path)
        QgsSettings().setValue(SETTINGS_WORKSPACE, path)
        self.clear_message()
        self.refresh()
        return True

    # -- the list

    def today(self):
        """The day overdue is judged on (local date); tests may replace it."""
        return date.today()

    def refresh(self):
        """Read the cases again from the store; the case shown stays selected while it is listed."""
        records = []
        if self.store is not None:
            try:
                records = self.store.cases()
            except DomainError as exc:
                self.show_error(render(exc.message))
            except Exception as exc:
                self._log_unexpected(exc)
                self.show_error(self.tr("Cannot read the cases: {error}").format(error=exc))
        case_id = self._current.case_id if self._current is not None else None
        self._updating = True
        try:
            self.model.set_cases(records, self.today())
            listed = self._select_case(case_id)
        finally:
            self._updating = False
        row = self.model.row_of(case_id) if listed else None
        self._show_case(self.model.record(row) if row is not None else None)
        self._update_count()

    def _apply_filters(self, *_args):
        case_id = self._current.case_id if self._current is not None else None
        self._updating = True
        try:
            self.proxy.set_filters(
                self.status_combo.currentData() or "",
                self.unit_edit.text(),
                self.person_edit.text(),
                self.overdue_check.isChecked(),
            )
            listed = self._select_case(case_id)
        finally:
            self._updating = False
        if not listed:
            self._show_case(None)
        self._update_count()

    def _select_case(self, case_id):
        """Make the case's row current in the view (nothing else); False when it is not listed."""
        selection = self.table.selectionModel()
        row = self.model.row_of(case_id) if case_id is not None else None
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        if not index.isValid():
            selection.clear()
            return False
        selection.setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index)
        return True

    def _update_count(self):
        self.count_label.setText(
            self.tr("{shown} of {total} cases").format(shown=self.proxy.rowCount(), total=self.model.rowCount())
        )

    def listed_case_ids(self):
        """Case ids in the order the list shows them (after filters and sorting)."""
        return [self.proxy.index(row, COL_CASE).data() for row in range(self.proxy.rowCount())]

    def select_case(self, case_id):
        """Select a case as the user would: it is shown on the map and in the details. False when not listed."""
        index = self._proxy_index(case_id)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        return True

    def _proxy_index(self, case_id):
        row = self.model.row_of(case_id)
        return self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()

    def move_case(self, step):
        """The next (step 1) or previous (step -1) case of the list."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        current = self.table.currentIndex()
        if current.isValid():
            row = min(max(current.row() + step, 0), rows - 1)
        else:
            row = 0 if step > 0 else rows - 1
        if not current.isValid() or row != current.row():
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        self.table.scrollTo(self.proxy.index(row, 0))

    def _up_down(self, step):
        """Down/Up move through the cases, except in the status filter, which they step through as usual."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QComboBox) and self.isAncestorOf(focus):
            focus.setCurrentIndex(min(max(focus.currentIndex() + step, 0), focus.count() - 1))
            return
        self.move_case(step)

    def _current_row_changed(self, current, _previous):
        if self._updating:
            return
        source = self.proxy.mapToSource(current) if current.isValid() else QModelIndex()
        record = self.model.record(source.row()) if source.isValid() else None
        if record is None or self._current is None or record.case_id != self._current.case_id:
            self.clear_message()  # a message about the case left behind
        self._show_case(record)

    def current_case(self):
        """The ``CaseRecord`` shown in the details, or None."""
        return self._current

    # -- the details of a case

    def _show_case(self, record):
        new_case = (record.case_id if record else None) != (self._current.case_id if self._current else None)
        self._current = record
        if record is None:
            self._clear_canvas_items()
            self._cancel_thumbnails()
            self.thumbnails.clear()
            self._evidence, self._evidence_paths = [], []
            self.case_label.clear()
            self.parcel_label.clear()
            self.history.setRowCount(0)
            self._set_buttons([])
            return
        evidence, events = [], []
        try:
            evidence = self.store.evidence(record.case_id)
            events = self.store.events(record.case_id)
        except DomainError as exc:
            self.show_error(render(exc.message))
        except Exception as exc:
            self._log_unexpected(exc)
            self.show_error(self.tr("Cannot read the case {case_id}: {error}").format(case_id=record.case_id, error=exc))
        paths = [self._photo_path(e.path) for e in evidence]
        self._evidence = evidence
        if new_case:
            self._zoom_to_case(record)
        self._draw_canvas_items()
        if new_case or paths != self._evidence_paths:
            self._evidence_paths = paths
            self._start_thumbnails(record.case_id, paths)
        self._show_info(record, evidence)
        self._show_history(events)
        self._set_buttons(domain.allowed_actions(record.state))

    def _photo_path(self, path):
        """Paths relative to the workspace's folder are read from there."""
        photo = Path(path)
        if not photo.is_absolute() and self.workspace_path:
            photo = Path(self.workspace_path).parent / photo
        return str(photo)

    def _show_info(self, record, evidence):
        attributes = record.attributes
        parts = [record.case_id, render(domain.status_label(record.status))]
        parts += [attributes.get(name) for name in ("unit_code", "person", "phone") if attributes.get(name)]
        if record.state.due_date:
            parts.append(self.tr("due {date}").format(date=record.state.due_date.isoformat()))
        lines = [" · ".join(str(p) for p in parts)]
        if record.state.verdict:
            verdict = render(domain.verdict_label(record.state.verdict))
            if record.state.verdict_reason:
                verdict = f"{verdict} ({record.state.verdict_reason})"
            lines.append(self.tr("Verdict: {verdict}").format(verdict=verdict))
        if record.state.rectification:
            lines.append(self.tr("Rectification: {text}").format(text=record.state.rectification))
        self.case_label.setText("\n".join(lines))
        codes = list(dict.fromkeys(e.space_code for e in evidence if e.space_code))
        if codes:
            self.parcel_label.setText(self.tr("Parcel space code: {codes}").format(codes=", ".join(codes)))
        elif evidence:
            self.parcel_label.setText(self.tr("Parcel space code: none recorded with the evidence"))
        else:
            self.parcel_label.setText(self.tr("No evidence photos yet"))

    def _show_history(self, events):
        self.history.setRowCount(len(events))
        for row, event in enumerate(events):
            moves = [render(domain.status_label(s)) if s else "—" for s in (event.from_status, event.to_status)]
            texts = (
                event.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                render(domain.action_label(event.action)),
                " → ".join(moves),
                event.actor,
                event.note,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(row, column, item)
        self.history.scrollToBottom()

    # -- actions

    def _set_buttons(self, actions):
        while self.buttons_layout.count() > 1:  # the last item is the stretch
            item = self.buttons_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        hints = {domain.APPROVE: "A", domain.SEND_BACK: "B"}
        for position, action in enumerate(actions):
            button = QPushButton(render(domain.action_label(action)))
            button.setObjectName(f"action_{action}")
            button.setProperty("action", action)
            if action in hints:
                button.setToolTip(self.tr("Shortcut: {key}").format(key=hints[action]))
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            self.buttons_layout.insertWidget(position, button)

    def action_buttons(self):
        """The buttons of the actions shown now, in their order."""
        buttons = []
        for position in range(self.buttons_layout.count()):
            widget = self.buttons_layout.itemAt(position).widget()
            if isinstance(widget, QPushButton):
                buttons.append(widget)
        return buttons

    def shown_actions(self):
        return [button.property("action") for button in self.action_buttons()]

    def shortcut_action(self, action):
        """A and B: the action if it is shown now, else a note saying what is possible."""
        record = self._current
        if record is None:
            return False
        if action in self.shown_actions():
            return self.run_action(action)
        refused = domain.TransitionRefused(record.case_id, record.status, action, domain.allowed_actions(record.state))
        self.show_error(render(refused.message))
        return False

    def ask_note(self, title, label):
        """``(text, ok)``: the note for a step (tests replace this)."""
        return QInputDialog.getMultiLineText(self, title, label, "")

    def ask_verdict(self):
        """``(verdict, reason, ok)`` for reporting: legal, illegal or other (other with a reason; tests replace this).

        The verdict reported before, if any, is offered first."""
        labels = [render(domain.verdict_label(v)) for v in domain.VERDICTS]
        current = self._current.state.verdict if self._current is not None else None
        start = domain.VERDICTS.index(current) if current in domain.VERDICTS else 0
        title = self.tr("Report the case")
        label, ok = QInputDialog.getItem(self, title, self.tr("Verdict:"), labels, start, False)
        if not ok:
            return None, None, False
        verdict = domain.VERDICTS[labels.index(label)]
        reason = None
        if verdict == domain.OTHER:
            reason, ok = QInputDialog.getMultiLineText(self, title, self.tr("Reason for the verdict “Other”:"), "")
            if not ok:
                return None, None, False
        return verdict, reason, True

    def _note_prompt(self, status, action):
        if action == domain.SEND_BACK:
            return self.tr("Why is the case sent back?")
        if action == domain.RECTIFY:
            return self.tr("Rectification plan:")
        if action == domain.CLOSE and status == domain.RECTIFYING:
            return self.tr("Rectification result:")
        if action == domain.REOPEN:
            return self.tr("Why is the case reopened?")
        return self.tr("Note:")

    def run_action(self, action):
        """Take a step of the loop on the shown case; returns whether the store recorded it.

        Prompts for what the step needs, writes it through the store at once, then reads the list
        again keeping the case selected. Refusals are shown in the dock, never raised.
        """
        record = self._current
        if record is None or self.store is None:
            return False
        actor = self.actor()
        if not actor:
            self.show_error(self.tr("Enter your name as reviewer first: every step records who took it"))
            self.actor_edit.setFocus()
            return False
        self._remember_reviewer()
        label = render(domain.action_label(action))
        verdict = reason = None
        note = ""
        if action == domain.REPORT:
            verdict, reason, ok = self.ask_verdict()
            if not ok:
                return False
        if domain.requires_note(record.status, action, record.state.verdict):
            title = self.tr("{action}: case {case_id}").format(action=label, case_id=record.case_id)
            note, ok = self.ask_note(title, self._note_prompt(record.status, action))
            if not ok:
                return False
        error = None
        try:
            state, _event = self.store.apply(record.case_id, action, actor, note=note, verdict=verdict, verdict_reason=reason)
        except DomainError as exc:
            error = render(exc.message)
        except Exception as exc:
            self._log_unexpected(exc)
            error = self.tr("The workspace could not record the step: {error}").format(error=exc)
        self.refresh()  # whatever happened: the list and the buttons show what the store has now
        if error is not None:
            self.show_error(error)
            return False
        self.show_info(
            self.tr("Case {case_id}: {action} recorded; now {status}").format(
                case_id=record.case_id, action=label, status=render(domain.status_label(state.status))
            )
        )
        return True

    # -- messages

    def show_error(self, text):
        self.message_label.setStyleSheet("color: #b00000;")
        self.message_label.setText(text)
        self.message_label.show()

    def show_info(self, text):
        self.message_label.setStyleSheet("")
        self.message_label.setText(text)
        self.message_label.show()

    def clear_message(self):
        self.message_label.clear()
        self.message_label.hide()

    def message(self):
        return self.message_label.text()

    @staticmethod
    def _log_unexpected(exc):
        QgsMessageLog.logMessage(f"{type(exc).__name__}: {exc}", LOG_TAG)

    # -- map canvas

    def _canvas_crs(self):
        crs = self.canvas.mapSettings().destinationCrs()
        if not crs.isValid() and self.store is not None:
            self.canvas.setDestinationCrs(self.store.crs)
            crs = self.store.crs
        return crs

    def _to_canvas(self):
        return QgsCoordinateTransform(self.store.crs, self._canvas_crs(), QgsProject.instance())

    def _zoom_to_case(self, record):
        if self.canvas is None or record.geometry is None or record.geometry.isNull():
            return
        try:
            extent = self._to_canvas().transformBoundingBox(record.geometry.boundingBox())
        except QgsCsException:
            return
        if extent.width() or extent.height():
            extent.grow(0.25 * max(extent.width(), extent.height()))
            self.canvas.setExtent(extent)
        else:
            self.canvas.setCenter(extent.center())
        self.canvas.refresh()

    def _redraw_canvas_items(self, *_args):
        if self._current is not None and (self.highlight is not None or self.evidence_markers):
            self._draw_canvas_items()

    def _draw_canvas_items(self):
        """The case outline, its evidence points and their directions of view, on top of the map."""
        self._clear_canvas_items()
        record = self._current
        if self.canvas is None or record is None or self.store is None:
            return
        if record.geometry is not None and not record.geometry.isNull():
            band = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
            band.setStrokeColor(HIGHLIGHT_STROKE)
            band.setFillColor(HIGHLIGHT_FILL)
            band.setWidth(3)
            band.setToGeometry(QgsGeometry(record.geometry), self.store.crs)
            self.highlight = band
        try:
            to_canvas = self._to_canvas()
            wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
            to_wgs84 = QgsCoordinateTransform(self.store.crs, wgs84, QgsProject.instance())
        except QgsCsException:
            return
        length = self._arrow_length_m()
        ellipsoid = QgsDistanceArea()
        ellipsoid.setSourceCrs(wgs84, QgsProject.instance().transformContext())
        ellipsoid.setEllipsoid("WGS84")
        for evidence in self._evidence:
            point = self._evidence_point(evidence)
            if point is None:
                continue
            try:
                on_canvas = to_canvas.transform(point)
                lonlat = to_wgs84.transform(point)
            except QgsCsException:
                continue
            marker = QgsVertexMarker(self.canvas)
            marker.setCenter(on_canvas)
            marker.setIconType(QgsVertexMarker.ICON_CIRCLE)
            marker.setIconSize(12)
            marker.setPenWidth(3)
            marker.setColor(EVIDENCE_COLOR)
            marker.setToolTip(Path(evidence.path).name)
            self.evidence_markers.append(marker)
            if evidence.direction_deg is None:
                continue
            self.direction_arrows.append(self._arrow(ellipsoid, lonlat, float(evidence.direction_deg), length, wgs84))

    def _evidence_point(self, evidence):
        if evidence.geometry is not None and not evidence.geometry.isNull():
            return QgsPointXY(evidence.geometry.asPoint())
        if evidence.lon_wgs84 is not None and evidence.lat_wgs84 is not None:
            try:
                to_store = QgsCoordinateTransform(
                    QgsCoordinateReferenceSystem("EPSG:4326"), self.store.crs, QgsProject.instance()
                )
                return to_store.transform(QgsPointXY(evidence.lon_wgs84, evidence.lat_wgs84))
            except QgsCsException:
                return None
        return None

    def _arrow_length_m(self):
        """About ARROW_PIXELS on the map as it is shown, in metres (at least one)."""
        per_pixel = self.canvas.mapUnitsPerPixel()
        factor = QgsUnitTypes.fromUnitToUnitFactor(self.canvas.mapUnits(), QgsUnitTypes.DistanceMeters)
        length = per_pixel * factor * ARROW_PIXELS
        return length if math.isfinite(length) and length >= 1.0 else 20.0

    def _arrow(self, ellipsoid, lonlat, direction_deg, length_m, wgs84):
        """A line from the photo's position along its direction of view (degrees from north), with a head."""
        azimuth = math.radians(direction_deg)
        tip = ellipsoid.computeSpheroidProject(lonlat, length_m, azimuth)
        barbs = [ellipsoid.computeSpheroidProject(tip, 0.3 * length_m, azimuth + math.pi + turn) for turn in (-0.45, 0.45)]
        arrow = QgsGeometry.fromMultiPolylineXY([[lonlat, tip], [barbs[0], tip, barbs[1]]])
        band = QgsRubberBand(self.canvas, QgsWkbTypes.LineGeometry)
        band.setStrokeColor(EVIDENCE_COLOR)
        band.setWidth(2)
        band.setToGeometry(arrow, wgs84)
        return band

    def _clear_canvas_items(self):
        items = [self.highlight, *self.evidence_markers, *self.direction_arrows]
        self.highlight, self.evidence_markers, self.direction_arrows = None, [], []
        if self.canvas is None or not _is_alive(self.canvas):
            return
        scene = self.canvas.scene()
        for item in items:
            if _is_alive(item):
                if isinstance(item, QgsRubberBand):
                    item.reset()
                scene.removeItem(item)
                sip.delete(item)

    # -- thumbnails

    def _start_thumbnails(self, case_id, paths):
        self._cancel_thumbnails()
        self.thumbnails.clear()
        self._thumbnail_token += 1
        for path in paths:
            item = QListWidgetItem(Path(path).name)
            item.setData(Qt.UserRole, path)
            item.setToolTip(path)
            item.setSizeHint(QSize(THUMBNAIL_SIZE + 12, THUMBNAIL_SIZE + 36))
            self.thumbnails.addItem(item)
        if not paths:
            return
        task = ThumbnailTask(
            self.tr("Evidence thumbnails of case {case_id}").format(case_id=case_id),
            case_id,
            self._thumbnail_token,
            paths,
            THUMBNAIL_SIZE,
            self._thumbnails_done,
        )
        self.thumbnail_tasks.append(task)
        QgsApplication.taskManager().addTask(task)

    def _cancel_thumbnails(self):
        self._thumbnail_token += 1  # whatever still arrives belongs to no case shown
        for task in self.thumbnail_tasks:
            if _is_alive(task):
                task.cancel()

    def _thumbnails_done(self, task, _result):
        if task in self.thumbnail_tasks:
            self.thumbnail_tasks.remove(task)
        if sip.isdeleted(self) or task.token != self._thumbnail_token:
            return  # the reviewer moved on to another case meanwhile
        for index in range(min(self.thumbnails.count(), len(task.paths))):
            item = self.thumbnails.item(index)
            if index in task.images:
                item.setIcon(QIcon(QPixmap.fromImage(task.images[index])))
            else:
                error = task.errors.get(index) or self.tr("not read")
                item.setToolTip(self.tr("Cannot read the photo {path}: {error}").format(path=task.paths[index], error=error))
                item.setForeground(OVERDUE_FOREGROUND)

    def _thumbnail_double_clicked(self, item):
        self.open_photo(item.data(Qt.UserRole))

    def open_photo(self, path):
        """The photo in a viewer, upright and scaled to fit; None (with a message) when it cannot be read."""
        screen = QApplication.primaryScreen()
        box = screen.availableGeometry().size() if screen is not None else QSize(1920, 1080)
        image, error = read_image(path, QSize(max(box.width(), box.height()), max(box.width(), box.height())))
        if image is None:
            self.show_error(self.tr("Cannot read the photo {path}: {error}").format(path=path, error=error))
            return None
        if _is_alive(self.viewer):
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = PhotoViewer(image, Path(path).name, self)
        self.viewer.show()
        return self.viewer

    # -- closing

    def cleanup(self):
        """Remove what the dock drew on the map and stop its tasks (on close, and when the plugin unloads)."""
        self._cancel_thumbnails()
        self._evidence_paths = []  # so that showing the dock again starts the thumbnails again
        self._clear_canvas_items()
        if _is_alive(self.viewer):
            self.viewer.close()
        self.viewer = None

    def closeEvent(self, event):
        self.cleanup()
        super().closeEvent(event)

    def showEvent(self, event):
        super().showEvent(event)
        if self._current is not None and self.highlight is None:  # closed before: draw the case again
            self.refresh()
