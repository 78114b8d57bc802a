"""What the review dock's case list holds: one ``CaseRow`` per case, and the column arrays that filter and sort
50,000 of them in milliseconds (numpy over columns; a proxy model calling Python per row and per comparison
takes seconds). A ``CaseListing`` is built in the worker thread with the rows it reads, so the main thread
only swaps it in; another user's steps replace single rows in place.

Text columns (unit code, person) keep each distinct value once with a code per row: a filter tests the few
hundred distinct values and takes the rows by their codes, a sort ranks the distinct values.
"""

from datetime import date
from typing import NamedTuple, Optional

import numpy as np

from ..domain import cases as domain
from .review_flags import is_flagged

# Columns of the case list.
COL_CASE, COL_STATUS, COL_UNIT, COL_PERSON, COL_DUE, COL_AREA, COL_OVERDUE = range(7)
COLUMN_COUNT = 7


class CaseRow(NamedTuple):
    """What the case list holds of a case: the columns it shows and the flags of its tooltip, nothing more
    (the geometry, the evidence and the trail are read when the case is opened)."""

    fid: int
    case_id: str
    status: str
    verdict: Optional[str]
    unit_code: str
    person: str
    due_date: Optional[date]
    area_mu: Optional[float]
    checks: Optional[str]
    photo_count: Optional[int]
    view_spread_deg: Optional[float]
    flagged_photos: Optional[int]

    @classmethod
    def of(cls, record):
        """The row of a ``store.CaseRecord``."""
        a = record.attributes
        return cls(
            record.fid,
            record.case_id,
            record.status,
            record.state.verdict,
            a.get("unit_code") or "",
            a.get("person") or "",
            record.state.due_date,
            a.get("area_mu"),
            a.get("checks"),
            a.get("photo_count"),
            a.get("view_spread_deg"),
            a.get("flagged_photos"),
        )

    def flag_attributes(self):
        """The attributes the evidence flags are read from (``review_flags``)."""
        return {name: getattr(self, name) for name in ("status", "checks", "photo_count", "view_spread_deg", "flagged_photos")}


def status_rank(status):
    return domain.STATUSES.index(status) if status in domain.STATUSES else len(domain.STATUSES)


class TextColumn:
    """A text per row, each distinct text kept once (``values``) with its code per row (``codes``)."""

    def __init__(self, texts):
        self.values, self._codes = [], {}
        self.codes = np.array([self._code(text) for text in texts], dtype=np.int64)

    def _code(self, text):
        code = self._codes.get(text)
        if code is None:
            code = self._codes[text] = len(self.values)
            self.values.append(text)
        return code

    def set(self, position, text):
        self.codes[position] = self._code(text)

    def append(self, text):
        self.codes = np.append(self.codes, self._code(text))

    def where(self, test):
        """A row mask: the rows whose text passes ``test``."""
        hits = np.fromiter((bool(test(value)) for value in self.values), dtype=bool, count=len(self.values))
        return hits[self.codes] if len(self.codes) else np.zeros(0, dtype=bool)

    def ranks(self):
        """Each row's place in the texts' order."""
        order = np.argsort(np.array(self.values, dtype=str), kind="stable")
        rank = np.empty(len(self.values), dtype=np.int64)
        rank[order] = np.arange(len(self.values))
        return rank[self.codes], np.array([value == "" for value in self.values], dtype=bool)[self.codes]


class CaseListing:
    """Every case of the list (``rows`` in issue order) with the arrays its filters and sorting read."""

    def __init__(self, rows=(), today=None):
        self.rows = list(rows)
        self.today = today or date.today()
        self.positions = {row.case_id: position for position, row in enumerate(self.rows)}
        self.fid = np.array([r.fid for r in self.rows], dtype=np.int64)
        self.status = np.array([status_rank(r.status) for r in self.rows], dtype=np.int64)
        self.case_ids = np.array([r.case_id for r in self.rows], dtype=str)
        self.unit = TextColumn(r.unit_code for r in self.rows)
        self.person = TextColumn(r.person for r in self.rows)
        self.due = np.array([r.due_date.toordinal() if r.due_date else -1 for r in self.rows], dtype=np.int64)
        self.area = np.array([np.nan if r.area_mu is None else r.area_mu for r in self.rows], dtype=float)
        self.flagged = np.array([is_flagged(r.flag_attributes()) for r in self.rows], dtype=bool)
        self._judge()

    def _judge(self):
        closed = self.status == status_rank(domain.CLOSED)
        self.overdue = ~closed & (self.due >= 0) & (self.due < self.today.toordinal())
        self._orders = {}

    def __len__(self):
        return len(self.rows)

    def replace(self, rows):
        """Rows read again (another user's step): replaced where listed, added at the end where new."""
        for row in rows:
            position = self.positions.get(row.case_id)
            values = (row.fid, status_rank(row.status), row.due_date.toordinal() if row.due_date else -1)
            area = np.nan if row.area_mu is None else row.area_mu
            if position is None:
                self.positions[row.case_id] = len(self.rows)
                self.rows.append(row)
                self.fid, self.status, self.due = (np.append(a, v) for a, v in zip((self.fid, self.status, self.due), values))
                self.case_ids = np.append(self.case_ids, row.case_id)
                self.area = np.append(self.area, area)
                self.flagged = np.append(self.flagged, is_flagged(row.flag_attributes()))
                self.unit.append(row.unit_code)
                self.person.append(row.person)
            else:
                self.rows[position] = row
                self.fid[position], self.status[position], self.due[position] = values
                self.area[position] = area
                self.flagged[position] = is_flagged(row.flag_attributes())
                self.unit.set(position, row.unit_code)
                self.person.set(position, row.person)
        self._judge()

    def mask(self, status="", unit_prefix="", person="", flagged_only=False, overdue_only=False):
        """The rows the filters keep (``person``: part of the name, case-folded)."""
        keep = np.ones(len(self.rows), dtype=bool)
        if status:
            keep &= self.status == status_rank(status)
        if unit_prefix:
            keep &= self.unit.where(lambda code: code.startswith(unit_prefix))
        if person:
            keep &= self.person.where(lambda name: person in name.casefold())
        if flagged_only:
            keep &= self.flagged
        if overdue_only:
            keep &= self.overdue
        return keep

    def order(self, column):
        """Positions sorted by ``column`` (empty values last, then issue order); issue order for -1."""
        if column not in self._orders:
            if column < 0 or not self.rows:
                order = np.arange(len(self.rows))
            else:
                values, empty = self._sort_values(column)
                order = np.lexsort((self.fid, values, empty))
            self._orders[column] = order
        return self._orders[column]

    def _sort_values(self, column):
        none = np.zeros(len(self.rows), dtype=bool)
        if column == COL_DUE:
            return self.due, self.due < 0
        if column == COL_AREA:
            empty = np.isnan(self.area)
            return np.where(empty, 0.0, self.area), empty
        if column == COL_OVERDUE:
            return (~self.overdue).astype(np.int64), none
        if column == COL_STATUS:
            return self.status, none
        if column == COL_UNIT:
            return self.unit.ranks()
        if column == COL_PERSON:
            return self.person.ranks()
        return self.case_ids, self.case_ids == ""
