"""Plugin entry: Processing provider, menu, toolbar and locator filter."""

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .dependencies import missing_requirements
from .i18n import install_translator, remove_translator
from .paths import RESOURCES

ICONS = RESOURCES / "icons"


class FarmlandGridPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.separators = []
        self.toolbar = None
        self.locator_filter = None
        self.review_action = None
        self.review_dock = None
        self.dashboard_action = None
        self.dashboard_dock = None
        self.missing = missing_requirements()
        install_translator()
        self.menu = self.tr("&Farmland Grid")

    def tr(self, text):
        return QCoreApplication.translate("FarmlandGridPlugin", text)

    def initProcessing(self):
        # QGIS calls this for qgis_process; the desktop may call it before initGui does. The provider
        # registers even without a core package: it then loads no algorithm and says what to install.
        if self.provider is not None:
            return
        from .processing.provider import FarmlandGridProvider

        self.provider = FarmlandGridProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()
        if self.missing:
            self.iface.messageBar().pushMessage(
                self.tr("Farmland Grid Supervision"),
                self.tr("Missing Python packages, please install: {0}").format("; ".join(self.missing)),
                level=Qgis.Critical,
                duration=0,
            )
            return
        self.toolbar = self.iface.addToolBar(self.tr("Farmland Grid"))
        self.toolbar.setObjectName("FarmlandGridToolbar")
        self.review_action = self._action("review.svg", self.tr("Evidence review (举证审核)…"), "farmlandgrid:evidencereview")
        self.review_action.setToolTip(self.tr("Review the reported cases: evidence photos on the map, approve or send back"))
        self.review_action.triggered.connect(self._show_review_dock)
        self.dashboard_action = self._action("dashboard.svg", self.tr("Dashboard (驾驶舱)…"), "farmlandgrid:dashboard")
        self.dashboard_action.setToolTip(self.tr("Patrols, cases and farmland against targets per township, as charts"))
        self.dashboard_action.triggered.connect(self._show_dashboard_dock)
        registry = QgsApplication.processingRegistry()
        # Menu in the order of the work, a separator between the stages; the toolbar holds one action per stage.
        for n, stage in enumerate(self._stages()):
            if n:
                separator = QAction(self.iface.mainWindow())
                separator.setSeparator(True)
                self.iface.addPluginToMenu(self.menu, separator)
                self.separators.append(separator)
            for entry in stage:
                if isinstance(entry, QAction):
                    self.iface.addPluginToMenu(self.menu, entry)
                    self.toolbar.addAction(entry)
                    continue
                icon, text, tooltip, algorithm_id, in_toolbar = entry
                if registry.algorithmById(algorithm_id) is None:
                    continue  # not in this build of the provider
                self._add_action(icon, text, tooltip, algorithm_id, in_toolbar)
        menu = next((a.menu() for a in self.iface.pluginMenu().actions() if a.menu() and a.text() == self.menu), None)
        if menu is not None:
            menu.setToolTipsVisible(True)
        from .ui.locator import SpaceCodeLocatorFilter

        # QGIS's locator owns the filter once registered; the reference is what unload deregisters.
        self.locator_filter = SpaceCodeLocatorFilter(self.iface)
        self.iface.registerLocatorFilter(self.locator_filter)

    def _stages(self):
        """The menu's stages: (icon, text, tooltip, algorithm id, in the toolbar) or a dock's action."""
        tr = self.tr
        return (
            (
                (
                    "delineate_grid.svg",
                    tr("Delineate supervision grid…"),
                    tr("Grid cells of every level from the parcels, with a QA layer"),
                    "farmlandgrid:delineategrid",
                    True,
                ),
            ),
            (
                (
                    "assign_codes.svg",
                    tr("Assign parcel space codes…"),
                    tr("One stable code per parcel, kept across yearly updates"),
                    "farmlandgrid:assignspacecodes",
                    True,
                ),
                (
                    "qr_codes.svg",
                    tr("Export QR codes…"),
                    tr("A QR code image for every parcel or grid cell code"),
                    "farmlandgrid:exportqrcodes",
                    False,
                ),
            ),
            (
                (
                    "quota_overlay.svg",
                    tr("Quota overlay…"),
                    tr("Farmland and PBF per unit against the targets, change patches classified"),
                    "farmlandgrid:quotaoverlay",
                    False,
                ),
                (
                    "decompose.svg",
                    tr("Decompose targets…"),
                    tr("Hand the targets down to townships, villages or groups"),
                    "farmlandgrid:decomposetargets",
                    False,
                ),
                (
                    "balance.svg",
                    tr("Farmland balances…"),
                    tr("占补平衡 and 进出平衡 per unit between two survey years"),
                    "farmlandgrid:farmlandbalance",
                    False,
                ),
            ),
            (
                (
                    "patrol.svg",
                    tr("Patrol coverage and ledger…"),
                    tr("Which cells were patrolled in each period, and the patrol ledger"),
                    "farmlandgrid:patrolcoverage",
                    True,
                ),
            ),
            (
                (
                    "issue_cases.svg",
                    tr("Issue cases…"),
                    tr("Change patches issued as cases to the responsible persons"),
                    "farmlandgrid:issuecases",
                    False,
                ),
                (
                    "evidence.svg",
                    tr("Import evidence photos…"),
                    tr("Geotagged photos matched to their cases, with checks"),
                    "farmlandgrid:importevidence",
                    False,
                ),
                (
                    "field_export.svg",
                    tr("Export field packages…"),
                    tr("A QField package for each patroller"),
                    "farmlandgrid:exportfieldpackage",
                    False,
                ),
                (
                    "field_import.svg",
                    tr("Import field packages…"),
                    tr("Evidence and tracks back from the patrollers' packages"),
                    "farmlandgrid:importfieldpackage",
                    False,
                ),
                self.review_action,
            ),
            (
                (
                    "atlas.svg",
                    tr("Export responsibility atlas…"),
                    tr("A printed page per grid cell: map, persons, areas"),
                    "farmlandgrid:exportatlas",
                    True,
                ),
                (
                    "sign_boards.svg",
                    tr("Export sign boards…"),
                    tr("Sign boards and QR warning-post plates per cell"),
                    "farmlandgrid:exportsignboards",
                    False,
                ),
            ),
            (
                self.dashboard_action,
                (
                    "dashboard_report.svg",
                    tr("Dashboard report…"),
                    tr("The dashboard as an HTML and PDF report"),
                    "farmlandgrid:dashboardreport",
                    False,
                ),
            ),
        )

    def _action(self, icon, text, name):
        action = QAction(QIcon(str(ICONS / icon)), text, self.iface.mainWindow())
        action.setObjectName(name)
        return action

    def _add_action(self, icon, text, tooltip, algorithm_id, in_toolbar):
        action = self._action(icon, text, algorithm_id)
        action.setToolTip(tooltip)
        action.setStatusTip(tooltip)
        action.triggered.connect(lambda _checked=False, alg=algorithm_id: self._open_algorithm(alg))
        self.iface.addPluginToMenu(self.menu, action)
        if in_toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)

    def _show_review_dock(self):
        if self.review_dock is None:
            from .ui.review_dock import EvidenceReviewDock

            self.review_dock = EvidenceReviewDock(self.iface)
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.review_dock)
        self.review_dock.show()
        self.review_dock.raise_()

    def _show_dashboard_dock(self):
        if self.dashboard_dock is None:
            from .ui.dashboard_dock import DashboardDock

            self.dashboard_dock = DashboardDock(self.iface)
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dashboard_dock)
        self.dashboard_dock.show()
        self.dashboard_dock.raise_()

    @staticmethod
    def _open_algorithm(algorithm_id):
        import processing

        processing.execAlgorithmDialog(algorithm_id)

    def unload(self):
        if self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)  # which also deletes it
            self.locator_filter = None
        if self.review_dock is not None:
            self.review_dock.cleanup()  # map drawings and thumbnail tasks
            self.iface.removeDockWidget(self.review_dock)
            self.review_dock.deleteLater()
            self.review_dock = None
        if self.dashboard_dock is not None:
            self.dashboard_dock.cleanup()  # its refresh task and charts
            self.iface.removeDockWidget(self.dashboard_dock)
            self.dashboard_dock.deleteLater()
            self.dashboard_dock = None
        for action in self.actions + self.separators + [a for a in (self.review_action, self.dashboard_action) if a is not None]:
            self.iface.removePluginMenu(self.menu, action)
        self.actions, self.separators = [], []
        self.review_action = None
        self.dashboard_action = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
