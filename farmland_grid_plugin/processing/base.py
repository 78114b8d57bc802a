"""The base every farmlandgrid algorithm stands on: names, groups, translation, the shape of a run,
package checks, the parameter pairs several algorithms share, and writing an output.

A subclass declares ``ALGORITHM_ID`` and ``GROUP``, adds its parameters in ``initAlgorithm``, reads
them once in ``read`` into a frozen dataclass of its own and does its work in ``execute``. A
``DomainError`` raised anywhere below (domain rules, services, stores) is turned into a
``QgsProcessingException`` in the user's language here, in one place.
"""

import importlib.util
import os
from pathlib import Path
from typing import Optional, Sequence

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..dependencies import OPTIONAL_PACKAGES
from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, METHOD_PLANAR, method_label
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, parse_class_list
from ..domain.messages import Canceled, DomainError, Message
from ..i18n import render
from ..paths import ICON
from ..services import encoding
from ..services.crs import GeometryArea
from ..services.sinks import build_fields, style_output, write_features
from ..services.sources import direct_ogr_layer, require_field

CONTEXT = "FarmlandGridAlgorithm"

GROUPS = {
    "grid": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Supervision grid"),
    "codes": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Parcel codes"),
    "quota": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Quotas"),
    "patrols": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Patrols"),
    "evidence": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Evidence and cases"),
    "maps": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Map production"),
    "dashboard": QT_TRANSLATE_NOOP("FarmlandGridAlgorithm", "Dashboard"),
}
# The toolbox lists groups by name: numbered in the order of the work (grid → codes → quotas → patrols → cases → maps).
GROUP_ORDER = ("grid", "codes", "quota", "patrols", "evidence", "maps", "dashboard")

# README sections the help buttons open (GitHub anchors of the tour's headings), by algorithm, else by group.
README_SECTIONS = {
    "exportqrcodes": "qr-codes-and-code-look-up-二维码与编码查询",
    "grid": "delineating-the-grid-划分监管网格",
    "codes": "one-parcel-one-code-地块赋码",
    "quota": "quotas-指标核算与目标分解",
    "patrols": "patrols-巡田覆盖与巡查台账",
    "evidence": "cases-and-evidence-下发举证上报审核执行结案",
    "maps": "responsibility-atlas-and-sign-boards-网格责任图标识牌",
    "dashboard": "dashboard-驾驶舱",
}

CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
GEOMETRY_AREA = "GEOMETRY_AREA"
INPUT_ENCODING = "INPUT_ENCODING"
GEOMETRY_METHODS = (METHOD_ELLIPSOIDAL, METHOD_PLANAR)
FIELD_HELP = QT_TRANSLATE_NOOP(
    "FarmlandGridAlgorithm", "Default: {0}. Blank when the chosen layer has no field of that name: pick the field that holds it."
)


