"""A throw-away PostgreSQL/PostGIS server for tests: its own cluster in a temporary folder, Unix socket only."""

import os
import shutil
import socket
import subprocess
import tempfile
from glob import glob
from itertools import count
from pathlib import Path

# Logins of the test cluster, one or two per group role of the workspace (store/pg_schema.py), and the
# townships the township logins act for.
LOGINS = {
    "admin_zhang": "farmland_admin",
    "reviewer_li": "farmland_reviewer",
    "reviewer_zhao": "farmland_reviewer",
    "township_wang": "farmland_township",
    "township_chen": "farmland_township",
    "viewer_liu": "farmland_viewer",
}
TOWNSHIPS = {"township_wang": ("530102001",), "township_chen": ("530102002",)}


class PostgisServer:
    def __init__(self):
        bindirs = sorted(glob("/usr/lib/postgresql/*/bin"))
        assert bindirs, "PostgreSQL is not installed: run make setup"
        self.bin = Path(bindirs[-1])
        self.root = Path(tempfile.mkdtemp(prefix="farmland-pg-"))
        self.data = self.root / "data"
        self.port = self._free_port()
        self.dbname = "farmland"
        self.user = "postgres"
        self._databases = count(1)

    @staticmethod
    def _free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def _run(self, *args):
        # PostgreSQL refuses to run as root; as root, run it as the postgres system user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{args[0]} failed: {done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self._run(self.bin / "initdb", "-D", self.data, "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-locale")
        self.resume()
        self.sql("postgres", f"CREATE DATABASE {self.dbname}")
        self.sql(self.dbname, "CREATE EXTENSION postgis")
        roles = "".join(f"CREATE ROLE {role} NOLOGIN; " for role in sorted(set(LOGINS.values())))
        logins = "".join(f"CREATE ROLE {login} LOGIN IN ROLE {role}; " for login, role in LOGINS.items())
        self.sql("postgres", roles + logins)
        return self

    def location(self, dbname=None, user=None):
        """The workspace location (libpq key=value) of a database, as a login of ``LOGINS`` or the superuser."""
        return f"host={self.root} port={self.port} dbname={dbname or self.dbname} user={user or self.user}"

    def new_workspace(self, srid=4490):
        """A new database holding an empty workspace schema (made by the superuser, as a DBA would) with
        ``TOWNSHIPS`` recorded; returns its name. Each call gives a database of its own."""
        import psycopg2

        from farmland_grid_plugin.store import pg_schema

        dbname = f"workspace_{next(self._databases)}"
        self.sql("postgres", f"CREATE DATABASE {dbname}")
        with psycopg2.connect(self.location(dbname)) as connection, connection.cursor() as cursor:
            pg_schema.create_schema(cursor, srid, "2026-01-01T00:00:00Z")
            for login, townships in TOWNSHIPS.items():
                for township in townships:
                    cursor.execute(f"INSERT INTO {pg_schema.q(pg_schema.TOWNSHIP_LOGINS)} VALUES (%s, %s)", (login, township))
        connection.close()
        return dbname

    def new_database(self):
        """A new, empty database with PostGIS installed (no workspace schema); returns its name."""
        dbname = f"empty_{next(self._databases)}"
        self.sql("postgres", f"CREATE DATABASE {dbname}")
        self.sql(dbname, "CREATE EXTENSION postgis")
        return dbname

    def sql(self, dbname, statement):
        return self._run(
            self.bin / "psql", "-h", self.root, "-p", self.port, "-U", self.user, "-d", dbname, "-At", "-c", statement
        )

    def uri(self, table):
        """QGIS data source of a table in the test database (geometry column geom)."""
        return f"dbname='{self.dbname}' host={self.root} port={self.port} user='{self.user}' table=\"public\".\"{table}\" (geom)"

    def halt(self):
        """Stop the server and keep its cluster (a fast shutdown: open sessions are cut); ``resume`` starts it again."""
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def resume(self):
        options = f"-k {self.root} -p {self.port} -c listen_addresses=''"
        log = self.root / "server.log"  # the server must not inherit our pipes, or run() waits for it
        self._run(self.bin / "pg_ctl", "-D", self.data, "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self.halt()
        shutil.rmtree(self.root, ignore_errors=True)
