"""What the dashboard is made from, read into the domain ``Dashboard``: patrolcoverage's township
summary, quotaoverlay's township units, the cases of a workspace, and farmland per township of
yearly parcel layers counted as quotaoverlay counts it.

The report algorithm and the dashboard dock (in its task) both collect through here, so the two
show the same figures.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Optional, Sequence, Tuple

from qgis.core import (
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..domain import dashboard as dash
from ..domain import dashboard_balance as dash_balance
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, parse_class_list
from ..domain.messages import QT_TR_NOOP, DomainError
from ..domain.unitcode import LEVEL_TOWNSHIP
from ..store import open_workspace
from ..store.pg_location import is_postgres, parse_location
from .coverages import yearly_flows
from .farmland import farmland_per_unit
from .sources import GEOPACKAGE_SUFFIXES, direct_ogr_layer, read_columns, require_field

# The report's input parameters: named in the errors about them, filled in by the dock's Export button.
PATROL_SUMMARY = "PATROL_SUMMARY"
UNITS = "UNITS"
WORKSPACE = "WORKSPACE"
PARCEL_LAYERS = "PARCEL_LAYERS"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
AS_OF = "AS_OF"
BALANCE = "BALANCE"

DEFAULT_CODE_FIELD = "ZLDWDM"
DEFAULT_CLASS_FIELD = "DLBM"
DEFAULT_AREA_FIELD = "TBDLMJ"

PATROL_OPTIONAL = ("township_name", "rank")
UNITS_OPTIONAL = ("unit_name", "farmland_completion_pct", "pbf_completion_pct", "area_method")


@dataclass(frozen=True)
class ParcelYear:
    """A yearly parcel (DLTB) layer of the trend: its name, the year label, a feature source to read and, when it
    is a whole GeoPackage layer, that layer (read directly through GDAL)."""

    name: str
    label: str
    source: object
    direct: Optional[QgsVectorLayer] = None


def parcel_year(layer: QgsVectorLayer, position: int, source: object = None) -> ParcelYear:
    """The trend input of a parcel layer: the year is the first 19xx/20xx number of the layer name, else of its
    file name, else the layer's position (1, 2…). ``source``: what to read (default: the layer itself)."""
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
    label = dash.year_label(position, layer.name(), Path(path).stem)
    return ParcelYear(layer.name(), label, layer if source is None else source, direct_ogr_layer(layer, GEOPACKAGE_SUFFIXES))


@dataclass(frozen=True)
class DashboardInputs:
    """What the dashboard is made from; every input is optional, but one at least is needed.

    ``patrol`` and ``units``: feature sources of patrolcoverage's OUTPUT_SUMMARY and quotaoverlay's OUTPUT_UNITS
    at township level (in the dock, snapshots of layers that read like feature sources); ``workspace``: the case
    workspace GeoPackage; ``years``: the yearly parcel layers.
    """

    patrol: Optional[QgsFeatureSource] = None
    units: Optional[QgsFeatureSource] = None
    workspace: str = ""
    years: Tuple[ParcelYear, ...] = ()
    as_of: date = field(default_factory=date.today)
    code_field: str = DEFAULT_CODE_FIELD
    class_field: str = DEFAULT_CLASS_FIELD
    area_field: str = DEFAULT_AREA_FIELD
    classes: str = ",".join(DEFAULT_FARMLAND_CLASSES)
    balance: Optional[QgsFeatureSource] = None  # farmlandbalance's OUTPUT_UNITS at township level

    def given(self) -> bool:
        tables = (self.patrol, self.units, self.balance)
        return any(t is not None for t in tables) or bool(self.workspace) or bool(self.years)

    def sources(self) -> Sequence[str]:
        """The inputs named, for the report's head."""
        names = []
        if self.patrol is not None:
            names.append(QCoreApplication.translate("DashboardInputs", "patrol summary {0}").format(self.patrol.sourceName()))
        if self.units is not None:
            names.append(QCoreApplication.translate("DashboardInputs", "units {0}").format(self.units.sourceName()))
        if self.balance is not None:
            names.append(QCoreApplication.translate("DashboardInputs", "balance {0}").format(self.balance.sourceName()))
        if self.workspace:
            # A PostgreSQL workspace by its location without the password; a file by its name.
            shown = parse_location(self.workspace).text if is_postgres(self.workspace) else Path(self.workspace).name
            names.append(QCoreApplication.translate("DashboardInputs", "case workspace {0}").format(shown))
        names += [
            QCoreApplication.translate("DashboardInputs", "parcels {0} ({1})").format(year.name, year.label)
            for year in self.years
        ]
        return names


