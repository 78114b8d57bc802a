"""The QGIS project of a field package, as QField opens it offline: layers of the package GeoPackage by relative
path, project CRS the package's Gauss-Krüger zone, Chinese layer and field names, forms whose defaults fill what
a phone knows (time, position, accuracy, direction, patroller), a value relation to the person's cases, photos as a
composition child table with an attachment widget (``DCIM/``), and styles and labels sized for a phone.

QGIS builds the project once per run (``ProjectTemplate``); every package gets a copy with its own title and view,
since all packages name the same files relative to their own folder.
"""

import json
import re
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRelation,
    QgsRelationContext,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

from ..domain import field_package as rules
from .field_package_gpkg import LAYERS

PATRONYM_VARIABLE = "farmlandgrid_patroller"
CELLS_VARIABLE = "farmlandgrid_cells"
PACKAGE_VARIABLE = "farmlandgrid_package"
RELATION_ID = "evidence_photos"
# Drawn bottom to top.
ORDER = (rules.PBF, rules.PARCELS, rules.NEIGHBOURS, rules.CELLS, rules.CASES, rules.TRACKS, rules.EVIDENCE, rules.PHOTOS)
EDITABLE = {
    rules.CASES: ("verdict", "verdict_reason", "field_note", "done"),
    rules.EVIDENCE: ("case_id", "space_code", "note"),
    rules.PHOTOS: ("path",),
    rules.TRACKS: (),
}
HIDDEN = {
    rules.EVIDENCE: ("uuid",),
    rules.PHOTOS: ("uuid", "evidence_uuid"),
    rules.TRACKS: ("uuid",),
    rules.CASES: ("status",),
    rules.CELLS: ("status",),
}
UUID = "uuid('WithoutBraces')"
# QField's position variables (NULL on a desktop): where the phone is, how well it knows, which way it points.
DEFAULTS = {
    rules.EVIDENCE: {
        "uuid": UUID,
        "taken_at": "now()",
        "lon": "coalesce(x(@position_coordinate), x(transform($geometry, @project_crs, 'EPSG:4326')))",
        "lat": "coalesce(y(@position_coordinate), y(transform($geometry, @project_crs, 'EPSG:4326')))",
        "accuracy_m": "@position_horizontal_accuracy",
        "direction_deg": "coalesce(@position_orientation, @position_direction)",
        "patroller": f"@{PATRONYM_VARIABLE}",
    },
    rules.PHOTOS: {"uuid": UUID, "taken_at": "now()"},
    rules.TRACKS: {
        "uuid": UUID,
        "start_time": "now()",
        "patroller": f"@{PATRONYM_VARIABLE}",
        # {cells}: the id of the cells layer, known once it is made
        "grid_code": "coalesce(array_first(overlay_intersects('{cells}', \"grid_code\")), @" + CELLS_VARIABLE + ")",
    },
}
# QField (QFieldSync) names a new attachment by this expression, relative to the project folder.
PHOTO_NAME = f"'{rules.PHOTO_FOLDER}/' || \"evidence_uuid\" || '_' || format_date(now(), 'yyyyMMddhhmmsszzz') || '.{{extension}}'"
VERDICTS = [{"合法": "legal"}, {"违法": "illegal"}, {"其他": "other"}]
CONSTRAINTS = {
    (rules.CASES, "done"): ('NOT coalesce("done", false) OR "verdict" IS NOT NULL', "上报前请选择核查结论"),
    (rules.CASES, "verdict_reason"): (
        "coalesce(\"verdict\", '') <> 'other' OR length(\"verdict_reason\") > 0",
        "结论为其他时请说明",
    ),
}
REQUIRED = {(rules.EVIDENCE, "case_id"): "请选择案件", (rules.PHOTOS, "path"): "请拍摄照片"}
LABELS = {
    rules.CELLS: ("\"unit_name\" || '\\n' || coalesce(\"status_label\", '')", "#8a3b00", 13, None),
    rules.PARCELS: ('"space_code"', "#333333", 9, 5000),
    rules.NEIGHBOURS: ("\"unit_name\" || ' ' || coalesce(\"person\", '')", "#666666", 10, None),
    rules.CASES: ('"case_id" || \'\\n\' || "status_label"', "#c00000", 12, None),
}


