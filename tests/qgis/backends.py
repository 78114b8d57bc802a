"""The two workspace backends as the contract tests see them: open a workspace, and read its tables raw.

``GeoPackageBackend`` reads the file with sqlite3; ``PostgresBackend`` reads the database as the superuser
(row-level security does not apply to it) and opens workspaces as ``admin_zhang``, like a county admin.
``rows(query, *args)`` takes SQL with ``?`` placeholders and unqualified table names on both.
"""

import sqlite3
from contextlib import closing

from farmland_grid_plugin.store import open_workspace

BACKENDS = ("gpkg", "postgres")
ADMIN = "admin_zhang"


class GeoPackageBackend:
    name = "gpkg"

    def __init__(self, path):
        self.path = path
        self.location = str(path)

    def open(self, crs=None, **options):
        """The workspace; ``crs`` for a new one in that CRS (here: the file, made on first use)."""
        return open_workspace(self.path, **({"crs": crs} if crs else {}), **options)

    def rows(self, query, *args):
        with closing(sqlite3.connect(str(self.path))) as db, db:
            return db.execute(query, args).fetchall()

    def records(self, query, *args):
        """Rows as dicts of column name to value."""
        with closing(sqlite3.connect(str(self.path))) as db, db:
            cursor = db.execute(query, args)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]


class PostgresBackend:
    name = "postgres"

    def __init__(self, server, login=ADMIN):
        self.server = server
        self.login = login
        self.dbname = server.new_workspace()
        self.location = server.location(self.dbname, login)

    def open(self, crs=None, **options):
        """The workspace as ``login``; ``crs``: a new database whose schema the superuser creates in that CRS."""
        if crs:
            self.dbname = self.server.new_database()
            self.location = self.server.location(self.dbname, self.login)
            return open_workspace(self.server.location(self.dbname), crs=crs, **options)
        return open_workspace(self.location, **options)

    def as_login(self, login, **options):
        """The same workspace opened by another login of the test cluster."""
        return open_workspace(self.server.location(self.dbname, login), **options)

    def connect(self):
        import psycopg2

        return psycopg2.connect(self.server.location(self.dbname), options="-c search_path=farmland_grid,public")

    def rows(self, query, *args):
        return [tuple(record.values()) for record in self.records(query, *args)]

    def records(self, query, *args):
        """Rows as dicts of column name to value."""
        connection = self.connect()
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(query.replace("?", "%s"), args)
                names = [column.name for column in cursor.description or ()]
                return [dict(zip(names, row)) for row in cursor.fetchall()] if names else []
        finally:
            connection.close()


def raw_case(backend, case_id):
    """The stored row of a case, every column."""
    (row,) = backend.records("SELECT * FROM cases WHERE case_id = ?", case_id)
    return row


def raw_events(backend):
    return backend.rows("SELECT * FROM case_events ORDER BY event_id")


def make_backend(name, tmp_path, request):
    if name == "gpkg":
        return GeoPackageBackend(tmp_path / "workspace.gpkg")
    return PostgresBackend(request.getfixturevalue("postgis"))
