"""Workspace registry of every space code ever issued (GeoPackage attribute table).

Codes are printed on posts and boards, so a code once issued is never issued again, whoever runs
the coding and whenever. The registry keeps each code with its group, serial, status (active or
retired), dates and parent codes. Allocation happens inside one write transaction (SQLite
``BEGIN IMMEDIATE``), so two users coding against the same workspace take turns instead of
drawing the same serials, and a failed or cancelled run leaves the registry as it was.
"""

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from osgeo import ogr

from ..domain.messages import QT_TR_NOOP, DomainError

TABLE = "space_code_registry"
ACTIVE, RETIRED = "active", "retired"


class RegistryError(DomainError):
    pass


class CodeRegistry:
    def __init__(self, path):
        self.path = Path(path)
        if not self.path.exists():
            driver = ogr.GetDriverByName("GPKG")
            dataset = driver.CreateDataSource(str(self.path))
            if dataset is None:
                raise RegistryError(QT_TR_NOOP("Cannot create the workspace {path}"), path=str(self.path))
            dataset = None  # closes the new GeoPackage
        try:
            self._db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
            self._db.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} ("
                "space_code TEXT PRIMARY KEY, county_code TEXT NOT NULL, group_code TEXT NOT NULL, "
                "serial INTEGER NOT NULL, status TEXT NOT NULL, issued_at TEXT NOT NULL, retired_at TEXT, "
                "parent_codes TEXT)"
            )
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_group ON {TABLE} (group_code, serial)")
            # Listed in gpkg_contents, the table opens in QGIS like any other attribute table.
            self._db.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                "VALUES (?, 'attributes', ?, 'every space code ever issued')",
                (TABLE, TABLE),
            )
        except sqlite3.DatabaseError as exc:
            raise RegistryError(
                QT_TR_NOOP("The workspace {path} is not a usable GeoPackage: {error}"), path=str(self.path), error=str(exc)
            ) from exc

    @contextmanager
    def transaction(self):
        """All reads and writes inside are one transaction; an exception rolls everything back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def highest_serials(self):
        """{group code: highest serial ever issued in it}."""
        return dict(self._db.execute(f"SELECT group_code, MAX(serial) FROM {TABLE} GROUP BY group_code"))

    def retired_codes(self):
        return {code for (code,) in self._db.execute(f"SELECT space_code FROM {TABLE} WHERE status = ?", (RETIRED,))}

    def record(self, issued, retired, when, existing=()):
        """Store new codes (code → parent codes), retire codes, and register codes coded before the registry."""

        def row(code, parents):
            return (code, code[:6], code[:15], int(code[15:20]), ACTIVE, when, "; ".join(parents))

        self._db.executemany(
            f"INSERT OR IGNORE INTO {TABLE} (space_code, county_code, group_code, serial, status, issued_at, "
            "parent_codes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row(code, ()) for code in existing] + [row(code, parents) for code, parents in issued.items()],
        )
        self._db.executemany(
            f"UPDATE {TABLE} SET status = ?, retired_at = ? WHERE space_code = ?",
            [(RETIRED, when, code) for code in retired],
        )
        self._db.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
            (TABLE,),
        )

    def close(self):
        self._db.close()
