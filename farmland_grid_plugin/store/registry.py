"""Workspace registry of every space code ever issued (the ``space_code_registry`` table).

Codes are printed on posts and boards, so a code once issued is never issued again, whoever runs
the coding and whenever. The registry keeps each code with its group, serial, status (active or
retired), dates and parent codes. Allocation happens inside one write transaction (SQLite
``BEGIN IMMEDIATE``), so two users coding against the same workspace take turns instead of
drawing the same serials, and a failed or cancelled run leaves the registry as it was.

The table is part of the workspace schema (``store/schema.py``); open the registry through
``open_workspace(...).registry``, which has made or migrated it.
"""

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterable, Iterator, Mapping, Sequence, Set

from .schema import REGISTRY

ACTIVE, RETIRED = "active", "retired"
# A coding run holds the lock for the whole run (allocation, output, record), so a second run waits
# longer for it than a case write waits for another case write.
_LOCK_WAIT_S = 60


class CodeRegistry:
    def __init__(self, path):
        self.path = Path(path)
        self._db = sqlite3.connect(str(self.path), timeout=_LOCK_WAIT_S, isolation_level=None)

    @contextmanager
    def transaction(self) -> Iterator["CodeRegistry"]:
        """All reads and writes inside are one transaction; an exception rolls everything back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def highest_serials(self) -> Dict[str, int]:
        """{group code: highest serial ever issued in it}."""
        return dict(self._db.execute(f"SELECT group_code, MAX(serial) FROM {REGISTRY} GROUP BY group_code"))

    def retired_codes(self) -> Set[str]:
        return {code for (code,) in self._db.execute(f"SELECT space_code FROM {REGISTRY} WHERE status = ?", (RETIRED,))}

    def record(
        self, issued: Mapping[str, Sequence[str]], retired: Iterable[str], when: str, existing: Iterable[str] = ()
    ) -> None:
        """Store new codes (code → parent codes), retire codes, and register codes coded before the registry."""

        def row(code, parents):
            return (code, code[:6], code[:15], int(code[15:20]), ACTIVE, when, "; ".join(parents))

        self._db.executemany(
            f"INSERT OR IGNORE INTO {REGISTRY} (space_code, county_code, group_code, serial, status, issued_at, "
            "parent_codes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row(code, ()) for code in existing] + [row(code, parents) for code, parents in issued.items()],
        )
        self._db.executemany(
            f"UPDATE {REGISTRY} SET status = ?, retired_at = ? WHERE space_code = ?",
            [(RETIRED, when, code) for code in retired],
        )
        self._db.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
            (REGISTRY,),
        )

    def close(self) -> None:
        self._db.close()
