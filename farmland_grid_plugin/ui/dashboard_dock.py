"""耕地保护驾驶舱: the dashboard dock.

The user picks the inputs (patrolcoverage's township summary, quotaoverlay's township units,
farmlandbalance's township balances, the case workspace — a GeoPackage or a PostgreSQL workspace, chosen as in
the review dock — yearly parcel layers of the project, the day
overdue is judged on) and presses Refresh: the figures are collected in a ``QgsTask`` by
``services.dashboard_inputs``, as the report algorithm collects them, so the dock and the report show
the same numbers, and the interface never waits. The dock keeps a reference to each task until it has
finished; a result that arrives after a newer refresh started is dropped. Each section gets a tab with
its chart and its tables, both from ``report``.
"Export report…" opens the dashboardreport algorithm with the same inputs filled in.
"""

import dataclasses

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsMapLayerProxyModel,
    QgsMessageLog,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
    QgsWkbTypes,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt, QTimer
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import LOG_TAG
from ..domain import dashboard as dash
from ..domain.messages import DomainError, Message
from ..i18n import render
from ..report import tables as report_tables
from ..services import dashboard_inputs
from ..store.pg_location import is_postgres, parse_location
from .workspace_picker import WorkspacePicker

ALGORITHM_ID = "farmlandgrid:dashboardreport"
CHART_DPI = 100  # the charts' figures are drawn at this dpi: a widget's width in px / CHART_DPI is the figure's width
REDRAW_MS = 250  # charts are drawn again for the new width once resizing has paused this long
WINDOW_SIZE = (1200, 820)  # "Open in a window": the dock floats at this size (or 90 % of a smaller screen)


def _is_alive(obj):
    return obj is not None and not sip.isdeleted(obj)


def _translate(cell):
    return report_tables.render_cell(cell, QCoreApplication.translate)


class LayerSnapshot:
    """What reading needs of a vector layer (fields, name, count, CRS and a feature source), taken in the main
    thread so that a task can read the layer in its own thread."""

    def __init__(self, layer):
        self._source = QgsVectorLayerFeatureSource(layer)
        self._fields = QgsFields(layer.fields())
        self._name = layer.name()
        self._count = layer.featureCount()
        self._crs = QgsCoordinateReferenceSystem(layer.crs())

    def fields(self):
        return self._fields

    def sourceName(self):
        return self._name

    def featureCount(self):
        return self._count

    def sourceCrs(self):
        return self._crs

    def getFeatures(self, request):
        return self._source.getFeatures(request)


class _Feedback(QgsProcessingFeedback):
    """Keeps the warnings of the collection for the dock to show."""

    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, warning):
        self.warnings.append(warning)

    def reportError(self, error, fatalError=False):
        self.warnings.append(error)


class DashboardTask(QgsTask):
    """Collects the dashboard's figures in a worker thread; ``done(task, result)`` runs in the main thread."""

    def __init__(self, description, inputs, token, done):
        super().__init__(description, QgsTask.CanCancel)
        self.inputs = inputs
        self.token = token
        self.dashboard = None
        self.error = ""
        self.feedback = _Feedback()
        self.feedback.progressChanged.connect(self.setProgress)
        self.context = QgsProcessingContext()
        self.context.setTransformContext(QgsProject.instance().transformContext())
        self._done = done

    def run(self):
        try:
            self.dashboard = dashboard_inputs.collect_dashboard(self.inputs, self.context, self.feedback)
        except DomainError as exc:
            self.error = render(exc.message)
            return False
        except Exception as exc:  # a broken input: say so rather than lose it in the task manager
            self.error = f"{type(exc).__name__}: {exc}"
            QgsMessageLog.logMessage(self.error, LOG_TAG)
            return False
        return self.dashboard is not None

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def finished(self, result):
        done, self._done = self._done, None
        if done is not None:
            done(self, result)


