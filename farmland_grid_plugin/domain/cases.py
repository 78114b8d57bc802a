"""The case loop (下发－举证－上报－审核－执行－结案) as a state machine.

A change patch becomes a case issued to the grid's responsible person. The person collects
evidence and reports the case with a verdict (legal, illegal or other); a reviewer approves it
or sends it back; an illegal case is rectified; then the case is closed. A closed case can be
reopened, which sends it back to the person. Every change of status is a ``CaseEvent``: who,
when, from which status to which, and why; the events are the case's audit trail.

Transitions (action: from → to)::

    collect     issued → collecting
    report      issued, collecting, returned → reported   (verdict required; "other" needs a reason)
    send_back   reported → returned                        (note: why)
    approve     reported → approved
    rectify     approved → rectifying                      (illegal only; note: the rectification plan)
    close       approved → closed                          (legal or other)
                rectifying → closed                        (illegal; note: the rectification result)
    reopen      closed → returned                          (note: why)

Everything here is pure data: ``transition`` takes a ``CaseState`` and returns the new state and
the event to append; it never changes anything. A refused transition raises ``TransitionRefused``
whose message names the case, its status and the actions allowed now.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Optional, Sequence

import numpy as np
import shapely

from . import quota
from .messages import QT_TR_NOOP, DomainError, Message
from .unitcode import DEFAULT_LENGTHS, LEVEL_GROUP, LevelLengths, UnitCodeError, grid_code_of, is_group_part_zero

# Statuses, in the order of the loop.
ISSUED = "issued"  # 已下发
COLLECTING = "collecting"  # 举证中
REPORTED = "reported"  # 已上报
RETURNED = "returned"  # 已退回
APPROVED = "approved"  # 审核通过
RECTIFYING = "rectifying"  # 整改中
CLOSED = "closed"  # 已结案
STATUSES = (ISSUED, COLLECTING, REPORTED, RETURNED, APPROVED, RECTIFYING, CLOSED)

STATUS_LABELS = {
    ISSUED: QT_TR_NOOP("Issued"),
    COLLECTING: QT_TR_NOOP("Collecting evidence"),
    REPORTED: QT_TR_NOOP("Reported"),
    RETURNED: QT_TR_NOOP("Sent back"),
    APPROVED: QT_TR_NOOP("Approved"),
    RECTIFYING: QT_TR_NOOP("Rectification under way"),
    CLOSED: QT_TR_NOOP("Closed"),
}

# Actions. ISSUE only starts a case (from no status to ISSUED); the others are transitions.
ISSUE = "issue"
COLLECT = "collect"
REPORT = "report"
SEND_BACK = "send_back"
APPROVE = "approve"
RECTIFY = "rectify"
CLOSE = "close"
REOPEN = "reopen"
ACTIONS = (COLLECT, REPORT, SEND_BACK, APPROVE, RECTIFY, CLOSE, REOPEN)

ACTION_LABELS = {
    ISSUE: QT_TR_NOOP("Issue"),
    COLLECT: QT_TR_NOOP("Start collecting evidence"),
    REPORT: QT_TR_NOOP("Report"),
    SEND_BACK: QT_TR_NOOP("Send back"),
    APPROVE: QT_TR_NOOP("Approve"),
    RECTIFY: QT_TR_NOOP("Start rectification"),
    CLOSE: QT_TR_NOOP("Close"),
    REOPEN: QT_TR_NOOP("Reopen"),
}

# Verdicts given when reporting.
LEGAL = "legal"  # 合法
ILLEGAL = "illegal"  # 违法
OTHER = "other"  # 其他 (needs a reason)
VERDICTS = (LEGAL, ILLEGAL, OTHER)

VERDICT_LABELS = {
    LEGAL: QT_TR_NOOP("Legal"),
    ILLEGAL: QT_TR_NOOP("Illegal"),
    OTHER: QT_TR_NOOP("Other"),
}

# action → statuses it starts from → status it leads to; conditions on the verdict are in _permitted.
_TRANSITIONS = {
    COLLECT: ({ISSUED}, COLLECTING),
    REPORT: ({ISSUED, COLLECTING, RETURNED}, REPORTED),
    SEND_BACK: ({REPORTED}, RETURNED),
    APPROVE: ({REPORTED}, APPROVED),
    RECTIFY: ({APPROVED}, RECTIFYING),
    CLOSE: ({APPROVED, RECTIFYING}, CLOSED),
    REOPEN: ({CLOSED}, RETURNED),
}

_NOTE_NEEDED = {
    SEND_BACK: QT_TR_NOOP("Case {case_id}: sending it back needs a note saying why"),
    RECTIFY: QT_TR_NOOP("Case {case_id}: starting rectification needs the rectification plan as the note"),
    CLOSE: QT_TR_NOOP("Case {case_id}: closing it after rectification needs the rectification result as the note"),
    REOPEN: QT_TR_NOOP("Case {case_id}: reopening it needs a note saying why"),
}


def transition_table():
    """{action: (statuses it starts from, status it leads to)}: the loop as a table (a database checks steps by it)."""
    return {action: (frozenset(sources), target) for action, (sources, target) in _TRANSITIONS.items()}


class TransitionRefused(DomainError):
    """The action is not possible in the case's status; ``allowed`` lists the actions that are."""

    def __init__(self, case_id, status, action, allowed):
        self.case_id = case_id
        self.status = status
        self.action = action
        self.allowed = list(allowed)
        params = {"case_id": case_id, "status": status_label(status), "action": action_label(action)}
        if self.allowed:
            super().__init__(
                QT_TR_NOOP("Case {case_id} ({status}): {action} is not possible now. Allowed now: {allowed}"),
                allowed=LabelList(ACTION_LABELS[a] for a in self.allowed),
                **params,
            )
        else:
            super().__init__(
                QT_TR_NOOP("Case {case_id} ({status}): {action} is not possible now, and no action is allowed in this status"),
                **params,
            )


