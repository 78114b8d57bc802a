"""One way to open a workspace, whatever holds it: validate the location, create or migrate the
schema, and hand back the case store and the code registry together."""

from pathlib import Path
from typing import Optional

from qgis.core import QgsCoordinateTransformContext

from ..domain.messages import QT_TR_NOOP
from .cases import DEFAULT_CRS, CaseStore, CaseStoreError, GeoPackageCaseStore, workspace_schema_version
from .registry import CodeRegistry


class Workspace:
    """An open workspace: its cases (events and evidence with them) and its space-code registry."""

    def __init__(self, location: str, cases: CaseStore):
        self.location = location
        self.cases = cases
        self._registry = None

    @property
    def registry(self) -> CodeRegistry:
        # Opened on first use: readers of cases never touch the registry's table.
        if self._registry is None:
            self._registry = CodeRegistry(self.location)
        return self._registry

    @property
    def schema_version(self) -> int:
        return self.cases.schema_version

    def close(self) -> None:
        self.cases.close()
        if self._registry is not None:
            self._registry.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_workspace(
    location: str,
    *,
    create: bool = True,
    crs=DEFAULT_CRS,
    transform_context: Optional[QgsCoordinateTransformContext] = None,
    busy_timeout_ms: int = 10000,
) -> Workspace:
    """The workspace at ``location`` (a GeoPackage path), its schema created or migrated.

    ``create=False`` is for readers (the docks, the dashboard): the location must already hold a
    workspace with cases, and nothing is created. Any refusal is a ``CaseStoreError`` saying why.
    """
    path = Path(str(location or "").strip())
    if not str(location or "").strip():
        raise CaseStoreError(QT_TR_NOOP("No workspace was given"))
    if not create:
        if not path.is_file():
            raise CaseStoreError(QT_TR_NOOP("There is no workspace file {path}"), path=str(path))
        if workspace_schema_version(path) is None:
            raise CaseStoreError(
                QT_TR_NOOP("{path} holds no cases: choose the workspace GeoPackage the cases were issued to"), path=str(path)
            )
    cases = GeoPackageCaseStore(path, crs=crs, busy_timeout_ms=busy_timeout_ms, transform_context=transform_context)
    return Workspace(str(path), cases)
