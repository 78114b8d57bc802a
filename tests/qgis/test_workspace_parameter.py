"""The WORKSPACE parameter of every algorithm that has one: a GeoPackage file or a PostgreSQL location, said so in
the help; a password given in a URI never reaches what QGIS writes down (the dialog's "Input parameters" log and the
Processing history both come from ``valueAsPythonString``/``asPythonCommand``) nor the algorithm's own log."""

import pytest
from qgis.core import QgsApplication, QgsProcessingContext

from farmland_grid_plugin.processing.workspace_parameter import WorkspaceParameter

from .helpers import RecordingFeedback, run_algorithm

SECRET = "Pa55-w0rd"
WORKSPACE_ALGORITHMS = {
    "assignspacecodes": ["WORKSPACE"],
    "issuecases": ["WORKSPACE"],
    "importevidence": ["WORKSPACE"],
    "dashboardreport": ["WORKSPACE"],
    "exportfieldpackage": ["WORKSPACE"],
    "importfieldpackage": ["WORKSPACE"],
    "createworkspace": ["WORKSPACE"],
    "migrateworkspace": ["SOURCE", "TARGET"],
}
LOCATIONS = [
    "postgres:县局",
    "service=county",
    "postgresql://wang@db.county.gov.cn:5432/farmland?sslmode=require",
    "host=db.county.gov.cn dbname=farmland user=wang",
    "/data/workspace.gpkg",
]


def algorithm(name):
    return QgsApplication.processingRegistry().createAlgorithmById(f"farmlandgrid:{name}")


def test_every_workspace_parameter_takes_both_kinds_and_says_so(provider):
    found = {
        alg.name(): sorted(d.name() for d in alg.parameterDefinitions() if isinstance(d, WorkspaceParameter))
        for alg in provider.algorithms()
    }
    assert {name: names for name, names in found.items() if names} == WORKSPACE_ALGORITHMS
    for name, parameters in WORKSPACE_ALGORITHMS.items():
        alg = algorithm(name)
        assert "postgres:NAME" in alg.shortHelpString() and "service=NAME" in alg.shortHelpString()
        for parameter in parameters:
            definition = alg.parameterDefinition(parameter)
            assert definition.type() == "file"  # the dialog keeps its file widget for GeoPackages
            assert all(definition.checkValueIsAcceptable(location) for location in LOCATIONS), name
            assert not definition.checkValueIsAcceptable("/data/parcels.shp")
            assert "postgres:NAME" in definition.help()


@pytest.mark.parametrize(
    "location, shown",
    [
        (f"postgresql://wang:{SECRET}@db.county.gov.cn/farmland", "postgresql://wang@db.county.gov.cn/farmland"),
        (f"host=db.county.gov.cn dbname=farmland user=wang password={SECRET}", "dbname=farmland"),
        (f"service=county password={SECRET}", "service=county"),
    ],
)
def test_what_qgis_logs_and_keeps_in_its_history_holds_no_password(provider, location, shown):
    context = QgsProcessingContext()
    alg = algorithm("issuecases")
    parameters = {"CHANGES": "/data/changes.gpkg", "WORKSPACE": location, "ACTOR": "县局 张三", "OUTPUT": "memory:"}
    command = alg.asPythonCommand(parameters, context)  # what the Processing history keeps
    logged = alg.parameterDefinition("WORKSPACE").valueAsPythonString(location, context)  # "Input parameters:" log
    assert SECRET not in command and SECRET not in logged
    assert shown in command and shown in logged and "/data/changes.gpkg" in command
    migrate = algorithm("migrateworkspace").asPythonCommand({"SOURCE": "/data/w.gpkg", "TARGET": location}, context)
    assert SECRET not in migrate and shown in migrate


def test_a_run_with_a_password_in_its_uri_logs_none(provider, postgis):
    dbname = postgis.new_database()
    location = f"postgresql://postgres:{SECRET}@/{dbname}?host={postgis.root}&port={postgis.port}"
    feedback = RecordingFeedback()
    result = run_algorithm("farmlandgrid:createworkspace", {"WORKSPACE": location}, feedback)
    assert result["CREATED"] is True
    assert feedback.lines and not [line for line in feedback.lines if SECRET in line]
    assert any(f"postgresql://postgres@/{dbname}" in line for line in feedback.lines)


def test_the_dialogs_file_widget_takes_a_postgresql_location(provider, qgis_app):
    from qgis.gui import QgsFileWidget, QgsGui, QgsProcessingGui

    alg = algorithm("issuecases")  # kept: it owns the definition
    definition = alg.parameterDefinition("WORKSPACE")
    wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(definition, QgsProcessingGui.Standard)
    widget = wrapper.createWrappedWidget(QgsProcessingContext())
    assert isinstance(widget, QgsFileWidget)  # with its browse button for GeoPackages
    for location in ("service=county", "/data/workspace.gpkg"):
        wrapper.setWidgetValue(location, QgsProcessingContext())
        assert wrapper.widgetValue() == location