def _symbol(name):
    if name == rules.CELLS:
        return QgsFillSymbol.createSimple({"style": "no", "outline_color": "#e66100", "outline_width": "1.2"})
    if name == rules.PARCELS:
        return QgsFillSymbol.createSimple({"color": "255,240,170,120", "outline_color": "#b08a00", "outline_width": "0.3"})
    if name == rules.PBF:
        return QgsFillSymbol.createSimple({"color": "80,170,80,70", "outline_color": "#2e7d32", "outline_width": "0.4"})
    if name == rules.NEIGHBOURS:
        return QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#888888", "outline_width": "0.6", "outline_style": "dash"}
        )
    if name == rules.CASES:
        return QgsFillSymbol.createSimple({"color": "220,0,0,60", "outline_color": "#d00000", "outline_width": "1.0"})
    if name == rules.TRACKS:
        return QgsLineSymbol.createSimple({"line_color": "#1565c0", "line_width": "1.0"})
    return QgsMarkerSymbol.createSimple({"name": "circle", "color": "#ff1744", "size": "4", "outline_color": "white"})


def _label(expression, color, size, max_scale):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setFont(QFont("Noto Sans CJK SC"))
    text.setSize(size)
    text.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    if max_scale:
        settings.scaleVisibility = True
        settings.maximumScale = 0
        settings.minimumScale = max_scale
    return QgsVectorLayerSimpleLabeling(settings)


def _configure(layer: QgsVectorLayer, name: str, ids: dict) -> None:
    _, title, fields = LAYERS[name]
    form = layer.editFormConfig()
    editable = EDITABLE.get(name)
    for field_name, _kind, alias in fields:
        index = layer.fields().indexOf(field_name)
        layer.setFieldAlias(index, alias)
        form.setReadOnly(index, editable is None or field_name not in editable)
        if field_name in HIDDEN.get(name, ()):
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("Hidden", {}))
        expression = DEFAULTS.get(name, {}).get(field_name)
        if expression:
            layer.setDefaultValueDefinition(index, QgsDefaultValue(expression.replace("{cells}", ids[rules.CELLS]), False))
        if (name, field_name) in CONSTRAINTS:
            rule, description = CONSTRAINTS[(name, field_name)]
            layer.setConstraintExpression(index, rule, description)
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, QgsFieldConstraints.ConstraintStrengthHard)
        if (name, field_name) in REQUIRED:
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintNotNull, QgsFieldConstraints.ConstraintStrengthHard)
    layer.setEditFormConfig(form)
    if name == rules.CASES:
        layer.setEditorWidgetSetup(layer.fields().indexOf("verdict"), QgsEditorWidgetSetup("ValueMap", {"map": VERDICTS}))
        layer.setEditorWidgetSetup(layer.fields().indexOf("done"), QgsEditorWidgetSetup("CheckBox", {}))
    for field_name in ("note", "field_note", "returned_note", "verdict_reason"):
        if layer.fields().indexOf(field_name) >= 0:
            layer.setEditorWidgetSetup(
                layer.fields().indexOf(field_name), QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True})
            )
    if name == rules.PHOTOS:
        attachment = {"DocumentViewer": 1, "RelativeStorage": 1, "StorageMode": 0, "FileWidget": True, "FileWidgetButton": True}
        layer.setEditorWidgetSetup(layer.fields().indexOf("path"), QgsEditorWidgetSetup("ExternalResource", attachment))
        layer.setCustomProperty("QFieldSync/attachment_naming", json.dumps({"path": PHOTO_NAME}))
        layer.setCustomProperty("QFieldSync/photo_naming", json.dumps({"path": PHOTO_NAME}))
    if layer.isSpatial():
        layer.renderer().setSymbol(_symbol(name))
    if name in LABELS:
        layer.setLabeling(_label(*LABELS[name]))
        layer.setLabelsEnabled(True)
    layer.setReadOnly(name not in EDITABLE)


