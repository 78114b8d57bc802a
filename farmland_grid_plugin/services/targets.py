"""Target tables (CSV or layer: a unit code, two figures in 亩, a name) read for the units of one level,
by the one rule quotaoverlay and farmlandbalance share (domain.quota.unit_targets)."""

from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.core import QgsFeatureSource

from ..domain.quota import UnitTargets, unit_targets
from ..i18n import render
from .sources import read_columns, to_number


@dataclass(frozen=True)
class TargetsInput:
    source: QgsFeatureSource
    code_field: str
    value_fields: Tuple[Optional[str], Optional[str]]  # the two figures' fields; None: not in the table
    name_field: Optional[str]


def read_unit_targets(given: TargetsInput, level: int, units: set, context, feedback, span) -> UnitTargets:
    """The targets of ``units`` at ``level``; each row skipped or incomplete is reported as an error line."""
    first, second = (field or "" for field in given.value_fields)
    table = read_columns(
        given.source, [given.code_field, first, second, given.name_field], context, feedback, geometry=False, span=span
    )
    empty = [None] * len(table)
    figures = [to_number(table.columns.get(field) or empty) for field in given.value_fields]
    names = table.columns.get(given.name_field) or empty
    read = unit_targets(table.columns[given.code_field], *figures, names, level, units, (first, second))
    for problem in read.problems:
        feedback.reportError(render(problem))
    return read