class LabelList(Message):
    """Labels rendered each in the user's language and joined: ``Report, Close``."""

    __slots__ = ("labels",)

    def __init__(self, labels):
        super().__init__("")
        self.labels = list(labels)

    def render(self, translate=None):
        return ", ".join(Message(label).render(translate) for label in self.labels)


def status_label(status):
    """A Message naming the status in the user's language (the raw value for an unknown status)."""
    return Message(STATUS_LABELS[status]) if status in STATUS_LABELS else Message("{status}", status=status)


def action_label(action):
    return Message(ACTION_LABELS[action]) if action in ACTION_LABELS else Message("{action}", action=action)


def verdict_label(verdict):
    return Message(VERDICT_LABELS[verdict]) if verdict in VERDICT_LABELS else Message("{verdict}", verdict=verdict)


@dataclass(frozen=True)
class CaseState:
    """What the state machine needs to know about a case (the store keeps the rest beside it)."""

    case_id: str
    status: str
    verdict: Optional[str] = None  # LEGAL, ILLEGAL, OTHER once reported
    verdict_reason: Optional[str] = None
    rectification: Optional[str] = None  # the rectification plan while rectifying, its result once closed
    due_date: Optional[date] = None
    issued_on: Optional[date] = None
    accountable: bool = False


@dataclass(frozen=True)
class CaseEvent:
    """One change of status, as appended to the audit trail (``from_status`` is empty when issued)."""

    case_id: str
    from_status: str
    to_status: str
    action: str
    actor: str
    time: datetime  # aware; stored as ISO 8601 UTC text
    note: str = ""
    checks: str = ""  # the case's evidence flags when a verdict was given (domain.evidence_checks.flag_summary)

    @property
    def time_text(self):
        return iso_utc(self.time)


