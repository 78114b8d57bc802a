"""farmlandgrid:dashboardreport — the dashboard (驾驶舱) as a self-contained HTML report with charts, and as PDF.

``collect_dashboard`` reads the inputs (patrolcoverage's township summary, quotaoverlay's township
units, a case workspace, yearly parcel layers) into the domain ``Dashboard``; the dashboard dock
calls it too, in a task, so the dock and the report show the same figures.
"""

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Optional, Sequence

from qgis.core import (
    QgsProcessing,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameters,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QMarginsF, QSizeF
from qgis.PyQt.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ..domain import dashboard as dash
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES
from ..domain.messages import DomainError, Message
from ..domain.unitcode import LEVEL_TOWNSHIP
from ..services.sources import GEOPACKAGE_SUFFIXES, direct_ogr_layer, read_columns, require_field
from ..store.cases import GeoPackageCaseStore, workspace_schema_version
from .base import FarmlandGridAlgorithm, fail
from .quota_overlay import farmland_per_unit

PATROL_SUMMARY = "PATROL_SUMMARY"
UNITS = "UNITS"
WORKSPACE = "WORKSPACE"
PARCEL_LAYERS = "PARCEL_LAYERS"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
AS_OF = "AS_OF"
OUTPUT_HTML = "OUTPUT_HTML"
OUTPUT_PDF = "OUTPUT_PDF"
TOWNSHIPS = "TOWNSHIPS"

DEFAULT_CODE_FIELD = "ZLDWDM"
DEFAULT_CLASS_FIELD = "DLBM"
DEFAULT_AREA_FIELD = "TBDLMJ"
PAGE_MARGIN_MM = 12.0
PDF_RESOLUTION = 300


@dataclass
class ParcelYear:
    """A yearly parcel (DLTB) layer of the trend: its name, the year label, a feature source to read and, when it
    is a whole GeoPackage layer, that layer (read directly through GDAL)."""

    name: str
    label: str
    source: object
    direct: Optional[QgsVectorLayer] = None


def parcel_year(layer, position, source=None):
    """The trend input of a parcel layer: the year is the first 19xx/20xx number of the layer name, else of its
    file name, else the layer's position (1, 2…). ``source``: what to read (default: the layer itself)."""
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
    label = dash.year_label(position, layer.name(), Path(path).stem)
    return ParcelYear(layer.name(), label, layer if source is None else source, direct_ogr_layer(layer, GEOPACKAGE_SUFFIXES))


@dataclass
class DashboardInputs:
    """What the dashboard is made from; every input is optional, but one at least is needed.

    ``patrol`` and ``units``: feature sources (layers) of patrolcoverage's OUTPUT_SUMMARY and quotaoverlay's
    OUTPUT_UNITS at township level; ``workspace``: the case workspace GeoPackage; ``years``: ParcelYear list.
    """

    patrol: object = None
    units: object = None
    workspace: str = ""
    years: Sequence[ParcelYear] = ()
    as_of: date = field(default_factory=date.today)
    code_field: str = DEFAULT_CODE_FIELD
    class_field: str = DEFAULT_CLASS_FIELD
    area_field: str = DEFAULT_AREA_FIELD
    classes: str = ",".join(DEFAULT_FARMLAND_CLASSES)

    def given(self):
        return self.patrol is not None or self.units is not None or bool(self.workspace) or bool(self.years)

    def sources(self):
        """The inputs named, for the report's head."""
        names = []
        if self.patrol is not None:
            names.append(
                QCoreApplication.translate("DashboardReportAlgorithm", "patrol summary {0}").format(self.patrol.sourceName())
            )
        if self.units is not None:
            names.append(QCoreApplication.translate("DashboardReportAlgorithm", "units {0}").format(self.units.sourceName()))
        if self.workspace:
            names.append(
                QCoreApplication.translate("DashboardReportAlgorithm", "case workspace {0}").format(Path(self.workspace).name)
            )
        names += [
            QCoreApplication.translate("DashboardReportAlgorithm", "parcels {0} ({1})").format(year.name, year.label)
            for year in self.years
        ]
        return names


def _table_rows(source, required, optional, parameter, context, feedback):
    """Rows (dicts) of a table input; fails naming the layer and the field when a required field is missing."""
    for name in required:
        require_field(source, name, parameter)
    names = [*required, *(n for n in optional if source.fields().lookupField(n) >= 0)]
    table = read_columns(source, names, context, feedback, geometry=False, span=(0, 100))
    return [dict(zip(names, values)) for values in zip(*(table.columns[n] for n in names))]


def read_cases(workspace, context=None):
    """The cases of a workspace as plain rows (case_id, township_code, status, due_date)."""
    path = Path(workspace)
    if not path.is_file():
        fail(QCoreApplication.translate("DashboardReportAlgorithm", "There is no workspace file {0}").format(workspace))
    if workspace_schema_version(path) is None:
        fail(
            QCoreApplication.translate(
                "DashboardReportAlgorithm", "{0} holds no cases: choose the workspace GeoPackage the cases were issued to"
            ).format(workspace)
        )
    try:
        store = GeoPackageCaseStore(path, transform_context=context.transformContext() if context is not None else None)
        records = store.cases()
    except DomainError as exc:
        fail(exc)
    return [
        {"case_id": r.case_id, "township_code": r.attributes.get("township_code"), "status": r.status, "due_date": r.due_date}
        for r in records
    ]


def collect_dashboard(inputs, context, feedback):
    """The domain Dashboard from the inputs, or None when cancelled. Fails (QgsProcessingException) with a message
    naming the input, layer or field that cannot be used."""
    if not inputs.given():
        fail(
            QCoreApplication.translate(
                "DashboardReportAlgorithm", "Give at least one input: patrol summary, units, case workspace or parcel layers"
            )
        )
    steps = QgsProcessingMultiStepFeedback(3 + len(inputs.years), feedback)
    patrol_rows = unit_rows = cases = None
    if inputs.patrol is not None:
        feedback.pushInfo(QCoreApplication.translate("DashboardReportAlgorithm", "Reading the patrol summary…"))
        patrol_rows = _table_rows(inputs.patrol, dash.PATROL_FIELDS, ("township_name", "rank"), PATROL_SUMMARY, context, steps)
    steps.setCurrentStep(1)
    if inputs.units is not None and not feedback.isCanceled():
        feedback.pushInfo(QCoreApplication.translate("DashboardReportAlgorithm", "Reading the units table…"))
        optional = ("unit_name", "farmland_completion_pct", "pbf_completion_pct", "area_method")
        unit_rows = _table_rows(inputs.units, dash.UNIT_FIELDS, optional, UNITS, context, steps)
    steps.setCurrentStep(2)
    if inputs.workspace and not feedback.isCanceled():
        feedback.pushInfo(QCoreApplication.translate("DashboardReportAlgorithm", "Reading the cases…"))
        cases = read_cases(inputs.workspace, context)
    years = []
    for k, year in enumerate(inputs.years):
        steps.setCurrentStep(3 + k)
        if feedback.isCanceled():
            return None
        feedback.pushInfo(
            QCoreApplication.translate("DashboardReportAlgorithm", "Farmland per township in {0} (year {1})…").format(
                year.name, year.label
            )
        )
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
    try:
        return dash.build_dashboard(inputs.as_of, patrol_rows, unit_rows, cases, years)
    except DomainError as exc:
        fail(exc)


def load_charts():
    """The charts module; fails saying what to install when matplotlib is missing."""
    try:
        from ..domain import charts
    except ImportError as exc:
        message = QCoreApplication.translate(
            "DashboardReportAlgorithm", "The dashboard charts need matplotlib ({0}); on Debian/Ubuntu install python3-matplotlib"
        )
        fail(message.format(exc))
    return charts


def render_report(dashboard, sources=(), generated=None):
    """``(HTML text, font warning or None)``: the report with its charts embedded as PNG."""
    charts = load_charts()
    style = charts.default_style(QCoreApplication.translate)
    figures = charts.dashboard_charts(dashboard, style)
    images = {key: base64.b64encode(charts.figure_png(figure)).decode("ascii") for key, figure in figures.items()}
    warning = None if style.font is not None else Message(charts.FONT_MISSING).render(QCoreApplication.translate)
    generated = generated or datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    text = dash.report_html(dashboard, images, QCoreApplication.translate, [warning] if warning else [], generated, sources)
    return text, warning


def write_pdf(html_text, path, title=""):
    """The HTML as an A4 PDF through Qt's rich text (real text, fonts embedded, so it can be searched and copied).

    The document is laid out on the PDF writer itself, one page of the document being the printable area of an
    A4 page: Qt's own default would add 2 cm margins on top of the writer's and crop the charts.
    """
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(*(PAGE_MARGIN_MM,) * 4), QPageLayout.Millimeter)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Farmland Grid Supervision (farmlandgrid:dashboardreport)")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html_text)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the file


class DashboardReportAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("DashboardReportAlgorithm", text)

    def name(self):
        return "dashboardreport"

    def displayName(self):
        return self.tr("Dashboard report")

    def group(self):
        return self.tr("Dashboard")

    def groupId(self):
        return "dashboard"

    def shortHelpString(self):
        return self.tr(
            "The dashboard (驾驶舱) of the county as a report: patrols, cases, farmland and permanent basic farmland "
            "against targets, and the farmland trend, per township, each as a chart and a table with the exact "
            "figures.\n\n"
            "Inputs (all optional, at least one needed): the patrol summary, patrolcoverage's township monthly "
            "summary (township_code, township_name, month, periods_due, periods_completed, periods_overdue, "
            "patrol_rate_pct, rank), shown per township and month with the ranking, and per township over all months "
            "(patrol rate 巡田率 = completed ÷ due); the units table, quotaoverlay's units at the township level "
            "(unit_code, unit_name, farmland_mu, farmland_target_mu, farmland_gap_mu, pbf_mu, pbf_target_mu, "
            "pbf_gap_mu, in 亩), with its TOTAL row; the case workspace GeoPackage, counted per township and status "
            "with the cases overdue on the “as of” date (default today: not closed and due before that day); yearly "
            "parcel (DLTB) layers for the trend, farmland per township counted as quotaoverlay counts it (location "
            "code, land classes and area field in m², TBDLMJ by default; empty: ellipsoidal area), the year being "
            "the first 19xx/20xx number in the layer's name (else in its file name, else its position). The trend "
            "chart needs two years or more. Township names come from the units table and the patrol summary; "
            "townships without a name show their code.\n\n"
            "Outputs: the HTML report, one file with the charts embedded, the tables, the date, the area method "
            "and a warning when no Chinese font was found for the charts (they are then labelled in English); "
            "optionally the same report as an A4 PDF with real, searchable text. Areas are in 亩 to 0.0001 as the "
            "quota outputs store them, rates and completion in %."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PATROL_SUMMARY,
                self.tr("Patrol summary (patrolcoverage, township monthly)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                UNITS, self.tr("Units against targets (quotaoverlay, township level)"), [QgsProcessing.TypeVector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                WORKSPACE, self.tr("Case workspace GeoPackage"), QgsProcessingParameterFile.File, "gpkg", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                PARCEL_LAYERS,
                self.tr("Yearly parcel layers (DLTB) for the trend"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )
        for name, label, default in (
            (CODE_FIELD, self.tr("Location unit code field of the parcels"), DEFAULT_CODE_FIELD),
            (CLASS_FIELD, self.tr("Land class field of the parcels"), DEFAULT_CLASS_FIELD),
            (FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, default))
        self.addParameter(
            QgsProcessingParameterString(
                AREA_FIELD,
                self.tr("Area field of the parcels in m² (empty: ellipsoidal area)"),
                DEFAULT_AREA_FIELD,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                AS_OF, self.tr("Cases overdue as of (empty: today)"), QgsProcessingParameterDateTime.Date, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(OUTPUT_HTML, self.tr("Dashboard report"), self.tr("HTML (*.html)"))
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_PDF, self.tr("Dashboard report as PDF"), self.tr("PDF (*.pdf)"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber(TOWNSHIPS, self.tr("Townships")))

    def legacy_process(self, parameters, context, feedback):
        as_of = QgsProcessingParameters.parameterAsDate(self.parameterDefinition(AS_OF), parameters, context)
        layers = self.parameterAsLayerList(parameters, PARCEL_LAYERS, context) or []
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer):
                fail(self.tr("{0} is not a vector layer of parcels").format(layer.name()))
        inputs = DashboardInputs(
            patrol=self.parameterAsSource(parameters, PATROL_SUMMARY, context),
            units=self.parameterAsSource(parameters, UNITS, context),
            workspace=self.parameterAsFile(parameters, WORKSPACE, context),
            years=[parcel_year(layer, k + 1) for k, layer in enumerate(layers)],
            as_of=as_of.toPyDate() if as_of.isValid() else date.today(),
            code_field=self.parameterAsString(parameters, CODE_FIELD, context),
            class_field=self.parameterAsString(parameters, CLASS_FIELD, context),
            area_field=self.parameterAsString(parameters, AREA_FIELD, context).strip(),
            classes=self.parameterAsString(parameters, FARMLAND_CLASSES, context),
        )
        html_path = self.parameterAsFileOutput(parameters, OUTPUT_HTML, context)
        pdf_path = self.parameterAsFileOutput(parameters, OUTPUT_PDF, context)
        load_charts()  # before the reading: say at once when matplotlib is missing
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        dashboard = collect_dashboard(inputs, context, steps)
        if dashboard is None or feedback.isCanceled():
            return {}
        steps.setCurrentStep(1)
        feedback.pushInfo(self.tr("Drawing the charts…"))
        text, warning = render_report(dashboard, inputs.sources())
        if warning:
            feedback.pushWarning(warning)
        Path(html_path).write_text(text, encoding="utf-8")
        results = {OUTPUT_HTML: html_path, OUTPUT_PDF: None}
        if pdf_path and not feedback.isCanceled():
            steps.setProgress(60)
            feedback.pushInfo(self.tr("Writing the PDF…"))
            write_pdf(text, pdf_path, Message(dash.REPORT_TITLE).render(QCoreApplication.translate))
            results[OUTPUT_PDF] = pdf_path
        results[TOWNSHIPS] = len(dashboard.township_codes())
        steps.setProgress(100)
        return results
