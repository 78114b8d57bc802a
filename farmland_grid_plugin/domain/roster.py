"""Responsible persons from a roster, attached to their grid cells (责任人名册).

A roster row names a unit of any level; its phone is checked as a sign board will print it.
"""

from dataclasses import dataclass

from .grid_qa import (
    ISSUE_INVALID_CODE,
    ISSUE_INVALID_PHONE,
    ISSUE_NO_PERSON,
    ISSUE_ROSTER_UNKNOWN_UNIT,
    LAYER_GRID,
    LAYER_ROSTER,
    SOURCE_BOUNDARY,
    Issue,
)
from .messages import QT_TR_NOOP, Message
from .phones import INVALID, REPAIRED, check_phone
from .unitcode import UnitCodeError, grid_code_of


def _phone(roster, i: int, code: str, issues: list) -> str:
    """The row's phone as a sign board may print it: repaired when a spreadsheet's float form kept every
    digit; left out, and reported, when it is no number anyone can call."""
    checked = check_phone(roster.phones[i])
    if checked.status == REPAIRED:
        issues.append(
            Issue(
                ISSUE_INVALID_PHONE,
                Message(
                    QT_TR_NOOP("Roster row {id}: phone {phone!r} was repaired to {fixed}"),
                    id=roster.ids[i],
                    phone=str(roster.phones[i]),
                    fixed=checked.text,
                ),
                layer=LAYER_ROSTER,
                feature_id=roster.ids[i],
                grid_code=code,
            )
        )
    elif checked.status == INVALID:
        issues.append(
            Issue(
                ISSUE_INVALID_PHONE,
                Message(QT_TR_NOOP("Roster row {id}: {error}; it is left out"), id=roster.ids[i], error=checked.message),
                layer=LAYER_ROSTER,
                feature_id=roster.ids[i],
                grid_code=code,
            )
        )
        return ""
    return checked.text


@dataclass
class Roster:
    codes: list
    persons: list
    roles: list
    phones: list
    names: list
    ids: list


def join_roster(roster, level_cells, lengths, issues):
    """Attach responsible persons to cells; report cells without one and rows naming no cell."""
    cells = {c.grid_code: c for cs in level_cells.values() for c in cs}
    for i, raw in enumerate(roster.codes):
        try:
            code, _ = grid_code_of(raw, lengths)
        except UnitCodeError as exc:
            issues.append(
                Issue(
                    ISSUE_INVALID_CODE,
                    Message(QT_TR_NOOP("Roster row {id}: {error}"), id=roster.ids[i], error=exc.message),
                    layer=LAYER_ROSTER,
                    feature_id=roster.ids[i],
                    grid_code="" if raw is None else str(raw),
                )
            )
            continue
        cell = cells.get(code)
        if cell is None:
            issues.append(
                Issue(
                    ISSUE_ROSTER_UNKNOWN_UNIT,
                    Message(
                        QT_TR_NOOP("Roster row {id} names unit {code}, which has no grid cell"),
                        id=roster.ids[i],
                        code=code,
                    ),
                    layer=LAYER_ROSTER,
                    feature_id=roster.ids[i],
                    grid_code=code,
                )
            )
            continue
        if roster.persons[i]:
            cell.persons.append((roster.persons[i], roster.roles[i] or "", _phone(roster, i, code, issues)))
        if roster.names[i] and cell.source != SOURCE_BOUNDARY:
            cell.unit_name = roster.names[i]
    for cell in cells.values():
        if not cell.persons:
            issues.append(
                Issue(
                    ISSUE_NO_PERSON,
                    Message(
                        QT_TR_NOOP("Cell {code} ({name}) has no responsible person"),
                        code=cell.grid_code,
                        name=cell.unit_name or "?",
                    ),
                    geometry=cell.geometry,
                    level=cell.level,
                    grid_code=cell.grid_code,
                    layer=LAYER_GRID,
                    area_m2=cell.farmland_m2,
                )
            )