def _evidence_form(evidence: QgsVectorLayer, relation: QgsRelation) -> None:
    """Drag-and-drop form: the fields a patroller fills first, then the photos (relation editor)."""
    form = evidence.editFormConfig()
    form.setLayout(QgsEditFormConfig.TabLayout)
    form.clearTabs()
    root = QgsAttributeEditorContainer("举证", form.invisibleRootContainer())
    root.setIsGroupBox(False)
    for field_name, _kind, _alias in LAYERS[rules.EVIDENCE][2]:
        root.addChildElement(QgsAttributeEditorField(field_name, evidence.fields().indexOf(field_name), root))
    photos = QgsAttributeEditorRelation(relation, root)
    photos.setLabel("举证照片")
    photos.setRelationWidgetTypeId("relation_editor")  # unset, QGIS 3.22 falls back to a basic widget with a warning
    root.addChildElement(photos)
    form.addTab(root)
    evidence.setEditFormConfig(form)


class ProjectTemplate:
    """Builds the package project once (in the first package's folder) and writes copies into the others."""

    def __init__(self, crs):
        self.crs = crs
        self._text: Optional[str] = None

    def write(self, folder: Path, title: str, person: str, cells, extent, basemap: Optional[str]) -> Path:
        """The project file of the package in ``folder`` (its GeoPackage written there already)."""
        target = folder / rules.PROJECT
        if self._text is None or basemap:
            text = self._build(folder, basemap)
            if not basemap:
                self._text = text
        else:
            text = self._text
        target.write_text(_personal(text, title, person, cells, extent), encoding="utf-8")
        return target

    def _build(self, folder: Path, basemap: Optional[str]) -> str:
        project = QgsProject()
        project.setCrs(self.crs)
        project.writeEntry("Paths", "/Absolute", False)
        layers = {}
        if basemap:
            raster = QgsRasterLayer(str(folder / basemap), "影像底图", "gdal")
            project.addMapLayer(raster)
        for name in ORDER:
            layer = QgsVectorLayer(f"{folder / rules.DATA}|layername={name}", LAYERS[name][1], "ogr")
            if not layer.isValid():
                raise RuntimeError(f"{folder / rules.DATA}: layer {name} cannot be opened")
            layers[name] = layer
        ids = {name: layer.id() for name, layer in layers.items()}
        for name, layer in layers.items():
            _configure(layer, name, ids)
        cases = layers[rules.CASES]
        setup = {
            "Layer": cases.id(),
            "LayerName": cases.name(),
            "LayerSource": f"./{rules.DATA}|layername={rules.CASES}",  # QGIS keeps it as given: never the export folder
            "LayerProviderName": "ogr",
            "Key": "case_id",
            "Value": "case_id",
            "AllowNull": False,
            "OrderByValue": True,
            "AllowMulti": False,
            "UseCompleter": False,
        }
        evidence = layers[rules.EVIDENCE]
        evidence.setEditorWidgetSetup(evidence.fields().indexOf("case_id"), QgsEditorWidgetSetup("ValueRelation", setup))
        for name in ORDER:
            project.addMapLayer(layers[name])
        relation = QgsRelation(QgsRelationContext(project))  # resolves the layers in this project, not the global one
        relation.setId(RELATION_ID)
        relation.setName("举证照片")
        relation.setReferencedLayer(evidence.id())
        relation.setReferencingLayer(layers[rules.PHOTOS].id())
        relation.addFieldPair("evidence_uuid", "uuid")
        relation.setStrength(QgsRelation.Composition)
        if not relation.isValid():
            raise RuntimeError("the photo relation of the package project is not valid")
        project.relationManager().addRelation(relation)
        _evidence_form(evidence, relation)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(QgsRectangle(0, 0, 1, 1), self.crs))
        path = folder / rules.PROJECT
        path.unlink(missing_ok=True)  # else QGIS keeps the old one beside it as project.qgs~, a file of the package
        if not project.write(str(path)):
            raise RuntimeError(f"{path}: {project.error()}")
        text = path.read_text(encoding="utf-8")
        project.clear()

        # QGIS 3.22 resolves a form's relations in QgsProject.instance() on setEditFormConfig, so the photos' relation
        # editor of this (separate) project is saved without its relation: name it, or the phone shows no photo list.
        def named(match):  # attributes come in any order
            return match.group(0).replace(' relation=""', f' relation="{RELATION_ID}"')

        text = re.sub(f'<attributeEditorRelation [^>]*name="{RELATION_ID}"[^>]*>', named, text)
        return text.replace("<projectlayers>", f"{_map_canvas(self.crs)}<projectlayers>", 1)


