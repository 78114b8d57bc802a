"""The ``WORKSPACE`` parameter every algorithm with a case workspace shares: a GeoPackage file or a PostgreSQL location.

The dialog keeps its file widget for GeoPackages; a PostgreSQL workspace is typed into it (``postgres:NAME`` of a
QGIS saved connection, ``service=NAME``, a ``postgresql://`` URI; ``store/pg_location.py``). QGIS 3.22's file
parameter refuses any text not ending in its extension, so this one accepts PostgreSQL locations too, and it shows
them without a password wherever QGIS writes a parameter value down: the dialog's "Input parameters" log and the
Processing history both go through ``valueAsPythonString``.
"""

from pathlib import Path

from qgis.core import QgsProcessingParameterFile, QgsProcessingUtils

from ..domain.messages import QT_TR_NOOP, Message
from ..i18n import render
from ..store.cases import CaseStoreError
from ..store.pg_location import is_postgres, parse_location

WORKSPACE = "WORKSPACE"
HELP = QT_TR_NOOP(
    "WORKSPACE is a GeoPackage file, or a shared PostgreSQL workspace typed into the same box: postgres:NAME (a "
    "connection saved in QGIS), service=NAME (pg_service.conf) or a postgresql:// URI. Passwords come from the "
    "connection's authentication configuration or the service file; one written in a URI is used but never logged."
)
UNREADABLE = QT_TR_NOOP("(a PostgreSQL location that cannot be read)")


def workspace_help() -> str:
    """The paragraph every algorithm's help adds about its WORKSPACE parameter."""
    return render(Message(HELP))


def shown(location: str) -> str:
    """``location`` as messages and logs may show it: a PostgreSQL location without its password."""
    text = str(location or "").strip()
    if not is_postgres(text):
        return text
    try:
        return parse_location(text).text
    except CaseStoreError:
        return render(Message(UNREADABLE))


class WorkspaceParameter(QgsProcessingParameterFile):
    """A GeoPackage file widget that also takes a PostgreSQL location, and never writes its password down."""

    def __init__(self, name: str, description: str, optional: bool = False):
        super().__init__(name, description, QgsProcessingParameterFile.File, "gpkg", optional=optional)
        self.setHelp(workspace_help())

    def clone(self):
        copy = WorkspaceParameter(self.name(), self.description())
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS's name
        if isinstance(value, str) and is_postgres(value):
            return True
        return super().checkValueIsAcceptable(value, context)

    def valueAsPythonString(self, value, context):  # noqa: N802 - QGIS's name
        if isinstance(value, str) and is_postgres(value):
            return QgsProcessingUtils.stringToPythonLiteral(shown(value))
        return super().valueAsPythonString(value, context)


def add_workspace_parameter(algorithm, description: str, optional: bool = False, name: str = WORKSPACE) -> None:
    """Add the workspace parameter ``name`` to ``algorithm`` (in its ``initAlgorithm``)."""
    algorithm.addParameter(WorkspaceParameter(name, description, optional))


def read_workspace(algorithm, parameters: dict, context, name: str = WORKSPACE) -> str:
    """The location given (empty when none): a GeoPackage path, or a PostgreSQL location to open, password and all.

    Show it with ``shown``; ``open_workspace`` takes it as it is."""
    value = parameters.get(name)
    if isinstance(value, str) and is_postgres(value):
        return value.strip()
    return algorithm.parameterAsFile(parameters, name, context).strip()


def missing_file(location: str) -> bool:
    """Whether ``location`` names a GeoPackage that is not there (a PostgreSQL workspace is checked when opened)."""
    return not location or (not is_postgres(location) and not Path(location).is_file())