class _Page(QWidget):
    """One section's tab: a note, the chart and the tables, in a scroll area."""

    def __init__(self):
        super().__init__()
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll = scroll
        self.widgets = []  # note, chart, table titles and tables of the shown dashboard
        self.chart = None

    def clear(self):
        for widget in self.widgets:
            self.layout_.removeWidget(widget)
            widget.deleteLater()
        self.widgets = []
        self.chart = None

    def chart_width(self):
        """The width in px a chart can take without a sideways scroll, a vertical scroll bar shown or not."""
        margins = self.layout_.contentsMargins()
        scrollbar = self.scroll.verticalScrollBar().sizeHint().width()
        inner = self.scroll.width() - 2 * self.scroll.frameWidth()
        return max(200, inner - margins.left() - margins.right() - scrollbar)

    def set_chart(self, canvas):
        """Show ``canvas`` in the chart's place (after the note), replacing the chart shown."""
        if self.chart is not None:
            index = self.layout_.indexOf(self.chart)
            self.widgets[self.widgets.index(self.chart)] = canvas
            self.layout_.removeWidget(self.chart)
            self.chart.deleteLater()
        else:
            index = 1 if self.widgets and isinstance(self.widgets[0], QLabel) else 0
            self.widgets.insert(index, canvas)
        self.layout_.insertWidget(index, canvas)
        self.chart = canvas
        return canvas

    def add(self, widget):
        self.layout_.addWidget(widget)
        self.widgets.append(widget)
        return widget