def table_rows(source, required, optional, parameter, context, feedback):
    """Rows (dicts) of a table input; a DomainError naming the layer and the field when a required field is missing."""
    for name in required:
        require_field(source, name, parameter)
    names = [*required, *(n for n in optional if source.fields().lookupField(n) >= 0)]
    table = read_columns(source, names, context, feedback, geometry=False, span=(0, 100))
    return [dict(zip(names, values)) for values in zip(*(table.columns[n] for n in names))]


def _case_rows(workspace, context):
    """The cases of a workspace as plain rows (case_id, township_code, status, due_date)."""
    with open_workspace(workspace, create=False, transform_context=context.transformContext()) as opened:
        records = opened.cases.cases()
    return [
        {
            "case_id": r.case_id,
            "township_code": r.attributes.get("township_code"),
            "status": r.status,
            "due_date": r.due_date,
            "checks": r.attributes.get("checks"),  # 举证核验 (schema 4)
            "flagged_photos": r.attributes.get("flagged_photos"),
        }
        for r in records
    ]


def collect_dashboard(
    inputs: DashboardInputs, context: QgsProcessingContext, feedback: QgsProcessingFeedback
) -> Optional[dash.Dashboard]:
    """The domain Dashboard from the inputs, or None when cancelled. A DomainError names the input, layer or
    field that cannot be used."""
    if not inputs.given():
        raise DomainError(QT_TR_NOOP("Give at least one input: patrol summary, units, case workspace or parcel layers"))
    steps = QgsProcessingMultiStepFeedback(3 + len(inputs.years), feedback)
    patrol_rows = unit_rows = cases = None
    if inputs.patrol is not None:
        feedback.pushInfo(QCoreApplication.translate("DashboardInputs", "Reading the patrol summary…"))
        patrol_rows = table_rows(inputs.patrol, dash.PATROL_FIELDS, PATROL_OPTIONAL, PATROL_SUMMARY, context, steps)
    steps.setCurrentStep(1)
    if inputs.units is not None and not feedback.isCanceled():
        feedback.pushInfo(QCoreApplication.translate("DashboardInputs", "Reading the units table…"))
        unit_rows = table_rows(inputs.units, dash.UNIT_FIELDS, UNITS_OPTIONAL, UNITS, context, steps)
    steps.setCurrentStep(2)
    if inputs.workspace and not feedback.isCanceled():
        feedback.pushInfo(QCoreApplication.translate("DashboardInputs", "Reading the cases…"))
        cases = _case_rows(inputs.workspace, context)
    years = []
    for k, year in enumerate(inputs.years):
        steps.setCurrentStep(3 + k)
        if feedback.isCanceled():
            return None
        message = QCoreApplication.translate("DashboardInputs", "Farmland per township in {0} (year {1})…")
        feedback.pushInfo(message.format(year.name, year.label))
        counted = farmland_per_unit(
            year.source,
            inputs.code_field,
            inputs.class_field,
            inputs.area_field,
            inputs.classes,
            LEVEL_TOWNSHIP,
            context,
            steps,
            layer=year.direct,
        )
        years.append(dash.YearFarmland(year.label, year.name, counted.farmland_mu(), counted.area_label))
    if feedback.isCanceled():
        return None
    return _with_balances(dash.build_dashboard(inputs.as_of, patrol_rows, unit_rows, cases, years), inputs, context, steps)


def _with_balances(dashboard, inputs, context, feedback):
    """The dashboard with the balance section (from the balance table) and the trend's yearly flows (from each pair
    of successive parcel layers)."""
    balance = rows = None
    if inputs.balance is not None:
        feedback.pushInfo(QCoreApplication.translate("DashboardInputs", "Reading the balance table…"))
        rows = table_rows(inputs.balance, dash_balance.BALANCE_FIELDS, dash_balance.BALANCE_OPTIONAL, BALANCE, context, feedback)
        balance = dash_balance.balance_section(rows)
    flows = ()
    if dashboard.trend is not None and len(dashboard.trend.years) > 1:
        feedback.pushInfo(QCoreApplication.translate("DashboardInputs", "Farmland flows between the years…"))
        ordered = sorted(inputs.years, key=lambda y: dashboard.trend.years.index(y.label))
        classes = parse_class_list(inputs.classes)
        flows = tuple(yearly_flows(ordered, inputs.code_field, inputs.class_field, inputs.area_field, classes, context, feedback))
    names = {**dash.township_names((r.get("unit_code"), r.get("unit_name")) for r in rows or ()), **dashboard.names}
    return replace(dashboard, names=names, balance=balance, flows=flows)