def _homepage() -> str:
    for line in (Path(__file__).resolve().parents[1] / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("homepage="):
            return line.partition("=")[2].strip()
    return ""


HOMEPAGE = _homepage()


def _translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def plugin_icon() -> QIcon:
    return QIcon(str(ICON))


def fail(message) -> None:
    """Stop the run with ``message`` (text, a domain Message or a DomainError) in the user's language."""
    if isinstance(message, DomainError):
        message = message.message
    raise QgsProcessingException(render(message) if isinstance(message, Message) else str(message))


class AreaChoice:
    """How areas are measured: the official field (m²) when named, else the geometry by ``measure``."""

    def __init__(self, field: Optional[str], measure: GeometryArea):
        self.field = field or None
        self.measure = measure
        self.label = method_label(METHOD_FIELD, field) if field else measure.label


class FarmlandGridAlgorithm(QgsProcessingAlgorithm):
    """Scaffolding of every farmlandgrid algorithm; a subclass holds only what is its own."""

    ALGORITHM_ID = ""
    GROUP = ""
    #: optional Python packages the algorithm cannot run without (keys of dependencies.OPTIONAL_PACKAGES)
    REQUIRES: Sequence[str] = ()
    #: file destination parameters that take a table (.xlsx needs openpyxl, checked before the run)
    TABLE_OUTPUTS: Sequence[str] = ()
    #: folder destination parameters that must be writable before the run starts
    FOLDER_OUTPUTS: Sequence[str] = ()
    #: parameters rarely changed: shown under "Advanced parameters" in the dialog
    ADVANCED: Sequence[str] = ()

    # pylupdate extracts the strings of a subclass's body under the subclass's name, those of this base (the
    # parameters and messages it adds) under CONTEXT: a subclass finds both.
    def tr(self, text: str) -> str:
        translated = QCoreApplication.translate(type(self).__name__, text)
        return translated if translated != text else QCoreApplication.translate(CONTEXT, text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ALGORITHM_ID

    def group(self) -> str:
        order = GROUP_ORDER.index(self.GROUP) + 1 if self.GROUP in GROUP_ORDER else len(GROUP_ORDER) + 1
        return f"{order}. {_translate(GROUPS[self.GROUP])}"

    def groupId(self) -> str:
        return self.GROUP

    def icon(self) -> QIcon:
        return plugin_icon()

    def helpUrl(self) -> str:
        section = README_SECTIONS.get(self.ALGORITHM_ID) or README_SECTIONS.get(self.GROUP)
        return f"{HOMEPAGE}#{section}" if HOMEPAGE and section else HOMEPAGE

    def addParameter(self, definition, createOutput=True):
        if definition.isDestination() and self._reads_vector_inputs() and self.parameterDefinition(INPUT_ENCODING) is None:
            self._add_encoding_parameter()  # after the inputs, before the first output
        if definition.name() in self.ADVANCED:
            definition.setFlags(definition.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        if isinstance(definition, QgsProcessingParameterField) and definition.defaultValue():
            definition = _FieldWithDefault.of(definition)
        if isinstance(definition, QgsProcessingParameterField) and definition.defaultValue() and not definition.help():
            # The picker stays blank when the chosen layer has no field of the default name: the tooltip says why.
            definition.setHelp(_translate(FIELD_HELP).format(definition.defaultValue()))
        return super().addParameter(definition, createOutput)

    # --- the shape of a run -------------------------------------------------------------------------

    def read(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback):
        """The parameters as the algorithm's own frozen dataclass, validated."""
        raise NotImplementedError

    def execute(self, params, context: QgsProcessingContext, feedback: QgsProcessingFeedback, outputs: "Outputs") -> dict:
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):
        self._require_packages()
        self._feedback = feedback  # parameterAsSource says which encoding it read a file in
        try:
            params = self.read(parameters, context, feedback)
            return self.execute(params, context, feedback, Outputs(self, parameters, context, feedback))
        except Canceled:
            return {}
        except DomainError as exc:
            fail(exc)

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self._require_packages()
        except QgsProcessingException as exc:
            return False, str(exc)
        for name in self.TABLE_OUTPUTS:
            path = self.parameterAsFileOutput(parameters, name, context) if parameters.get(name) else ""
            if path.lower().endswith(".xlsx") and importlib.util.find_spec("openpyxl") is None:
                return False, self.tr(
                    "Writing XLSX needs the Python package openpyxl (pip install openpyxl); or choose a .csv file"
                )
        for name in self.FOLDER_OUTPUTS:
            folder = self.parameterAsString(parameters, name, context) if parameters.get(name) else ""
            problem = folder and _unwritable_folder(Path(folder))
            if problem:
                return False, problem
        return True, ""

    def _require_packages(self) -> None:
        for module in self.REQUIRES:
            if importlib.util.find_spec(module) is None:
                fail(self.tr("This tool needs the Python package {0}: {1}").format(module, OPTIONAL_PACKAGES[module]))

    def parameterAsSource(self, parameters, name, context):
        """The source, its text read in its real encoding (UTF-8, else GB18030; see services.encoding)."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        value = parameters.get(name)
        if layer is None or not isinstance(value, (str, QgsProcessingFeatureSourceDefinition)):
            return super().parameterAsSource(parameters, name, context)
        forced = ""
        if self.parameterDefinition(INPUT_ENCODING) is not None:
            forced = encoding.CHOICES[self.parameterAsEnum(parameters, INPUT_ENCODING, context)]
        copy, guess = encoding.reencoded_layer(layer, forced)
        if guess is not None and getattr(self, "_feedback", None) is not None:
            self._feedback.pushWarning(
                self.tr("{0} is not UTF-8: its text was read as {1} (GBK); set the input encoding to change it").format(
                    guess.path, guess.encoding
                )
            )
        if copy is layer:
            return super().parameterAsSource(parameters, name, context)
        context.temporaryLayerStore().addMapLayer(copy)
        copy.selectByIds(layer.selectedFeatureIds())
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            value = QgsProcessingFeatureSourceDefinition(
                copy.id(), value.selectedFeaturesOnly, value.featureLimit, value.flags, value.geometryCheck
            )
        else:
            value = copy.id()
        return super().parameterAsSource({**parameters, name: value}, name, context)

    # --- parameters several algorithms share ---------------------------------------------------------

    def add_farmland_class_parameters(self, parent: str, required: bool = True) -> None:
        """The land-class field of ``parent`` (required unless the algorithm can do without) and the classes counted
        as farmland."""
        self.addParameter(
            QgsProcessingParameterField(CLASS_FIELD, self.tr("Land class field"), "DLBM", parent, optional=not required)
        )
        classes = QgsProcessingParameterString(
            FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
        )
        classes.setHelp(self.tr("GB/T 21010 codes counted as farmland; K and A suffixes are ignored."))
        self.addParameter(classes)

    def add_area_parameters(self, parent: str, geometry_method: bool = True) -> None:
        """The official area field of ``parent`` (m²) and, where the geometry is measured, how."""
        self.addParameter(
            QgsProcessingParameterField(
                AREA_FIELD,
                self.tr("Area field in m² (empty: measure geometry)"),
                "TBDLMJ",
                parent,
                QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        if geometry_method:
            method = QgsProcessingParameterEnum(
                GEOMETRY_AREA,
                self.tr("Geometry area method"),
                [self.tr("Ellipsoidal (layer CRS ellipsoid)"), self.tr("Planar (layer CRS units)")],
                defaultValue=0,
            )
            method.setFlags(method.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            method.setHelp(self.tr("Used only when the area field is empty."))
            self.addParameter(method)

    def _reads_vector_inputs(self) -> bool:
        inputs = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer, QgsProcessingParameterMultipleLayers)
        return any(isinstance(d, inputs) for d in self.parameterDefinitions())

    def _add_encoding_parameter(self) -> None:
        """How the text of CSV and Shapefile inputs is decoded: found out by default, or forced (every algorithm
        that reads vector inputs offers it, under Advanced)."""
        choice = QgsProcessingParameterEnum(
            INPUT_ENCODING,
            self.tr("Text encoding of CSV and Shapefile inputs"),
            [self.tr("Automatic (UTF-8, else GB18030)"), "UTF-8", "GB18030 (GBK)"],
            defaultValue=0,
        )
        choice.setFlags(choice.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        choice.setHelp(self.tr("Files without a declared encoding are read as UTF-8 when they decode so, else as GB18030."))
        self.addParameter(choice)

    def read_farmland_classes(self, parameters, context, source: QgsFeatureSource):
        """(class field, farmland classes) of ``source``; refused when no class is named."""
        class_field = require_field(source, self.parameterAsString(parameters, CLASS_FIELD, context), CLASS_FIELD)
        classes = parse_class_list(self.parameterAsString(parameters, FARMLAND_CLASSES, context))
        if not classes:
            fail(self.tr("Name at least one farmland land class, such as 0101,0102,0103"))
        return class_field, classes

    def read_area_choice(self, parameters, context, source: QgsFeatureSource, crs: QgsCoordinateReferenceSystem) -> AreaChoice:
        """The area field (checked) or the geometry measure on ``crs``.

        With the official field, a layer without a CRS still runs: geometry is then measured only for
        QA figures, in the layer's own units, and the log says so.
        """
        field = self.parameterAsString(parameters, AREA_FIELD, context)
        if field:
            require_field(source, field, AREA_FIELD)
        method = METHOD_ELLIPSOIDAL
        if self.parameterDefinition(GEOMETRY_AREA) is not None:
            method = GEOMETRY_METHODS[self.parameterAsEnum(parameters, GEOMETRY_AREA, context)]
        if field and not crs.isValid() and getattr(self, "_feedback", None) is not None:
            message = self.tr("The layer has no CRS: areas come from {0}; gap and overlap areas are in the layer's units")
            self._feedback.pushWarning(message.format(field))
        return AreaChoice(field, GeometryArea(method, crs, qa_only=bool(field)))

    def direct_layer(self, parameters, name, context, suffixes=None) -> Optional[QgsVectorLayer]:
        """The input's layer when reading its file with GDAL gives exactly the features of the source:
        not with selected features only or a feature limit (see ``direct_ogr_layer`` for the rest)."""
        value = parameters.get(name)
        if isinstance(value, QgsProcessingFeatureSourceDefinition) and (value.selectedFeaturesOnly or value.featureLimit != -1):
            return None
        return direct_ogr_layer(self.parameterAsVectorLayer(parameters, name, context), suffixes)


class _FieldWithDefault(QgsProcessingParameterField):
    """A required field parameter that may be left out, its default then used (CODE_FIELD = ZLDWDM, say).

    QGIS 3.22's field parameter refuses a missing value although it has a default, so qgis_process and
    scripts had to name every field, and keeping the default meant marking the input optional in the dialog.
    """

    @classmethod
    def of(cls, field: QgsProcessingParameterField) -> "_FieldWithDefault":
        if isinstance(field, cls):
            return field
        copy = cls(
            field.name(),
            field.description(),
            field.defaultValue(),
            field.parentLayerParameterName(),
            field.dataType(),
            field.allowMultiple(),
            bool(field.flags() & QgsProcessingParameterDefinition.FlagOptional),
            field.defaultToAllFields(),
        )
        copy.setFlags(field.flags())
        copy.setHelp(field.help())
        copy.setMetadata(field.metadata())
        return copy

    def clone(self):
        return _FieldWithDefault.of(QgsProcessingParameterField(self))

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS's name
        if value is None or value == "":
            return True  # the default is read (parameterAsString falls back to it)
        return super().checkValueIsAcceptable(value, context)


def _unwritable_folder(folder: Path) -> str:
    """Why files cannot be written into ``folder`` (created if missing), or an empty string."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if folder.exists() and not folder.is_dir():
        return QCoreApplication.translate("FarmlandGridAlgorithm", "{0} is a file, not a folder").format(folder)
    if existing is None or not os.access(existing, os.W_OK | os.X_OK):
        return QCoreApplication.translate("FarmlandGridAlgorithm", "The folder {0} cannot be written to").format(folder)
    return ""


def stop_point(name: str) -> None:
    """Where a test may kill a run (FARMLANDGRID_STOP_AT=name): proves what an interrupted run leaves behind."""
    if os.environ.get("FARMLANDGRID_STOP_AT") == name:
        os._exit(70)


class Outputs:
    """Writes one algorithm run's sinks: fields with Chinese aliases, the features, then the shipped style."""

    def __init__(self, algorithm: QgsProcessingAlgorithm, parameters: dict, context, feedback):
        self._algorithm = algorithm
        self._parameters = parameters
        self._context = context
        self._feedback = feedback

    def wanted(self, name: str) -> bool:
        """Whether the user asked for the optional output ``name``."""
        return self._parameters.get(name) is not None

    def sink(self, name: str, fields, wkb_type, crs: QgsCoordinateReferenceSystem):
        """``(sink, dest_id)`` for an output whose features the algorithm writes itself; call ``style`` after."""
        return self._algorithm.parameterAsSink(self._parameters, name, self._context, fields, wkb_type, crs)

    def style(self, dest_id: str, qml_name: Optional[str], fields) -> None:
        style_output(self._context, dest_id, qml_name, fields, self._feedback)

    def write(
        self,
        name: str,
        spec,
        rows,
        geoms=None,
        wkb_type=QgsWkbTypes.NoGeometry,
        crs: Optional[QgsCoordinateReferenceSystem] = None,
        style: Optional[str] = None,
        span=(90, 100),
    ) -> Optional[str]:
        """Write ``rows`` (with shapely ``geoms``) to sink ``name`` from field ``spec``; its destination id,
        or None when the sink is optional and not asked for."""
        fields = build_fields(spec)
        sink, dest_id = self._algorithm.parameterAsSink(
            self._parameters, name, self._context, fields, wkb_type, crs or QgsCoordinateReferenceSystem()
        )
        if sink is None:
            return None
        rows = list(rows)
        geoms = [None] * len(rows) if geoms is None else geoms
        write_features(sink, rows, geoms, self._feedback, span=span, multi=QgsWkbTypes.isMultiType(wkb_type))
        del sink  # closes the file, so the style can be stored beside the data
        style_output(self._context, dest_id, style, fields, self._feedback)
        return dest_id
