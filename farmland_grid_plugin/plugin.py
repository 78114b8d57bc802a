"""Plugin entry: Processing provider, menu, toolbar and locator filter."""

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .dependencies import missing_requirements
from .i18n import install_translator, remove_translator
from .paths import ICON


class FarmlandGridPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.toolbar = None
        self.locator_filter = None
        self.review_action = None
        self.review_dock = None
        self.dashboard_action = None
        self.dashboard_dock = None
        self.missing = missing_requirements()
        install_translator()

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
        self._add_action(self.tr("Delineate supervision grid…"), "farmlandgrid:delineategrid", in_toolbar=True)
        self._add_action(self.tr("Assign parcel space codes…"), "farmlandgrid:assignspacecodes", in_toolbar=True)
        self._add_action(self.tr("Export QR codes…"), "farmlandgrid:exportqrcodes")
        self._add_action(self.tr("Quota overlay…"), "farmlandgrid:quotaoverlay")
        self._add_action(self.tr("Decompose targets…"), "farmlandgrid:decomposetargets")
        self._add_action(self.tr("Patrol coverage and ledger…"), "farmlandgrid:patrolcoverage", in_toolbar=True)
        self._add_action(self.tr("Issue cases…"), "farmlandgrid:issuecases")
        self._add_action(self.tr("Import evidence photos…"), "farmlandgrid:importevidence")
        self._add_action(self.tr("Export responsibility atlas…"), "farmlandgrid:exportatlas", in_toolbar=True)
        self._add_action(self.tr("Export sign boards…"), "farmlandgrid:exportsignboards")
        self.review_action = QAction(QIcon(str(ICON)), self.tr("Evidence review (举证审核)…"), self.iface.mainWindow())
        self.review_action.setObjectName("farmlandgrid:evidencereview")
        self.review_action.triggered.connect(self._show_review_dock)
        self.iface.addPluginToMenu(self.tr("&Farmland Grid"), self.review_action)
        self.toolbar.addAction(self.review_action)
        self.dashboard_action = QAction(QIcon(str(ICON)), self.tr("Dashboard (驾驶舱)…"), self.iface.mainWindow())
        self.dashboard_action.setObjectName("farmlandgrid:dashboard")
        self.dashboard_action.triggered.connect(self._show_dashboard_dock)
        self.iface.addPluginToMenu(self.tr("&Farmland Grid"), self.dashboard_action)
        self.toolbar.addAction(self.dashboard_action)
        from .ui.locator import SpaceCodeLocatorFilter

        # QGIS's locator owns the filter once registered; the reference is what unload deregisters.
        self.locator_filter = SpaceCodeLocatorFilter(self.iface)
        self.iface.registerLocatorFilter(self.locator_filter)

    def _add_action(self, text, algorithm_id, in_toolbar=False):
        action = QAction(QIcon(str(ICON)), text, self.iface.mainWindow())
        action.setObjectName(algorithm_id)
        action.triggered.connect(lambda _checked=False, alg=algorithm_id: self._open_algorithm(alg))
        self.iface.addPluginToMenu(self.tr("&Farmland Grid"), action)
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
        for action in self.actions + [a for a in (self.review_action, self.dashboard_action) if a is not None]:
            self.iface.removePluginMenu(self.tr("&Farmland Grid"), action)
        self.actions = []
        self.review_action = None
        self.dashboard_action = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
