"""The ``farmlandgrid`` Processing provider.

It always registers, so that a missing package is named where the user looks (the Processing log, the
terminal of qgis_process) instead of "Algorithm not found". Without a core package (shapely, numpy,
pyproj), which every algorithm imports, it loads no algorithm; an optional one is refused by the
algorithms that need it.
"""

import sys

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .. import LOG_TAG
from ..dependencies import missing_requirements
from ..paths import ICON

NOT_LOADED = QT_TRANSLATE_NOOP(
    "FarmlandGridProvider", "Farmland grid supervision loads no algorithm. Missing Python packages, please install: {0}"
)


class FarmlandGridProvider(QgsProcessingProvider):
    def id(self):
        return "farmlandgrid"

    def name(self):
        return QCoreApplication.translate("FarmlandGridProvider", "Farmland grid supervision")

    def longName(self):
        return self.name()

    def icon(self):
        return QIcon(str(ICON))

    def loadAlgorithms(self):
        missing = missing_requirements()
        if missing:
            text = QCoreApplication.translate("FarmlandGridProvider", NOT_LOADED).format("; ".join(missing))
            QgsMessageLog.logMessage(text, LOG_TAG, Qgis.Warning)
            print(text, file=sys.stderr)  # qgis_process shows no message log
            return
        for algorithm in _algorithms():
            self.addAlgorithm(algorithm)


def _algorithms():
    # Imported only once the core packages are known to be there: every algorithm module imports them.
    from .assign_space_codes import AssignSpaceCodesAlgorithm
    from .county_steps import CountyStepsAlgorithm
    from .create_workspace import CreateWorkspaceAlgorithm
    from .dashboard_report import DashboardReportAlgorithm
    from .decompose_targets import DecomposeTargetsAlgorithm
    from .delineate_grid import DelineateGridAlgorithm
    from .export_atlas import ExportAtlasAlgorithm
    from .export_field_package import ExportFieldPackageAlgorithm
    from .export_qr_codes import ExportQrCodesAlgorithm
    from .export_sign_boards import ExportSignBoardsAlgorithm
    from .farmland_balance import FarmlandBalanceAlgorithm
    from .import_evidence import ImportEvidenceAlgorithm
    from .import_field_package import ImportFieldPackageAlgorithm
    from .issue_cases import IssueCasesAlgorithm
    from .migrate_workspace import MigrateWorkspaceAlgorithm
    from .patrol_coverage import PatrolCoverageAlgorithm
    from .quota_overlay import QuotaOverlayAlgorithm
    from .run_counties import RunCountiesAlgorithm

    return [
        DelineateGridAlgorithm(),
        AssignSpaceCodesAlgorithm(),
        ExportQrCodesAlgorithm(),
        DecomposeTargetsAlgorithm(),
        QuotaOverlayAlgorithm(),
        FarmlandBalanceAlgorithm(),
        PatrolCoverageAlgorithm(),
        IssueCasesAlgorithm(),
        ImportEvidenceAlgorithm(),
        ExportFieldPackageAlgorithm(),
        ImportFieldPackageAlgorithm(),
        ExportAtlasAlgorithm(),
        ExportSignBoardsAlgorithm(),
        DashboardReportAlgorithm(),
        RunCountiesAlgorithm(),
        CountyStepsAlgorithm(),
        CreateWorkspaceAlgorithm(),
        MigrateWorkspaceAlgorithm(),
    ]
