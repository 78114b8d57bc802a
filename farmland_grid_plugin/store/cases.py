"""The case store's interface and records: what the plugin codes against, whatever the database.

``CaseStore`` keeps cases, their events (the audit trail) and their evidence; ``GeoPackageCaseStore``
(``store/geopackage.py``) is the implementation for a workspace GeoPackage, ``PostgresCaseStore``
(``store/postgres.py``) the one for several users at once in PostgreSQL, with the same methods and the
same meaning; both write the rows ``store/rows.py`` prepares. The tables behind them are described in
``store/schema.py`` (and ``store/pg_schema.py``). Open a store with ``store.open_workspace``.
"""

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from qgis.core import QgsGeometry

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP, DomainError
from .values import CrsLike

# Caller-given case fields of ``issue`` (status, verdict and the rest belong to the loop).
ISSUE_FIELDS = (
    "case_id",
    "patch_id",
    "unit_code",
    "township_code",
    "village_code",
    "person",
    "phone",
    "issued_on",
    "due_date",
    "area_mu",
    "pbf_mu",
    "farmland_mu",
    "accountable",
)


class CaseStoreError(DomainError):
    pass


class CaseChanged(CaseStoreError):
    """Someone else took a step on the case since the caller read its events: nothing was written.

    ``record`` is the case as it is now, ``event`` the latest step (who, what, when)."""

    def __init__(self, record: "CaseRecord", event: domain.CaseEvent):
        self.record, self.event = record, event
        super().__init__(
            QT_TR_NOOP(
                "Case {case_id} was changed meanwhile: {actor} took the step {action} at {time}; it is now {status}. "
                "Nothing was done: look at it again"
            ),
            case_id=event.case_id,
            actor=event.actor,
            action=domain.action_label(event.action),
            time=event.time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            status=domain.status_label(record.status),
        )


@dataclass(frozen=True)
class CaseRecord:
    """A stored case: its row id, its state for the loop, all its attributes and its geometry.

    Attributes of the state (``case_id``, ``status``, ``verdict``…) read straight through:
    ``record.status`` is ``record.state.status``.
    """

    fid: int
    state: domain.CaseState
    attributes: dict
    geometry: Optional[QgsGeometry] = None

    def __getattr__(self, name):
        if name.startswith("__") or name in ("state", "attributes"):
            raise AttributeError(name)
        return getattr(self.state, name)


@dataclass(frozen=True)
class EvidenceRecord:
    evidence_id: int
    case_id: str
    path: str
    taken: Optional[str]
    lon_wgs84: Optional[float]
    lat_wgs84: Optional[float]
    direction_deg: Optional[float]
    space_code: Optional[str]
    added_at: Optional[datetime]
    added_by: str
    geometry: Optional[QgsGeometry] = None
    # 举证核验 (schema 4; None for evidence attached before): flags, their figures, the file as attached.
    checks: Optional[str] = None
    distance_m: Optional[float] = None
    view_off_deg: Optional[float] = None
    accuracy_m: Optional[float] = None
    clock_skew_s: Optional[float] = None
    taken_utc: Optional[str] = None
    software: Optional[str] = None
    duplicate_of: Optional[str] = None
    similar_of: Optional[str] = None
    sha256: Optional[str] = None
    size_bytes: Optional[int] = None
    read_at: Optional[str] = None
    phash: Optional[str] = None

    @property
    def figures(self) -> dict:
        """The figures behind the flags, as ``evidence_checks.photo_flag_messages`` reads them."""
        return {name: getattr(self, name) for name in EVIDENCE_CHECK_FIELDS}


# The evidence columns of the checks, as ``add_evidence`` takes them (numbers first, then texts).
EVIDENCE_CHECK_NUMBERS = ("distance_m", "view_off_deg", "accuracy_m", "clock_skew_s")
EVIDENCE_CHECK_TEXTS = ("taken_utc", "software", "duplicate_of", "similar_of", "sha256", "read_at", "phash")
EVIDENCE_CHECK_FIELDS = ("checks", *EVIDENCE_CHECK_NUMBERS, *EVIDENCE_CHECK_TEXTS, "size_bytes")


