"""One way to open a workspace, whatever holds it: validate the location, create or migrate the
schema, and hand back the case store and the code registry together.

The location says which backend holds the workspace: a GeoPackage file (one user at a time), or a
PostgreSQL database (``postgres:NAME`` of a QGIS saved connection, ``service=NAME``, a libpq URI;
``store/pg_location.py``) where several users work with the rights the server gives them
(``store/postgres.py``). Both give the same ``Workspace``.
"""

import os
from pathlib import Path
from typing import Callable, Optional, Union

from qgis.core import QgsCoordinateTransformContext

from ..domain.messages import QT_TR_NOOP
from .cases import CaseStore, CaseStoreError
from .geopackage import GeoPackageCaseStore
from .pg_location import is_postgres
from .registry import CodeRegistry
from .schema import DEFAULT_CRS
from .values import CrsLike


class Workspace:
    """An open workspace: its cases (events and evidence with them) and its space-code registry."""

    def __init__(
        self, location: str, cases: CaseStore, open_registry: Callable[[], CodeRegistry], files_root: Optional[Path] = None
    ):
        self.location = location  # what to show and remember: never a password
        self.cases = cases
        self.files_root = files_root  # where relative evidence paths resolve and imported photos are copied
        self._open_registry = open_registry
        self._registry = None

    @property
    def registry(self) -> CodeRegistry:
        # Opened on first use: readers of cases never hold a connection to the registry.
        if self._registry is None:
            self._registry = self._open_registry()
        return self._registry

    @property
    def evidence_folder(self) -> Path:
        """Where photos brought into the workspace are copied: ``<name>_evidence/`` beside a GeoPackage,
        ``evidence/`` in the shared folder of a PostgreSQL workspace (never a folder named after a location)."""
        if self.files_root is None:
            raise CaseStoreError(
                QT_TR_NOOP("The workspace {location} has no folder for photos: record one with createworkspace (FILES_FOLDER)"),
                location=self.location,
            )
        if is_postgres(self.location):
            return Path(self.files_root) / "evidence"
        return Path(self.files_root) / f"{Path(self.location).stem}_evidence"

    @property
    def schema_version(self) -> int:
        """One version for the whole workspace: the case tables and the registry move together."""
        return self.cases.schema_version

    @property
    def identity(self) -> str:
        """What tells this workspace from any other (its creation stamp); a field package remembers it."""
        return self.cases.identity

    def close(self) -> None:
        self.cases.close()
        if self._registry is not None:
            self._registry.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_workspace(
    location: Union[str, "os.PathLike[str]"],
    *,
    create: bool = True,
    crs: CrsLike = DEFAULT_CRS,
    transform_context: Optional[QgsCoordinateTransformContext] = None,
    busy_timeout_ms: int = 10000,
) -> Workspace:
    """The workspace at ``location`` (a GeoPackage path or a PostgreSQL location), its schema created or migrated.

    ``create=False`` is for readers (the docks, the dashboard): the location must already hold a
    workspace with cases, and nothing is created (an older schema is still migrated). ``crs`` is the
    CRS of the case layers of a new workspace. Any refusal is a ``CaseStoreError`` saying why.
    """
    text = str(location or "").strip()
    if not text:
        raise CaseStoreError(QT_TR_NOOP("No workspace was given"))
    if is_postgres(text):
        from .postgres import open_postgres  # psycopg2 is only needed where a PostgreSQL workspace is used

        return open_postgres(text, create=create, crs=crs, transform_context=transform_context, busy_timeout_ms=busy_timeout_ms)
    path = Path(text)
    cases = GeoPackageCaseStore(path, crs, busy_timeout_ms, transform_context, create=create)
    return Workspace(str(path), cases, lambda: CodeRegistry(path), files_root=path.absolute().parent)