def _map_canvas(crs) -> str:
    """The main canvas as QGIS desktop saves it: QField (and QGIS) open the project at this extent and CRS. A project
    written without a canvas has none, and QField would open at the full extent of all layers."""
    settings = QgsMapSettings()
    settings.setDestinationCrs(crs)
    settings.setExtent(QgsRectangle(0, 0, 1, 1))
    document = QDomDocument()
    canvas = document.createElement("mapcanvas")
    canvas.setAttribute("name", "theMapCanvas")
    canvas.setAttribute("annotationsVisible", "1")
    settings.writeXml(canvas, document)
    document.appendChild(canvas)
    return document.toString(-1)


def view_extent(extent) -> tuple:
    """Where the package opens: its cells' extent with a margin of 5 % (at least 20 m)."""
    xmin, ymin, xmax, ymax = extent
    pad = max(xmax - xmin, ymax - ymin) * 0.05 + 20.0
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


def _personal(text: str, title: str, person: str, cells, extent) -> str:
    """The template project made the package's own: title, patroller and cells variables, default view and the
    canvas extent (both at the package's cells)."""
    xmin, ymin, xmax, ymax = (float(v) for v in view_extent(extent))
    text = re.sub(r"<title>.*?</title>", f"<title>{escape(title)}</title>", text, count=1, flags=re.S)
    view = f'<DefaultViewExtent xmin="{xmin!r}" ymin="{ymin!r}" xmax="{xmax!r}" ymax="{ymax!r}">'
    text = re.sub(r"<DefaultViewExtent [^>]*>", view, text, count=1)
    corners = f"<xmin>{xmin!r}</xmin><ymin>{ymin!r}</ymin><xmax>{xmax!r}</xmax><ymax>{ymax!r}</ymax>"
    text = re.sub(
        r'(<mapcanvas [^>]*name="theMapCanvas"[^>]*>.*?<extent>).*?(</extent>)',
        rf"\g<1>{corners}\g<2>",
        text,
        count=1,
        flags=re.S,
    )
    names = (PATRONYM_VARIABLE, CELLS_VARIABLE, PACKAGE_VARIABLE)
    values = (person, ",".join(cells), title)
    return _with_variables(text, dict(zip(names, values)))


def _with_variables(text: str, variables: dict) -> str:
    names = "".join(f"<value>{escape(k)}</value>" for k in variables)
    values = "".join(f"<value>{escape(v)}</value>" for v in variables.values())
    block = (
        f'<Variables><variableNames type="QStringList">{names}</variableNames>'
        f'<variableValues type="QStringList">{values}</variableValues></Variables>'
    )
    return text.replace("<properties>", f"<properties>{block}", 1)
