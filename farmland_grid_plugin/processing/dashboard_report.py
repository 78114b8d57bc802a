"""farmlandgrid:dashboardreport — the dashboard (驾驶舱) as a self-contained HTML report with charts, and as PDF.

The inputs are collected by ``services.dashboard_inputs`` and laid out by ``report``, as the dashboard
dock does, so the dock and the report show the same figures.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

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
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..domain.landclass import DEFAULT_FARMLAND_CLASSES
from ..domain.messages import Message
from ..i18n import render
from ..report import html
from ..report.pdf import write_pdf
from ..services.dashboard_inputs import (
    AREA_FIELD,
    AS_OF,
    CLASS_FIELD,
    CODE_FIELD,
    DEFAULT_AREA_FIELD,
    DEFAULT_CLASS_FIELD,
    DEFAULT_CODE_FIELD,
    FARMLAND_CLASSES,
    PARCEL_LAYERS,
    PATROL_SUMMARY,
    UNITS,
    WORKSPACE,
    DashboardInputs,
    collect_dashboard,
    parcel_year,
)
from .base import FarmlandGridAlgorithm, fail

OUTPUT_HTML = "OUTPUT_HTML"
OUTPUT_PDF = "OUTPUT_PDF"
TOWNSHIPS = "TOWNSHIPS"


@dataclass(frozen=True)
class DashboardReportParams:
    inputs: DashboardInputs
    html_path: str
    pdf_path: str  # empty: no PDF


class DashboardReportAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "dashboardreport"
    GROUP = "dashboard"
    REQUIRES = ("matplotlib",)

    def displayName(self):
        return self.tr("Dashboard report")

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

    def read(self, parameters, context, feedback) -> DashboardReportParams:
        as_of = QgsProcessingParameters.parameterAsDate(self.parameterDefinition(AS_OF), parameters, context)
        layers = self.parameterAsLayerList(parameters, PARCEL_LAYERS, context) or []
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer):
                fail(self.tr("{0} is not a vector layer of parcels").format(layer.name()))
        inputs = DashboardInputs(
            patrol=self.parameterAsSource(parameters, PATROL_SUMMARY, context),
            units=self.parameterAsSource(parameters, UNITS, context),
            workspace=self.parameterAsFile(parameters, WORKSPACE, context),
            years=tuple(parcel_year(layer, k + 1) for k, layer in enumerate(layers)),
            as_of=as_of.toPyDate() if as_of.isValid() else date.today(),
            code_field=self.parameterAsString(parameters, CODE_FIELD, context),
            class_field=self.parameterAsString(parameters, CLASS_FIELD, context),
            area_field=self.parameterAsString(parameters, AREA_FIELD, context).strip(),
            classes=self.parameterAsString(parameters, FARMLAND_CLASSES, context),
        )
        return DashboardReportParams(
            inputs,
            self.parameterAsFileOutput(parameters, OUTPUT_HTML, context),
            self.parameterAsFileOutput(parameters, OUTPUT_PDF, context),
        )

    def execute(self, params, context, feedback, outputs):
        from ..report import charts  # matplotlib is optional: imported once REQUIRES has found it

        steps = QgsProcessingMultiStepFeedback(2, feedback)
        dashboard = collect_dashboard(params.inputs, context, steps)
        if dashboard is None or feedback.isCanceled():
            return {}
        steps.setCurrentStep(1)
        feedback.pushInfo(self.tr("Drawing the charts…"))
        style = charts.default_style(QCoreApplication.translate)
        images = charts.embedded_pngs(charts.dashboard_charts(dashboard, style))
        warnings = [] if style.font_warning() is None else [style.font_warning()]
        for warning in warnings:
            feedback.pushWarning(render(warning))
        generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
        text = html.report_html(dashboard, images, QCoreApplication.translate, warnings, generated, params.inputs.sources())
        Path(params.html_path).write_text(text, encoding="utf-8")
        results = {OUTPUT_HTML: params.html_path, OUTPUT_PDF: None}
        if params.pdf_path and not feedback.isCanceled():
            steps.setProgress(60)
            feedback.pushInfo(self.tr("Writing the PDF…"))
            write_pdf(text, params.pdf_path, render(Message(html.REPORT_TITLE)))
            results[OUTPUT_PDF] = params.pdf_path
        results[TOWNSHIPS] = len(dashboard.township_codes())
        steps.setProgress(100)
        return results