class CaseStore(abc.ABC):
    """Where cases, their events and their evidence live; one implementation per kind of database.

    Contract for every implementation:

    - opening the store creates the tables on first use and migrates an older schema version, and
      refuses a newer one (``CaseStoreError``);
    - each method that writes is one transaction: all of it is stored, or nothing (a refused
      transition or a failed event write leaves the case as it was);
    - events are append-only and come back in the order they were recorded;
    - a case is issued once: issuing a ``case_id`` again is skipped, never duplicated;
    - a step chosen on an outdated view of the case (``seen_events`` below its event count) is refused
      with ``CaseChanged`` and stores nothing, so of two users acting at once exactly one wins;
    - times are aware datetimes, stored as ISO 8601 UTC text; dates are ``datetime.date``; ``now``
      defaults to the current time;
    - ``schema_version`` and ``crs`` (of the case and evidence geometries) are attributes.
    """

    schema_version: int
    identity: str = ""  # what tells this workspace from any other, kept by its copies (field packages check it)

    @abc.abstractmethod
    def issue(
        self,
        patches: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        note: str = "",
        rule: domain.DueRule = domain.DEFAULT_DUE_RULE,
        crs: Optional[CrsLike] = None,
    ) -> Tuple[List[str], List[str]]:
        """Open a case per change patch and append its ``issue`` event; returns ``(created ids, skipped ids)``.

        ``patches``: dicts with ``geometry`` (QgsGeometry, WKB bytes or WKT, in ``crs`` or the
        store's CRS) and any of ``ISSUE_FIELDS``. ``case_id`` defaults to ``patch_id``;
        ``issued_on`` to the local date of ``now``; ``due_date`` follows ``rule`` from
        ``issued_on`` and ``accountable``; township and village codes default to the prefixes of
        ``unit_code``. Ids already stored (or repeated in ``patches``) are skipped. ``note`` goes
        into every issue event (the monitoring batch, say).
        """

    @abc.abstractmethod
    def cases(
        self,
        status: Union[str, Sequence[str], None] = None,
        unit_prefix: Optional[str] = None,
        person: Optional[str] = None,
        overdue_on=None,
        geometry: bool = True,
    ) -> List[CaseRecord]:
        """``CaseRecord`` list in issue order; ``status`` one status or several, ``unit_prefix`` a code
        prefix of ``unit_code`` (township, village…), ``person`` the responsible person,
        ``overdue_on`` a date: only cases overdue on that day. ``geometry=False`` leaves the geometries
        out (None): a case list of a whole month reads much faster without them."""

    @abc.abstractmethod
    def case(self, case_id: str) -> Optional[CaseRecord]:
        """The ``CaseRecord`` of ``case_id``, or None."""

    @abc.abstractmethod
    def events(self, case_id: str) -> List[domain.CaseEvent]:
        """The case's ``CaseEvent`` list, in the order recorded (the audit trail)."""

    @abc.abstractmethod
    def apply(
        self,
        case_id: str,
        action: str,
        actor: str,
        note: str = "",
        now: Optional[datetime] = None,
        verdict: Optional[str] = None,
        verdict_reason: Optional[str] = None,
        rectification: Optional[str] = None,
        seen_checks: Sequence[str] = (),
        seen_events: Optional[int] = None,
    ) -> Tuple[domain.CaseState, domain.CaseEvent]:
        """Carry out an action of the loop (``domain.cases.transition``): update the case and append
        its event in one transaction; returns ``(new CaseState, CaseEvent)``. Refusals raise
        ``DomainError`` (``TransitionRefused`` names the allowed actions) and store nothing.

        ``seen_events``: how many of the case's events the caller saw when it chose the action. When the
        case has more now, someone else acted first: nothing is stored and ``CaseChanged`` says who.

        Verdicts (report, send back, approve) keep the case's evidence flags in the event's ``checks``,
        with ``seen_checks`` (what the reviewer's dock found besides, e.g. a changed file). The dock asks
        for a note before it approves a flagged case (``evidence_checks.approval_needs_note``)."""

    @abc.abstractmethod
    def add_evidence(
        self,
        case_id: str,
        records: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        crs: Optional[CrsLike] = None,
        rules: checks.CheckRules = checks.DEFAULT_RULES,
    ) -> Tuple[List[int], List[str]]:
        """Attach evidence to a case; returns ``(added evidence ids, skipped paths)``.

        ``records``: dicts with ``path`` (required), ``taken``, ``lon_wgs84``, ``lat_wgs84``,
        ``direction_deg``, ``space_code``, the check results (``checks`` and ``EVIDENCE_CHECK_FIELDS``)
        and optionally ``geometry`` (a point in ``crs`` or the store's CRS; made from the WGS 84
        coordinates when missing). A path already attached to the case is skipped. The case's own
        flags (``rules``: MIN_PHOTOS, MIN_SPREAD) are computed again over all its evidence.
        """

    @abc.abstractmethod
    def evidence(self, case_id: str) -> List[EvidenceRecord]:
        """The case's ``EvidenceRecord`` list, in the order added."""

    @abc.abstractmethod
    def all_evidence(self) -> List[EvidenceRecord]:
        """Every case's evidence, in the order added (without geometries): duplicates are looked for there."""

    def changed(self, case_id: str) -> CaseChanged:
        """The ``CaseChanged`` of a case whose events outnumber those the caller saw (read after the refused write)."""
        return CaseChanged(self.case(case_id), self.events(case_id)[-1])

    def close(self) -> None:
        """Release what the store holds (nothing for GeoPackage: each operation opens and closes)."""
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
