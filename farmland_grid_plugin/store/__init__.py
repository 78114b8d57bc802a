"""The workspace store: cases, case events, code registry and evidence, in a GeoPackage or in PostgreSQL.

Open a workspace with ``open_workspace``; the rest of the plugin never builds a store itself.
Modules: ``workspace`` (the way in, by location), ``cases`` (the store's interface and records),
``rows`` (the values both stores prepare), ``values`` (Python values to and from QGIS); the GeoPackage:
``schema`` (tables, creation, migration), ``geopackage`` (the store), ``turns`` (writers take turns),
``registry`` (the space-code registry); PostgreSQL: ``pg_location`` (connections, no password kept),
``pg_schema`` (tables, roles, rights, triggers), ``pg_session`` (connections and refusals), ``postgres``
(the store), ``pg_registry``, ``pg_listen`` (other users' changes as they happen).
"""

from .workspace import Workspace, open_workspace

__all__ = ["Workspace", "open_workspace"]
