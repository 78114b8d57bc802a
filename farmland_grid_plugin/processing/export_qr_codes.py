"""farmlandgrid:exportqrcodes — QR codes of parcel or cell codes for warning posts and sign boards (二维码警示桩)."""

import string
from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QVariant

from ..domain.spacecode import SpaceCodeError, validate_space_code
from ..i18n import render
from ..services.qr import safe_file_stem, write_qr_files
from ..services.sinks import build_fields, style_output
from ..services.sources import require_field
from .base import FarmlandGridAlgorithm, fail

INPUT = "INPUT"
CODE_FIELD = "CODE_FIELD"
PAYLOAD = "PAYLOAD"
FORMATS = "FORMATS"
SCALE = "SCALE"
FOLDER = "FOLDER"
OUTPUT = "OUTPUT"
WRITTEN = "WRITTEN"
SKIPPED = "SKIPPED"

SPACE_CODE_FIELD = "space_code"
# FORMATS enum values, in the order of the options offered.
FORMAT_CHOICES = (("png", "svg"), ("png",), ("svg",))
PATH_FIELDS = (
    ("qr_png", QVariant.String, "二维码图片(PNG)"),
    ("qr_svg", QVariant.String, "二维码矢量图(SVG)"),
)
LISTED = 10  # ids or codes named in one warning before the rest are only counted


def plain_value(value):
    """Attribute value as payload text: NULL empty, dates and times ISO 8601 (not Qt's repr)."""
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString(Qt.ISODate)
    return "" if value is None or isinstance(value, QVariant) else value


class _FieldFormatter(string.Formatter):
    """Fills ``{field}`` with a field's value; field names may hold dots, spaces or Chinese characters."""

    def get_field(self, field_name, args, kwargs):
        return kwargs[field_name], field_name


