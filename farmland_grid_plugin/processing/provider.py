"""The ``farmlandgrid`` Processing provider."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from .assign_space_codes import AssignSpaceCodesAlgorithm
from .base import plugin_icon
from .dashboard_report import DashboardReportAlgorithm
from .decompose_targets import DecomposeTargetsAlgorithm
from .delineate_grid import DelineateGridAlgorithm
from .export_atlas import ExportAtlasAlgorithm
from .export_qr_codes import ExportQrCodesAlgorithm
from .export_sign_boards import ExportSignBoardsAlgorithm
from .import_evidence import ImportEvidenceAlgorithm
from .issue_cases import IssueCasesAlgorithm
from .patrol_coverage import PatrolCoverageAlgorithm
from .quota_overlay import QuotaOverlayAlgorithm


class FarmlandGridProvider(QgsProcessingProvider):
    def id(self):
        return "farmlandgrid"

    def name(self):
        return QCoreApplication.translate("FarmlandGridProvider", "Farmland grid supervision")

    def longName(self):
        return self.name()

    def icon(self):
        return plugin_icon()

    def loadAlgorithms(self):
        self.addAlgorithm(DelineateGridAlgorithm())
        self.addAlgorithm(AssignSpaceCodesAlgorithm())
        self.addAlgorithm(ExportQrCodesAlgorithm())
        self.addAlgorithm(DecomposeTargetsAlgorithm())
        self.addAlgorithm(QuotaOverlayAlgorithm())
        self.addAlgorithm(PatrolCoverageAlgorithm())
        self.addAlgorithm(IssueCasesAlgorithm())
        self.addAlgorithm(ImportEvidenceAlgorithm())
        self.addAlgorithm(ExportAtlasAlgorithm())
        self.addAlgorithm(ExportSignBoardsAlgorithm())
        self.addAlgorithm(DashboardReportAlgorithm())
