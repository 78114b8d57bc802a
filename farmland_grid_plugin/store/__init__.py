"""The workspace store: cases, case events, code registry and evidence (GeoPackage, later PostGIS).

Open a workspace with ``open_workspace``; the rest of the plugin never builds a store itself.
Modules: ``workspace`` (the way in, by location), ``cases`` (the store's interface and records),
``schema`` (tables, creation, migration), ``geopackage`` (the GeoPackage store), ``registry`` (the
space-code registry), ``values`` (Python values to and from QGIS).
"""

from .workspace import Workspace, open_workspace

__all__ = ["Workspace", "open_workspace"]