class DashboardDock(QgsDockWidget):
    """耕地保护驾驶舱: patrols, cases, farmland and PBF against targets, and the trend per township."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.tasks = []  # refresh tasks still running: Python must keep them alive
        self.dashboard = None
        self.canvases = {}  # section key → FigureCanvasQTAgg of the chart shown
        self.tables = {}  # table key → QTableWidget shown
        self.pages = {}  # section key → its tab
        self._token = 0
        self._style = None  # the charts' style (font, translation) once matplotlib is found
        self._drawn_width = 0  # px the charts were drawn for
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self.redraw_charts)
        self.setObjectName("FarmlandGridDashboardDock")
        self.setWindowTitle(self.tr("Farmland protection dashboard"))
        self._build()
        project = QgsProject.instance()
        project.layersAdded.connect(self._fill_layers)
        project.layersRemoved.connect(self._fill_layers)
        self._fill_layers()

    def tr(self, text):
        return QCoreApplication.translate("DashboardDock", text)

    # -- building

    def _build(self):
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        # The inputs fold away once the figures are shown, so the charts get the height; a click opens them again.
        self.form_box = QgsCollapsibleGroupBox(self.tr("Inputs"))
        self.form_box.setObjectName("FarmlandGridDashboardInputs")
        form = QFormLayout(self.form_box)
        self.patrol_combo = self._layer_combo(self.tr("patrolcoverage's township monthly summary"))
        form.addRow(self.tr("Patrol summary"), self.patrol_combo)
        self.units_combo = self._layer_combo(self.tr("quotaoverlay's units at township level"))
        form.addRow(self.tr("Units against targets"), self.units_combo)
        self.balance_combo = self._layer_combo(self.tr("farmlandbalance's balance per unit, at township level"))
        form.addRow(self.tr("Townships' farmland balances"), self.balance_combo)
        self.file_widget = WorkspacePicker()  # read in the refresh task, like the other inputs
        form.addRow(self.tr("Case workspace"), self.file_widget)
        self.layer_list = QListWidget()
        self.layer_list.setToolTip(
            self.tr("Tick the yearly parcel (DLTB) layers; the year is the first 19xx/20xx number in the layer name")
        )
        self.layer_list.setMaximumHeight(90)
        form.addRow(self.tr("Yearly parcel layers"), self.layer_list)
        self.area_edit = QLineEdit(dashboard_inputs.DEFAULT_AREA_FIELD)
        self.area_edit.setPlaceholderText(self.tr("empty: ellipsoidal area"))
        form.addRow(self.tr("Parcel area field (m²)"), self.area_edit)
        self.as_of_edit = QDateEdit(QDate.currentDate())
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Cases overdue as of"), self.as_of_edit)
        layout.addWidget(self.form_box)

        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Collect the figures from the inputs (in the background)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.setToolTip(self.tr("Write the dashboard as an HTML and PDF report with the same inputs"))
        self.export_button.clicked.connect(self.export_report)
        self.window_button = QPushButton(self.tr("Open in a window"))
        self.window_button.setToolTip(self.tr("Show the dashboard in a large window of its own; press again to dock it"))
        self.window_button.clicked.connect(self.toggle_window)
        self.topLevelChanged.connect(self._window_changed)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.window_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)

        self.tabs = QTabWidget()
        for key in dash.SECTIONS:
            self.pages[key] = _Page()
            self.tabs.addTab(self.pages[key], _translate(Message(report_tables.SECTION_TITLES[key])))
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)

    def _layer_combo(self, tooltip):
        combo = QgsMapLayerComboBox()
        combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        combo.setAllowEmptyLayer(True)
        combo.setLayer(None)
        combo.setToolTip(tooltip)
        return combo

    def _fill_layers(self, *_args):
        """The polygon layers of the project, by name, keeping the ticks of those still there."""
        if not _is_alive(self.layer_list):
            return
        checked = set(self.checked_layer_ids())
        self.layer_list.clear()
        layers = [
            layer
            for layer in QgsProject.instance().mapLayers().values()
            if isinstance(layer, QgsVectorLayer) and layer.geometryType() == QgsWkbTypes.PolygonGeometry
        ]
        for layer in sorted(layers, key=lambda lyr: (lyr.name(), lyr.id())):
            item = QListWidgetItem(layer.name())
            item.setData(Qt.UserRole, layer.id())
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if layer.id() in checked else Qt.Unchecked)
            self.layer_list.addItem(item)

    # -- inputs

    def checked_layer_ids(self):
        return [
            self.layer_list.item(i).data(Qt.UserRole)
            for i in range(self.layer_list.count())
            if self.layer_list.item(i).checkState() == Qt.Checked
        ]

    def set_layer_checked(self, layer, checked=True):
        for i in range(self.layer_list.count()):
            item = self.layer_list.item(i)
            if item.data(Qt.UserRole) == layer.id():
                item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
                return True
        return False

    def checked_layers(self):
        project = QgsProject.instance()
        return [layer for layer in (project.mapLayer(i) for i in self.checked_layer_ids()) if layer is not None]

    def inputs(self):
        """The inputs as the pickers say, with snapshots of the layers taken here, in the main thread."""
        patrol, units, balance = (c.currentLayer() for c in (self.patrol_combo, self.units_combo, self.balance_combo))
        return dashboard_inputs.DashboardInputs(
            patrol=LayerSnapshot(patrol) if patrol is not None else None,
            units=LayerSnapshot(units) if units is not None else None,
            balance=LayerSnapshot(balance) if balance is not None else None,
            workspace=self.file_widget.filePath().strip(),
            years=tuple(
                dashboard_inputs.parcel_year(layer, k + 1, LayerSnapshot(layer)) for k, layer in enumerate(self.checked_layers())
            ),
            as_of=self.as_of_edit.date().toPyDate(),
            area_field=self.area_edit.text().strip(),
        )

    def report_parameters(self):
        """The dashboardreport parameters of the current inputs (layers by id)."""
        parameters = {
            dashboard_inputs.PARCEL_LAYERS: self.checked_layer_ids(),
            dashboard_inputs.AREA_FIELD: self.area_edit.text().strip(),
            dashboard_inputs.AS_OF: self.as_of_edit.date(),
        }
        for key, combo in (
            (dashboard_inputs.PATROL_SUMMARY, self.patrol_combo),
            (dashboard_inputs.UNITS, self.units_combo),
            (dashboard_inputs.BALANCE, self.balance_combo),
        ):
            if combo.currentLayer() is not None:
                parameters[key] = combo.currentLayer().id()
        workspace = self.file_widget.filePath().strip()
        if workspace:  # a password typed in a URI stays out of the algorithm's history
            parameters[dashboard_inputs.WORKSPACE] = parse_location(workspace).text if is_postgres(workspace) else workspace
        return parameters

    # -- refreshing

    def refresh(self):
        """Collect the figures in a task; the result of an earlier refresh still running is dropped."""
        self._cancel_tasks()
        self._token += 1
        task = DashboardTask(self.tr("Farmland protection dashboard"), self.inputs(), self._token, self._collected)
        self.tasks.append(task)
        self.show_message(self.tr("Collecting the figures…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def _cancel_tasks(self):
        self._token += 1  # whatever still arrives is stale
        for task in self.tasks:
            if _is_alive(task):
                task.cancel()

    def _collected(self, task, result):
        if task in self.tasks:
            self.tasks.remove(task)
        if sip.isdeleted(self) or task.token != self._token:
            return  # a newer refresh started meanwhile
        if not result:
            self.show_message(task.error or self.tr("The dashboard was not refreshed: cancelled"), error=True)
            return
        self.show_dashboard(task.dashboard, task.feedback.warnings)

    def show_dashboard(self, dashboard, warnings=()):
        """Charts and tables of the dashboard in the tabs; warnings (and a missing Chinese font) in the message line."""
        self.dashboard = dashboard
        self.canvases, self.tables = {}, {}
        warnings = list(warnings)
        self._style = None
        try:  # matplotlib is optional: without it the dock shows the tables and says what to install
            from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg  # noqa: F401 - is it there?

            from ..report import charts
        except ImportError as exc:
            message = self.tr("The dashboard charts need matplotlib ({0}); on Debian/Ubuntu install python3-matplotlib")
            warnings.insert(0, message.format(exc))
        else:
            self._style = charts.default_style(QCoreApplication.translate)
            if self._style.font_warning() is not None:
                warnings.insert(0, render(self._style.font_warning()))
        for section in report_tables.dashboard_sections(dashboard):
            page = self.pages[section.key]
            page.clear()
            if section.note is not None:
                note = page.add(QLabel(_translate(section.note)))
                note.setWordWrap(True)
            for table in section.tables:
                title = page.add(QLabel(_translate(table.title)))
                title.setStyleSheet("font-weight: bold;")
                self.tables[table.key] = page.add(self._table_widget(table))
        self.redraw_charts()
        self.form_box.setCollapsed(True)
        if warnings:
            self.show_message("\n".join(warnings), error=True)
        else:
            self.show_message(self.tr("Figures as of {date}").format(date=dashboard.as_of.isoformat()))

    def redraw_charts(self):
        """Draw the charts for the width the tabs have now: labels, legends and bars laid out to fit it."""
        if self.dashboard is None or self._style is None or sip.isdeleted(self):
            return
        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg

        from ..report import charts

        width = self.pages[dash.SECTIONS[0]].chart_width()
        style = dataclasses.replace(self._style, width=width / CHART_DPI)
        for key, figure in charts.dashboard_charts(self.dashboard, style).items():
            canvas = FigureCanvasQTAgg(figure)
            # The figure's own height, so the chart is not squeezed; the page scrolls instead.
            canvas.setMinimumHeight(int(figure.get_figheight() * CHART_DPI))
            canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            canvas.setMaximumHeight(canvas.minimumHeight())
            self.canvases[key] = self.pages[key].set_chart(canvas)
        self._drawn_width = width

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.canvases:
            self._redraw.start()  # once the user stops dragging

    # -- window

    def toggle_window(self):
        """Float the dashboard as a large window of its own, or dock it again."""
        floating = not self.isFloating()
        self.setFloating(floating)
        self._window_changed(floating)  # topLevelChanged says it too, also when the user floats the dock by its title
        if floating:
            QTimer.singleShot(0, self._fill_window)  # once Qt has made it a window of its own

    def _fill_window(self):
        screen = self.screen().availableGeometry()
        width, height = min(WINDOW_SIZE[0], int(screen.width() * 0.9)), min(WINDOW_SIZE[1], int(screen.height() * 0.9))
        left, top = screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2
        self.setGeometry(left, top, width, height)
        self._redraw.start()  # for the window's width, also where no resize event reaches the dock

    def _window_changed(self, floating):
        self.window_button.setText(self.tr("Dock again") if floating else self.tr("Open in a window"))

    @staticmethod
    def _table_widget(table):
        widget = QTableWidget(len(table.rows), len(table.headers))
        widget.setObjectName(table.key)
        widget.setHorizontalHeaderLabels([_translate(h) for h in table.headers])
        widget.verticalHeader().hide()
        widget.setEditTriggers(QAbstractItemView.NoEditTriggers)
        first_total = len(table.rows) - table.totals
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(_translate(cell))
                if c > 1 and isinstance(cell, str) and (cell == "—" or cell.replace(".", "", 1).isdigit()):
                    item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
                if r >= first_total:
                    item.setFont(bold)
                widget.setItem(r, c, item)
        widget.resizeColumnsToContents()
        height = widget.horizontalHeader().height() + sum(widget.rowHeight(r) for r in range(widget.rowCount()))
        widget.setMinimumHeight(min(height + 4, 400))
        return widget

    # -- export

    def export_report(self):
        """The dashboardreport dialog with the dock's inputs filled in."""
        import processing

        return processing.execAlgorithmDialog(ALGORITHM_ID, self.report_parameters())

    # -- messages

    def show_message(self, text, error=False):
        """A line above the tabs: progress and results, or in red what went wrong."""
        self.message_label.setStyleSheet("color: #b00000;" if error else "")
        self.message_label.setText(text)
        self.message_label.show()

    def message(self):
        return self.message_label.text()

    # -- closing

    def cleanup(self):
        """Stop the refresh tasks and let go of the project's signals (when the plugin unloads)."""
        self._cancel_tasks()
        project = QgsProject.instance()
        for signal in (project.layersAdded, project.layersRemoved):
            try:
                signal.disconnect(self._fill_layers)
            except TypeError:  # not connected (cleaned up before)
                pass

    def closeEvent(self, event):
        self._cancel_tasks()
        super().closeEvent(event)
