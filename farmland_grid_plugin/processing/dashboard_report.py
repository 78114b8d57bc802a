"""farmlandgrid:dashboardreport — the dashboard (驾驶舱) as a self-contained HTML report with charts, and as PDF.

The inputs are collected by ``services.dashboard_inputs`` and laid out by ``report``, as the dashboard
dock does, so the dock and the report show the same figures.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameters,
    QgsProcessingParameterString,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..domain.dashboard import UNIT_FIELDS, build_dashboard
from ..domain.dashboard_ranking import county_ranking, spans_counties
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES
from ..domain.messages import Message
from ..i18n import render
from ..report import html
from ..report.pdf import write_pdf
from ..report.ranking import ranking_html
from ..services.dashboard_inputs import (
    AREA_FIELD,
    AS_OF,
    BALANCE,
    CLASS_FIELD,
    CODE_FIELD,
    DEFAULT_AREA_FIELD,
    DEFAULT_CLASS_FIELD,
    DEFAULT_CODE_FIELD,
    FARMLAND_CLASSES,
    PARCEL_LAYERS,
    PATROL_SUMMARY,
    UNITS,
    UNITS_OPTIONAL,
    DashboardInputs,
    collect_dashboard,
    parcel_year,
    table_rows,
)
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, read_workspace, workspace_help

OUTPUT_HTML = "OUTPUT_HTML"
OUTPUT_PDF = "OUTPUT_PDF"
TOWNSHIPS = "TOWNSHIPS"
COUNTY_UNITS = "COUNTY_UNITS"
COUNTIES = "COUNTIES"


@dataclass(frozen=True)
class DashboardReportParams:
    inputs: DashboardInputs
    html_path: str
    pdf_path: str  # empty: no PDF
    county_units: Optional[QgsFeatureSource] = None  # quotaoverlay's units at LEVEL county, for the county ranking


class DashboardReportAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "dashboardreport"
    GROUP = "dashboard"
    REQUIRES = ("matplotlib",)
    ADVANCED = (CODE_FIELD, CLASS_FIELD, FARMLAND_CLASSES, AREA_FIELD)

    def displayName(self):
        return self.tr("Dashboard report")

    def shortHelpString(self):
        text = self.tr(
            "The county's dashboard (驾驶舱) as a report to print or send: patrols, cases, farmland and permanent basic farmland "
            "against targets, the farmland balances and the farmland trend, per township, each as a chart with a table of the "
            "exact figures.\n\n"
            "Give at least one input: the township patrol summary of the patrol coverage tool, the township units of the "
            "quota overlay, the case workspace, the township balances of the farmland balance tool (BALANCE), or two or more "
            "yearly parcel (DLTB) layers for the trend (the year is read from the layer name, e.g. dltb_2025).\n\n"
            "Out comes one HTML file with the charts inside and, if asked for, the same report as an A4 PDF.\n\n"
            "Example: the patrol summary and the units of March, the workspace, cases overdue as of 2026-03-31."
        ) + self.tr(
            "\n\nCity or prefecture: give the inputs of all its counties (townships of several counties) and, for the "
            "counties' targets, the county units of the quota overlay (COUNTY_UNITS, at LEVEL county). The report then "
            "ranks the counties as it ranks townships: patrol rate, cases per status and overdue, farmland and PBF "
            "completion, each ranked best first."
        )
        return text + "\n\n" + workspace_help()

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PATROL_SUMMARY,
                self.tr("Patrol summary per township and month"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                UNITS, self.tr("Townships against targets"), [QgsProcessing.TypeVector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                BALANCE, self.tr("Townships' farmland balances"), [QgsProcessing.TypeVector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                COUNTY_UNITS,
                self.tr("Counties against targets (for the city's ranking)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        add_workspace_parameter(self, self.tr("Case workspace"), optional=True)
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                PARCEL_LAYERS,
                self.tr("Yearly parcel layers (DLTB) for the trend"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )
        # Pickers over the fields of the yearly layers, needed only with them.
        for name, label, default in (
            (CODE_FIELD, self.tr("Location unit code field of the parcels"), DEFAULT_CODE_FIELD),
            (CLASS_FIELD, self.tr("Land class field of the parcels"), DEFAULT_CLASS_FIELD),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, PARCEL_LAYERS, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                AREA_FIELD,
                self.tr("Area field of the parcels in m² (empty: ellipsoidal area)"),
                DEFAULT_AREA_FIELD,
                PARCEL_LAYERS,
                QgsProcessingParameterField.Numeric,
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
        self.addOutput(QgsProcessingOutputNumber(COUNTIES, self.tr("Counties ranked")))

    def read(self, parameters, context, feedback) -> DashboardReportParams:
        as_of = QgsProcessingParameters.parameterAsDate(self.parameterDefinition(AS_OF), parameters, context)
        layers = self.parameterAsLayerList(parameters, PARCEL_LAYERS, context) or []
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer):
                fail(self.tr("{0} is not a vector layer of parcels").format(layer.name()))
        inputs = DashboardInputs(
            patrol=self.parameterAsSource(parameters, PATROL_SUMMARY, context),
            units=self.parameterAsSource(parameters, UNITS, context),
            workspace=read_workspace(self, parameters, context),
            years=tuple(parcel_year(layer, k + 1) for k, layer in enumerate(layers)),
            as_of=as_of.toPyDate() if as_of.isValid() else date.today(),
            code_field=self.parameterAsString(parameters, CODE_FIELD, context),
            class_field=self.parameterAsString(parameters, CLASS_FIELD, context),
            area_field=self.parameterAsString(parameters, AREA_FIELD, context).strip(),
            classes=self.parameterAsString(parameters, FARMLAND_CLASSES, context),
            balance=self.parameterAsSource(parameters, BALANCE, context),
        )
        return DashboardReportParams(
            inputs,
            self.parameterAsFileOutput(parameters, OUTPUT_HTML, context),
            self.parameterAsFileOutput(parameters, OUTPUT_PDF, context),
            self.parameterAsSource(parameters, COUNTY_UNITS, context),
        )

    def execute(self, params, context, feedback, outputs):
        from ..report import charts  # matplotlib is optional: imported once REQUIRES has found it

        steps = QgsProcessingMultiStepFeedback(2, feedback)
        given = params.inputs.given() or params.county_units is None  # county units alone: a ranking without sections
        dashboard = collect_dashboard(params.inputs, context, steps) if given else build_dashboard(params.inputs.as_of)
        if dashboard is None or feedback.isCanceled():
            return {}
        ranking = None
        if params.county_units is not None or spans_counties(dashboard):
            rows = None
            if params.county_units is not None:
                rows = table_rows(params.county_units, UNIT_FIELDS, UNITS_OPTIONAL, COUNTY_UNITS, context, steps)
            ranking = county_ranking(dashboard, rows)
        steps.setCurrentStep(1)
        feedback.pushInfo(self.tr("Drawing the charts…"))
        style = charts.default_style(QCoreApplication.translate)
        images = charts.embedded_pngs(charts.dashboard_charts(dashboard, style))
        warnings = [] if style.font_warning() is None else [style.font_warning()]
        for warning in warnings:
            feedback.pushWarning(render(warning))
        generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
        extra = [] if ranking is None else [ranking_html(ranking, QCoreApplication.translate)]
        text = html.report_html(
            dashboard, images, QCoreApplication.translate, warnings, generated, params.inputs.sources(), extra
        )
        Path(params.html_path).write_text(text, encoding="utf-8")
        results = {OUTPUT_HTML: params.html_path, OUTPUT_PDF: None}
        if params.pdf_path and not feedback.isCanceled():
            steps.setProgress(60)
            feedback.pushInfo(self.tr("Writing the PDF…"))
            write_pdf(text, params.pdf_path, render(Message(html.REPORT_TITLE)))
            results[OUTPUT_PDF] = params.pdf_path
        results[TOWNSHIPS] = len(dashboard.township_codes())
        results[COUNTIES] = len(ranking.rows) if ranking is not None else 0
        steps.setProgress(100)
        return results