def template_fields(template):
    """Field names a payload template refers to; ValueError when its braces do not pair."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


class ExportQrCodesAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("ExportQrCodesAlgorithm", text)

    def name(self):
        return "exportqrcodes"

    def displayName(self):
        return self.tr("Export QR codes")

    def group(self):
        return self.tr("Parcel codes")

    def groupId(self):
        return "codes"

    def shortHelpString(self):
        return self.tr(
            "Writes a QR code for the code of every parcel or grid cell into a folder, for warning posts (二维码警示桩), "
            "sign boards and print layouts.\n\n"
            "Inputs: a layer with codes (only its selected features if so chosen); the code field (space_code for "
            "parcels, grid_code for grid cells); the payload, the text the QR code holds: a template where a field "
            "name in braces stands for the feature's value, e.g. {space_code} or "
            "https://example.org/parcel/{space_code} (write {{ and }} for literal braces; empty: the code itself); "
            "the formats (PNG, SVG or both); the PNG scale in pixels per QR module (a module is one black or white "
            "square; a 4-module white margin is added on every side); the output folder.\n\n"
            "Files are named after the code, e.g. 130123001001001000017.png and .svg (characters not allowed in file "
            "names become _); a code shared by several features is written once. Features without a code are skipped "
            "and counted; space codes that fail their check are written anyway, with a warning saying which character "
            "is wrong. "
            "Error correction is level Q (25 % of the symbol may be damaged), as printed posts get dirty.\n\n"
            "Outputs: the features again with the fields qr_png and qr_svg, the absolute paths of their files "
            "(empty where none was written), ready for a picture item with a data-defined path in a print layout "
            "atlas; the number of QR codes written and of features skipped."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(INPUT, self.tr("Parcels or grid cells"), [QgsProcessing.TypeVector])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Code field"), SPACE_CODE_FIELD, INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                PAYLOAD, self.tr("QR code content (field names in braces)"), "{space_code}", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                FORMATS, self.tr("Formats"), [self.tr("PNG and SVG"), self.tr("PNG only"), self.tr("SVG only")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                SCALE,
                self.tr("PNG size of a QR module (pixels)"),
                QgsProcessingParameterNumber.Integer,
                10,
                minValue=1,
                maxValue=100,
            )
        )
        self.addParameter(QgsProcessingParameterFolderDestination(FOLDER, self.tr("Folder for the QR code files")))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Features with QR code paths")))
        self.addOutput(QgsProcessingOutputNumber(WRITTEN, self.tr("Number of QR codes written")))
        self.addOutput(QgsProcessingOutputNumber(SKIPPED, self.tr("Number of features without a code")))

    def legacy_process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The input layer could not be opened"))
        code_field = require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        template = self.parameterAsString(parameters, PAYLOAD, context) or f"{{{code_field}}}"
        placeholders = self._check_template(template, source)
        formats = FORMAT_CHOICES[self.parameterAsEnum(parameters, FORMATS, context)]
        scale = self.parameterAsInt(parameters, SCALE, context)
        folder = Path(self.parameterAsFileOutput(parameters, FOLDER, context)).absolute()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(self.tr("Cannot create the folder {0}: {1}").format(folder, exc.strerror or exc))

        fields = QgsFields(source.fields())
        for field in build_fields(PATH_FIELDS):
            if fields.lookupField(field.name()) < 0:  # a layer exported before: its path fields are refilled
                fields.append(field)
        path_index = {kind: fields.lookupField(f"qr_{kind}") for kind in ("png", "svg")}
        sink, dest_id = self.parameterAsSink(parameters, OUTPUT, context, fields, source.wkbType(), source.sourceCrs())

        check_codes = code_field.lower() == SPACE_CODE_FIELD
        formatter = _FieldFormatter()
        written = {}  # code → {kind: path}
        stems = {}  # lower-case file stem → code, so codes differing only in unsafe characters or case get own files
        no_code, invalid = [], 0
        total = max(source.featureCount(), 1)
        for n, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                return {}
            feedback.setProgress(100 * n / total)
            value = plain_value(feature[code_field])
            code = str(value).strip()
            paths = {}
            if not code:
                no_code.append(feature.id())
            elif code in written:
                paths = written[code]
            else:
                if check_codes:
                    try:
                        validate_space_code(code)
                    except SpaceCodeError as exc:
                        invalid += 1
                        if invalid <= LISTED:
                            feedback.pushWarning(render(exc.message))
                stem = base = safe_file_stem(code)
                suffix = 1
                while stems.setdefault(stem.lower(), code) != code:
                    suffix += 1
                    stem = f"{base}-{suffix}"
                values = {name: plain_value(feature[name]) for name in placeholders}
                paths = write_qr_files(self._payload(formatter, template, values, code), folder / stem, formats, scale)
                written[code] = paths
            attributes = feature.attributes() + [None] * (fields.count() - len(feature.attributes()))
            for kind, index in path_index.items():
                attributes[index] = paths.get(kind)
            feature.setFields(fields, False)
            feature.setAttributes(attributes)
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(sink.lastError())

        del sink  # closes the file, so the aliases can be stored beside the data
        style_output(context, dest_id, None, build_fields(PATH_FIELDS), feedback)
        if invalid > LISTED:
            feedback.pushWarning(self.tr("… and {0} more space codes that fail their check").format(invalid - LISTED))
        if no_code:
            listed = ", ".join(str(fid) for fid in no_code[:LISTED]) + (", …" if len(no_code) > LISTED else "")
            feedback.pushWarning(
                self.tr("{0} features have no code in {1} and were skipped (feature ids: {2})").format(
                    len(no_code), code_field, listed
                )
            )
        feedback.pushInfo(self.tr("{0} QR codes written to {1}").format(len(written), folder))
        return {OUTPUT: dest_id, FOLDER: str(folder), WRITTEN: len(written), SKIPPED: len(no_code)}

    def _check_template(self, template, source):
        """The field names the payload template uses; fails naming a placeholder that is no field."""
        try:
            names = template_fields(template)
        except ValueError as exc:
            fail(
                self.tr("The QR code content {0!r} is not a valid template ({1}); write {2} and {3} for literal braces").format(
                    template, exc, "{{", "}}"
                )
            )
        available = source.fields().names()
        for name in names:
            if name not in available:
                fail(
                    self.tr("The QR code content refers to {0}, which is not a field of layer {1!r}; its fields are: {2}").format(
                        f"{{{name}}}", source.sourceName(), ", ".join(available) or "—"
                    )
                )
        return sorted(set(names))

    def _payload(self, formatter, template, values, code):
        try:
            return formatter.vformat(template, (), values)
        except (KeyError, ValueError, TypeError) as exc:  # e.g. a format spec that does not suit the value
            fail(self.tr("The QR code content {0!r} cannot be filled in for code {1}: {2}").format(template, code, exc))