def iso_utc(moment):
    """``2025-03-01T08:30:00Z``: an aware datetime as ISO 8601 UTC text, to the second."""
    _check_aware(moment)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso_utc(text):
    """An aware UTC datetime from ISO 8601 text with ``Z`` or an offset (naive text is taken as UTC)."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _check_aware(moment):
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"an aware datetime is needed, not {moment!r}")


def _permitted(state, action):
    """Whether the action is possible from the state (the verdict decides rectify and close)."""
    sources, _target = _TRANSITIONS[action]
    if state.status not in sources:
        return False
    if action == RECTIFY:
        return state.verdict == ILLEGAL
    if action == CLOSE:
        if state.status == APPROVED:
            return state.verdict in (LEGAL, OTHER)
        return state.verdict == ILLEGAL
    return True


def allowed_actions(state):
    """The actions possible now, in the order of the loop."""
    return [action for action in ACTIONS if _permitted(state, action)]


def requires_note(status, action, verdict=None):
    """Whether the action from this status needs a note, so that a form knows to ask for one.

    Sending back and reopening need the reason, starting rectification the plan, closing after
    rectification the result. ``verdict`` is the case's verdict (it does not change the answer
    today, but a form passes it so rules on it need no new call).
    """
    if action in (SEND_BACK, RECTIFY, REOPEN):
        return True
    return action == CLOSE and status == RECTIFYING


def issue_event(case_id, actor, now, note=""):
    """The first event of a case: issued to the responsible person."""
    _check_aware(now)
    if not (actor or "").strip():
        raise DomainError(QT_TR_NOOP("Case {case_id}: the actor is missing; every step records who took it"), case_id=case_id)
    return CaseEvent(case_id, "", ISSUED, ISSUE, actor.strip(), now, (note or "").strip())


def transition(state, action, actor, note, now, verdict=None, verdict_reason=None, rectification=None):
    """``(new state, event)`` for the action on the case, or ``DomainError`` saying why not.

    ``verdict`` and ``verdict_reason`` go with REPORT only (a re-report may leave them out to keep
    the verdict reported before); ``rectification`` with RECTIFY and with CLOSE after
    rectification, where it replaces the note as the case's rectification text.
    """
    _check_aware(now)
    case_id = state.case_id
    if action not in _TRANSITIONS:
        raise DomainError(
            QT_TR_NOOP("Unknown case action {action!r}; the actions are: {actions}"),
            action=action,
            actions=", ".join(ACTIONS),
        )
    allowed = allowed_actions(state)
    if action not in allowed:
        raise TransitionRefused(case_id, state.status, action, allowed)
    actor = (actor or "").strip()
    if not actor:
        raise DomainError(QT_TR_NOOP("Case {case_id}: the actor is missing; every step records who took it"), case_id=case_id)
    note = (note or "").strip()
    if requires_note(state.status, action, state.verdict) and not note:
        raise DomainError(_NOTE_NEEDED[action], case_id=case_id)

    changes = {"status": _TRANSITIONS[action][1]}
    if action == REPORT:
        changes.update(_reported_verdict(state, verdict, verdict_reason))
    elif verdict is not None or verdict_reason is not None:
        raise DomainError(QT_TR_NOOP("Case {case_id}: a verdict is given only when the case is reported"), case_id=case_id)
    rectifies = action == RECTIFY or (action == CLOSE and state.status == RECTIFYING)
    if rectifies:
        changes["rectification"] = (rectification or "").strip() or note
    elif rectification is not None:
        raise DomainError(
            QT_TR_NOOP("Case {case_id}: rectification notes are recorded only when rectification starts or ends"),
            case_id=case_id,
        )
    new_state = dataclasses.replace(state, **changes)
    return new_state, CaseEvent(case_id, state.status, new_state.status, action, actor, now, note)


def _reported_verdict(state, verdict, reason):
    verdicts = LabelList(VERDICT_LABELS[v] for v in VERDICTS)
    if verdict is None or not str(verdict).strip():
        if state.verdict is None:
            raise DomainError(
                QT_TR_NOOP("Case {case_id}: reporting needs a verdict: {verdicts}"), case_id=state.case_id, verdicts=verdicts
            )
        verdict = state.verdict  # a re-report keeps the verdict given before
    verdict = str(verdict).strip()
    if reason is None and verdict == state.verdict:
        reason = state.verdict_reason  # and its reason, unless given anew
    if verdict not in VERDICTS:
        raise DomainError(
            QT_TR_NOOP("Case {case_id}: unknown verdict {verdict!r}; the verdicts are: {verdicts}"),
            case_id=state.case_id,
            verdict=verdict,
            verdicts=verdicts,
        )
    reason = (reason or "").strip() or None
    if verdict == OTHER and not reason:
        raise DomainError(
            QT_TR_NOOP("Case {case_id}: the verdict {verdict} needs a reason"),
            case_id=state.case_id,
            verdict=verdict_label(verdict),
        )
    return {"verdict": verdict, "verdict_reason": reason}


@dataclass(frozen=True)
class DueRule:
    """Days allowed to settle a case: fewer for patches that make a case for accountability."""

    days: int = 30
    accountable_days: int = 15

    def __post_init__(self):
        if self.days < 1 or self.accountable_days < 1:
            raise ValueError(f"due days must be positive, not {self.days} and {self.accountable_days}")


DEFAULT_DUE_RULE = DueRule()


def due_date(issued_on, accountable, rule=DEFAULT_DUE_RULE):
    """The date a case issued on ``issued_on`` is due: accountable patches (≥ 5 亩 PBF or ≥ 10 亩 farmland) sooner."""
    return issued_on + timedelta(days=rule.accountable_days if accountable else rule.days)


def is_overdue(state, today):
    """Not closed, and its due date has passed (a case due today is not overdue yet)."""
    return state.status != CLOSED and state.due_date is not None and state.due_date < today


# --- issuing change patches (下发) ------------------------------------------------------------------

# Why a patch is not issued in a run (skipped_reason).
REASON_ALREADY_ISSUED = "already_issued"  # its case is in the workspace from an earlier run
REASON_NO_FARMLAND = "no_farmland"  # occupies neither farmland nor PBF (when only such patches are issued)
REASON_NO_PATCH_ID = "no_patch_id"
REASON_EMPTY_GEOMETRY = "empty_geometry"
REASON_DUPLICATE = "duplicate_patch_id"  # a patch id repeated in the input: only its first patch is issued
BAD_ROW_REASONS = (REASON_NO_PATCH_ID, REASON_EMPTY_GEOMETRY, REASON_DUPLICATE)

_TRUE_TEXTS = ("1", "true", "yes", "y", "t", "是")


def text_value(value: Any) -> Optional[str]:
    """Attribute value as stripped text; None for NULL or blank. Whole floats lose their ``.0`` (ids read as numbers)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def flag_value(value: Any) -> Optional[bool]:
    """True, False, or None where the attribute is empty; texts such as 是, yes, 1 are true."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_TEXTS
    return bool(value)


def bottom_unit(group_value: Any, village_value: Any, lengths: LevelLengths = DEFAULT_LENGTHS) -> Optional[str]:
    """The case's grid cell: the villager group, or the village where the group code is empty, ends in
    000 or is unusable. Codes of any level (or 19-character location codes) are normalised; None when
    neither value is a usable unit code."""
    for value in (group_value, village_value):
        text = text_value(value)
        if text is None:
            continue
        try:
            code, level = grid_code_of(text, lengths)
        except UnitCodeError:
            continue
        if level == LEVEL_GROUP and is_group_part_zero(code, lengths):
            continue  # a group part of zeros: the village is the bottom cell
        return code
    return None


@dataclass(frozen=True)
class PatchColumns:
    """The attributes of the change patches a case takes, one value per patch (None where a column is not used);
    ``farmland_mu`` and ``pbf_mu`` as floats, NaN where empty."""

    fids: Sequence
    patch_ids: Sequence
    group_codes: Sequence
    village_codes: Sequence
    persons: Sequence
    phones: Sequence
    accountable: Sequence
    farmland_mu: Any
    pbf_mu: Any


@dataclass
class PatchToIssue:
    """A change patch and the case it becomes (as ``CaseStore.issue`` takes it); ``reason``: why it is not issued."""

    fid: Any
    case: dict
    geometry: Any  # shapely polygon, None where the patch has none
    reason: Optional[str]


def patches_to_issue(
    columns: PatchColumns, geoms, area_mu, prefix: str, issued_on: date, only_farmland: bool
) -> List[PatchToIssue]:
    """One PatchToIssue per patch, in order: the case id is ``prefix`` + patch id; a patch without an id or geometry,
    or repeating an id, is rejected; with ``only_farmland``, a patch whose known figures are all zero is not issued.
    Where the accountable flag is empty, the patch is accountable by its PBF and farmland (quota.accountable)."""
    farmland, pbf = np.asarray(columns.farmland_mu, dtype=float), np.asarray(columns.pbf_mu, dtype=float)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    computed = quota.accountable(np.nan_to_num(pbf), np.nan_to_num(farmland))
    wkbs = shapely.to_wkb(geoms, output_dimension=2)
    patches, seen = [], set()
    for k, fid in enumerate(columns.fids):
        patch_id = text_value(columns.patch_ids[k])
        case_id = f"{prefix}{patch_id}" if patch_id else None
        known = [v for v in (farmland[k], pbf[k]) if np.isfinite(v)]
        if patch_id is None:
            reason = REASON_NO_PATCH_ID
        elif missing[k]:
            reason = REASON_EMPTY_GEOMETRY
        elif case_id in seen:
            reason = REASON_DUPLICATE
        elif only_farmland and known and not any(v > 0 for v in known):
            reason = REASON_NO_FARMLAND
        else:
            reason = None
        if case_id:
            seen.add(case_id)
        flag = flag_value(columns.accountable[k])
        case = {
            "case_id": case_id,
            "patch_id": patch_id,
            "unit_code": bottom_unit(columns.group_codes[k], columns.village_codes[k]),
            "person": text_value(columns.persons[k]),
            "phone": text_value(columns.phones[k]),
            "issued_on": issued_on,
            "area_mu": _rounded(area_mu[k]),
            "farmland_mu": _rounded(farmland[k]),
            "pbf_mu": _rounded(pbf[k]),
            "accountable": flag if flag is not None else bool(computed[k]),
            "geometry": wkbs[k],
        }
        patches.append(PatchToIssue(fid, case, None if missing[k] else geoms[k], reason))
    return patches


def _rounded(value, digits=4):
    return None if value is None or not np.isfinite(value) else round(float(value), digits)
