"""farmlandgrid:exportqrcodes — QR codes of parcel or cell codes for warning posts and sign boards (二维码警示桩)."""

import string
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsFeatureSource,
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
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QVariant

from ..domain.spacecode import SpaceCodeError, validate_space_code
from ..i18n import render
from ..services.files import stem_fits
from ..services.qr import safe_file_stem, write_qr_files
from ..services.sinks import build_fields
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


@dataclass(frozen=True)
class QrParams:
    source: QgsFeatureSource
    code_field: str
    template: str
    placeholders: tuple  # field names the template fills in
    formats: tuple
    scale: int
    folder: Path


class ExportQrCodesAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "exportqrcodes"
    GROUP = "codes"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (PAYLOAD, SCALE)
    REQUIRES = ("segno",)
    FOLDER_OUTPUTS = (FOLDER,)

    def displayName(self):
        return self.tr("Export QR codes")

    def shortHelpString(self):
        return self.tr(
            "Writes a QR code for the code of every parcel or grid cell, for warning posts (二维码警示桩), sign boards and print "
            "layouts.\n\n"
            "Give: a layer with codes (INPUT) and its code field (CODE_FIELD: space_code for parcels, grid_code for grid "
            "cells); the output folder (FOLDER). Advanced: the text the QR code holds (PAYLOAD, e.g. "
            "https://example.org/parcel/{space_code}), the formats (FORMATS, PNG and/or SVG) and the PNG size (SCALE).\n\n"
            "Out come: one file per code, named after it; the features again with the paths of their files (qr_png, qr_svg) "
            "(OUTPUT), ready for a picture item in a print layout; the numbers written and skipped.\n\n"
            "Example: the coded parcels of a village: 130123001001001000017.png and .svg for each parcel."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(INPUT, self.tr("Parcels or grid cells"), [QgsProcessing.TypeVector])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Code field"), SPACE_CODE_FIELD, INPUT))
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

    def read(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The input layer could not be opened"))
        code_field = require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        template = self.parameterAsString(parameters, PAYLOAD, context) or f"{{{code_field}}}"
        return QrParams(
            source=source,
            code_field=code_field,
            template=template,
            placeholders=tuple(self._check_template(template, source)),
            formats=FORMAT_CHOICES[self.parameterAsEnum(parameters, FORMATS, context)],
            scale=self.parameterAsInt(parameters, SCALE, context),
            folder=Path(self.parameterAsFileOutput(parameters, FOLDER, context)).absolute(),
        )

    def execute(self, params, context, feedback, outputs):
        source, code_field, folder = params.source, params.code_field, params.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(self.tr("Cannot create the folder {0}: {1}").format(folder, exc.strerror or exc))

        fields = QgsFields(source.fields())
        for field in build_fields(PATH_FIELDS):
            if fields.lookupField(field.name()) < 0:  # a layer exported before: its path fields are refilled
                fields.append(field)
        path_index = {kind: fields.lookupField(f"qr_{kind}") for kind in ("png", "svg")}
        sink, dest_id = outputs.sink(OUTPUT, fields, source.wkbType(), source.sourceCrs())

        check_codes = code_field.lower() == SPACE_CODE_FIELD
        formatter = _FieldFormatter()
        written = {}  # code → {kind: path}
        stems = {}  # lower-case file stem → code, so codes differing only in unsafe characters or case get own files
        no_code, too_long, invalid = [], [], 0
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
                if not stem_fits(stem):  # no file system takes the name: skip this one, not the export
                    too_long.append(code)
                    stem = None
                suffix = 1
                while stem is not None and stems.setdefault(stem.lower(), code) != code:
                    suffix += 1
                    stem = f"{base}-{suffix}"
                if stem is not None:
                    values = {name: plain_value(feature[name]) for name in params.placeholders}
                    payload = self._payload(formatter, params.template, values, code)
                    paths = write_qr_files(payload, folder / stem, params.formats, params.scale)
                written[code] = paths
            attributes = feature.attributes() + [None] * (fields.count() - len(feature.attributes()))
            for kind, index in path_index.items():
                attributes[index] = paths.get(kind)
            feature.setFields(fields, False)
            feature.setAttributes(attributes)
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(sink.lastError())

        del sink  # closes the file, so the aliases can be stored beside the data
        outputs.style(dest_id, None, build_fields(PATH_FIELDS))
        if too_long:
            listed = ", ".join(c[:40] + "…" for c in too_long[:LISTED]) + (", …" if len(too_long) > LISTED else "")
            feedback.reportError(
                self.tr("{0} codes are too long for a file name and got no QR code: {1}").format(len(too_long), listed)
            )
        if invalid > LISTED:
            feedback.pushWarning(self.tr("… and {0} more space codes that fail their check").format(invalid - LISTED))
        if no_code:
            listed = ", ".join(str(fid) for fid in no_code[:LISTED]) + (", …" if len(no_code) > LISTED else "")
            feedback.pushWarning(
                self.tr("{0} features have no code in {1} and were skipped (feature ids: {2})").format(
                    len(no_code), code_field, listed
                )
            )
        count = sum(1 for paths in written.values() if paths)
        feedback.pushInfo(self.tr("{0} QR codes written to {1}").format(count, folder))
        return {OUTPUT: dest_id, FOLDER: str(folder), WRITTEN: count, SKIPPED: len(no_code) + len(too_long)}

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
