"""Where the docks' workspace is: a GeoPackage file, or a PostgreSQL workspace several people share.

One editable list: the PostgreSQL connections saved in QGIS (Data Source Manager → PostgreSQL, listed as
``postgres:NAME``; their passwords stay in QGIS's authentication database), and whatever the user types: a
``service=NAME`` of ``pg_service.conf``, a ``postgresql://`` URI, or a file path; the button beside it chooses
a GeoPackage file. ``location_chosen`` is emitted once the text names a workspace to open: an item picked, a
file chosen, Enter pressed (or the field left), or a path typed that names an existing file.
"""

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ..store.pg_location import is_postgres

SAVED_CONNECTIONS = "PostgreSQL/connections"


def saved_connections():
    """``postgres:NAME`` of every PostgreSQL connection saved in QGIS, by name."""
    settings = QgsSettings()
    settings.beginGroup(SAVED_CONNECTIONS)
    try:
        names = settings.childGroups()
    finally:
        settings.endGroup()
    return [f"postgres:{name}" for name in sorted(names, key=str.casefold)]


class WorkspacePicker(QWidget):
    """The workspace location: saved PostgreSQL connections, typed text, or a GeoPackage from the file dialog."""

    location_chosen = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("workspace_location")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.NoInsert)
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(4)
        self.combo.setMinimumWidth(50)  # narrow docks: the field takes the room there is, the path scrolls
        self.combo.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.combo.lineEdit().setPlaceholderText(self.tr("GeoPackage file, postgres:CONNECTION, service=NAME or URI"))
        self.combo.setToolTip(
            self.tr(
                "The case workspace: a GeoPackage file (one user), or a PostgreSQL workspace shared by several users — "
                "a connection saved in QGIS (postgres:NAME), a service of pg_service.conf (service=NAME) or a "
                "postgresql:// address. Passwords are never remembered."
            )
        )
        self.browse_button = QToolButton()
        self.browse_button.setText("…")
        self.browse_button.setToolTip(self.tr("Choose a workspace GeoPackage"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.browse_button)
        self._emitted = ""
        self.fill_connections()
        self.combo.activated.connect(lambda index: self._choose(self.combo.itemText(index)))
        self.combo.lineEdit().returnPressed.connect(lambda: self._choose(self.location(), again=True))
        self.combo.lineEdit().editingFinished.connect(lambda: self._choose(self.location()))
        self.combo.lineEdit().textEdited.connect(self._typed)
        self.browse_button.clicked.connect(self.browse)

    def tr(self, text):
        return QCoreApplication.translate("WorkspacePicker", text)

    def fill_connections(self):
        """The saved PostgreSQL connections as the list's items; the text typed stays."""
        text = self.location()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(saved_connections())
        self.combo.setEditText(text)
        self.combo.blockSignals(False)

    def location(self):
        return self.combo.currentText().strip()

    def set_location(self, text):
        """Show ``text`` without opening it."""
        self.combo.blockSignals(True)
        self.combo.setEditText(str(text or ""))
        self.combo.blockSignals(False)
        self._emitted = self.location()

    def browse(self):
        start = self.location() if not is_postgres(self.location()) else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the case workspace"), str(Path(start).parent) if start else "", self.tr("GeoPackage (*.gpkg)")
        )
        if path:
            self.setFilePath(path)

    # A file widget's two methods, so that callers (and the tour) set a GeoPackage as before.

    def filePath(self):  # noqa: N802 - QgsFileWidget's name
        return self.location()

    def setFilePath(self, path):  # noqa: N802
        """As if the file had been chosen in the dialog."""
        self.combo.setEditText(str(path or ""))
        self._choose(self.location(), again=True)

    def _typed(self, text):
        path = text.strip()
        if path and not is_postgres(path) and Path(path).is_file():
            self._choose(path)

    def _choose(self, text, again=False):
        if not text or (text == self._emitted and not again):
            return
        self._emitted = text
        self.location_chosen.emit(text)
