"""The workspace store: cases, case events, code registry and evidence (GeoPackage, later PostGIS).

Open a workspace with ``open_workspace``; the rest of the plugin never builds a store itself.
"""

from .workspace import Workspace, open_workspace

__all__ = ["Workspace", "open_workspace"]
