"""farmlandgrid:createworkspace (建立工作空间): the shared workspace of a county office in PostgreSQL/PostGIS —
schema, group roles, township logins and the folder of the evidence photos — or a GeoPackage for one user."""

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterMatrix,
)

from ..services.workspace_setup import setup_geopackage, setup_postgres
from ..store.pg_location import is_postgres
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, read_workspace, shown, workspace_help

CRS = "CRS"
FILES_FOLDER = "FILES_FOLDER"
TOWNSHIP_LOGINS = "TOWNSHIP_LOGINS"
SCHEMA_VERSION = "SCHEMA_VERSION"
CREATED = "CREATED"
ROLES_CREATED = "ROLES_CREATED"
LOGINS_ADDED = "LOGINS_ADDED"
DEFAULT_CRS = "EPSG:4490"
_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")  # a PostgreSQL role name that needs no quoting
_TOWNSHIP = re.compile(r"^\d{9}$")  # 2 province + 2 city + 2 county + 3 township digits


def _cell(value) -> str:
    """A cell of the logins table as text: qgis_process hands ``530102001`` over as the number 530102001.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value or "").strip()


@dataclass(frozen=True)
class CreateWorkspaceParams:
    workspace: str
    crs: QgsCoordinateReferenceSystem
    files_root: Optional[str]
    township_logins: Tuple[Tuple[str, str], ...]


class CreateWorkspaceAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "createworkspace"
    GROUP = "evidence"

    def displayName(self):
        return self.tr("Create workspace")

    def shortHelpString(self):
        return (
            self.tr(
                "Creates the workspace of a county office (建立工作空间): cases, case events, evidence and the code registry, "
                "in a PostgreSQL database with PostGIS where several people work at once, each with the rights the server "
                "gives their login. Running it again completes what is missing and changes nothing else.\n\n"
                "Give: the database (WORKSPACE), the CRS of the case geometries (CRS, default EPSG:4490 CGCS2000), the shared "
                "folder where the evidence photos are kept (FILES_FOLDER, as every user's computer reaches it) and, "
                "optionally, which login acts for which township (TOWNSHIP_LOGINS: rows of login and 9-digit township code). "
                "Run it with a login that may create roles (or a superuser) the first time: it creates the group roles "
                "farmland_admin, farmland_reviewer, farmland_township and farmland_viewer and says which it created.\n\n"
                "Adding a person is then three lines of SQL for the DBA:\n"
                "CREATE ROLE wang_li LOGIN PASSWORD '…';\n"
                "GRANT farmland_township TO wang_li;\n"
                "INSERT INTO farmland_grid.township_logins VALUES ('wang_li', '530102001');\n\n"
                "Out come the schema version, whether the workspace was created, the roles created and the township logins "
                "added. A GeoPackage WORKSPACE is simply created (one user; photos beside the file)."
            )
            + "\n\n"
            + workspace_help()
        )

    def initAlgorithm(self, config=None):
        add_workspace_parameter(self, self.tr("Workspace (PostgreSQL database, or a new GeoPackage)"))
        # Optional with its default: QGIS 3.22 refuses a required CRS left out although it has a default.
        self.addParameter(QgsProcessingParameterCrs(CRS, self.tr("CRS of the case geometries"), DEFAULT_CRS, optional=True))
        folder = QgsProcessingParameterFile(
            FILES_FOLDER, self.tr("Shared folder of the evidence photos"), QgsProcessingParameterFile.Folder, optional=True
        )
        folder.setHelp(self.tr("Where imported photos are copied and relative evidence paths resolve, as users reach it."))
        self.addParameter(folder)
        logins = QgsProcessingParameterMatrix(
            TOWNSHIP_LOGINS, self.tr("Township logins"), headers=[self.tr("Login"), self.tr("Township code")], optional=True
        )
        logins.setHelp(self.tr("Which township each township login may see and act for (one row per login and township)."))
        self.addParameter(logins)
        self.addOutput(QgsProcessingOutputNumber(SCHEMA_VERSION, self.tr("Workspace schema version")))
        self.addOutput(QgsProcessingOutputBoolean(CREATED, self.tr("Workspace created by this run")))
        self.addOutput(QgsProcessingOutputString(ROLES_CREATED, self.tr("Group roles created")))
        self.addOutput(QgsProcessingOutputNumber(LOGINS_ADDED, self.tr("Township logins added")))

    def read(self, parameters, context, feedback):
        workspace = read_workspace(self, parameters, context)
        if not workspace:
            fail(self.tr("Choose the workspace: a PostgreSQL database (postgres:NAME, service=NAME, URI) or a GeoPackage"))
        crs = self.parameterAsCrs(parameters, CRS, context)
        crs = crs if crs.isValid() else QgsCoordinateReferenceSystem(DEFAULT_CRS)
        if is_postgres(workspace) and not crs.authid().upper().startswith("EPSG:"):
            fail(self.tr("Choose a CRS with an EPSG code for a PostgreSQL workspace (such as EPSG:4490)"))
        folder = self.parameterAsFile(parameters, FILES_FOLDER, context).strip() or None
        if folder and not Path(folder).is_dir():
            fail(self.tr("The folder of the evidence photos {0} does not exist").format(folder))
        return CreateWorkspaceParams(workspace, crs, folder, self._logins(parameters, context))

    def _logins(self, parameters, context):
        cells = [_cell(value) for value in self.parameterAsMatrix(parameters, TOWNSHIP_LOGINS, context)]
        if not any(cells):  # left out: QGIS gives one empty cell
            return ()
        if len(cells) % 2:
            fail(self.tr("Township logins: give a township code for every login (a row is login, township code)"))
        rows = tuple(zip(cells[0::2], cells[1::2]))
        for number, (login, township) in enumerate(rows, start=1):
            if not _LOGIN.match(login):
                fail(self.tr("Township logins, row {0}: {1!r} is not a login name (letters, digits, _)").format(number, login))
            if not _TOWNSHIP.match(township):
                fail(self.tr("Township logins, row {0}: {1!r} is not a 9-digit township code").format(number, township))
        return rows

    def execute(self, params, context, feedback, outputs):
        location = shown(params.workspace)
        if not is_postgres(params.workspace):
            if params.township_logins or params.files_root:
                feedback.pushWarning(self.tr("A GeoPackage workspace has no logins and keeps its photos beside the file"))
            report = setup_geopackage(Path(params.workspace), params.crs)
        else:
            srid = int(params.crs.authid().split(":")[1])
            now = datetime.now(timezone.utc)
            report = setup_postgres(params.workspace, location, srid, params.files_root, params.township_logins, now)
        if report.created:
            feedback.pushInfo(self.tr("Workspace created in {0} (schema version {1})").format(location, report.schema_version))
        else:
            feedback.pushInfo(
                self.tr("{0} already held the workspace (schema version {1})").format(location, report.schema_version)
            )
        if is_postgres(params.workspace):
            roles = ", ".join(report.roles_created)
            feedback.pushInfo(
                self.tr("Group roles created: {0}").format(roles) if roles else self.tr("The group roles existed already")
            )
            for login, township in report.logins_added:
                feedback.pushInfo(self.tr("Township login {0} acts for township {1}").format(login, township))
            for login in report.logins_unknown:
                feedback.pushWarning(
                    self.tr("{0} is no login of the server yet: CREATE ROLE {0} LOGIN; GRANT farmland_township TO {0};").format(
                        login
                    )
                )
        return {
            SCHEMA_VERSION: report.schema_version,
            CREATED: report.created,
            ROLES_CREATED: ", ".join(report.roles_created),
            LOGINS_ADDED: len(report.logins_added),
        }
