"""farmlandgrid:delineategrid on a generated county: totals, counts, area methods, injected defects, sinks."""

import csv
from collections import defaultdict

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsRectangle,
    QgsVectorLayer,
)

from .helpers import MU, RecordingFeedback, editable_copy, ellipsoidal_m2, open_layer, pick, run_algorithm

FARMLAND = ("0101", "0102", "0103")


def parcels_of(county):
    return open_layer(county.uri(county.parcels_layer), "dltb")


def features(layer):
    return list(layer.getFeatures())


def cells_by_code(layer):
    return {f["grid_code"]: f for f in layer.getFeatures()}


def issues_by_type(layer):
    found = defaultdict(list)
    for f in layer.getFeatures():
        found[f["issue_type"]].append(f)
    return found


def expected_farmland_mu(parcels):
    """Farmland per bottom-cell prefix, from the attribute table alone (the official TBDLMJ)."""
    totals = defaultdict(float)
    for f in parcels.getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            code = f["ZLDWDM"]
            for n in (6, 9, 12, 15):
                if n < 15 or code[12:15] != "000":
                    totals[code[:n]] += f["TBDLMJ"] / MU
    return totals


def test_clean_county(provider, county, county_config):
    parcels = parcels_of(county)
    feedback = RecordingFeedback()
    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {"INPUT": parcels, "ROSTER": str(county.roster_csv), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
        feedback,
    )
    cells = cells_by_code(result["OUTPUT"])
    levels = defaultdict(list)
    for cell in cells.values():
        levels[cell["level"]].append(cell)
    t, v, g = county_config.townships, county_config.villages, county_config.groups
    assert {lvl: len(cs) for lvl, cs in levels.items()} == {3: 1, 4: t, 5: t * v, 6: t * (v - 1) * g}
    expected = expected_farmland_mu(parcels)
    for code, cell in cells.items():
        assert cell["farmland_mu"] == pytest.approx(expected[code], abs=1e-3), code
        assert cell["area_method"] == "field:TBDLMJ"
        assert cell["person_count"] >= 1 and cell["persons"] and cell["phones"]
    county_mu = levels[3][0]["farmland_mu"]
    for level in (4, 5):
        assert sum(c["farmland_mu"] for c in levels[level]) == pytest.approx(county_mu, abs=0.01)
    # Groups plus the group-less villages cover the county too.
    bottom = levels[6] + [c for c in levels[5] if c["grid_code"] + "001" not in cells]
    assert sum(c["farmland_mu"] for c in bottom) == pytest.approx(county_mu, abs=0.01)
    assert result["FARMLAND_MU"] == pytest.approx(county_mu, abs=1e-3)
    assert result["CELL_COUNT"] == len(cells)
    # Cells tile the county: township areas add up to the county's.
    county_geom = levels[3][0].geometry()
    assert sum(c.geometry().area() for c in levels[4]) == pytest.approx(county_geom.area(), rel=1e-9)
    assert result["OUTPUT_ISSUES"].featureCount() == 0 and result["ISSUE_COUNT"] == 0
    assert any("No issues found" in line for line in feedback.lines)
    village = levels[5][0]
    assert village["parent_code"] == village["grid_code"][:9] and village["level_name"] == "行政村"
    assert village["unit_name"]


def test_ellipsoidal_and_planar_area_methods(provider, county):
    parcels = parcels_of(county)
    reference = defaultdict(float)
    planar = defaultdict(float)
    for f in parcels.getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            reference[f["ZLDWDM"][:9]] += ellipsoidal_m2(parcels, f.geometry()) / MU
            planar[f["ZLDWDM"][:9]] += f.geometry().area() / MU
            # The generator's TBMJ is the ellipsoidal area, as in the land survey.
            assert f["TBMJ"] == pytest.approx(ellipsoidal_m2(parcels, f.geometry()), abs=0.006)
    for method, expected, label in ((0, reference, "ellipsoidal:CGCS2000"), (1, planar, "planar:EPSG:4527")):
        result = run_algorithm(
            "farmlandgrid:delineategrid",
            {"INPUT": parcels, "AREA_FIELD": "", "GEOMETRY_AREA": method, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
        )
        townships = [f for f in result["OUTPUT"].getFeatures() if f["level"] == 4]
        for cell in townships:
            assert cell["farmland_mu"] == pytest.approx(expected[cell["grid_code"]], rel=1e-7)
            assert cell["area_method"] == label
    # Planar Gauss-Krüger areas differ from ellipsoidal ones off the central meridian: the method matters.
    assert sum(planar.values()) != pytest.approx(sum(reference.values()), rel=1e-6)


def write_roster_without(county, tmp_path, dropped_code):
    path = tmp_path / "roster.csv"
    with open(county.roster_csv, encoding="utf-8") as src, open(path, "w", encoding="utf-8", newline="") as dst:
        rows = list(csv.reader(src))
        writer = csv.writer(dst)
        writer.writerows([r for r in rows if r[0] != dropped_code])
    return path


def small_square_inside(geometry, side=12.0):
    centre = geometry.pointOnSurface().asPoint()
    square = QgsGeometry.fromRect(
        QgsRectangle(centre.x() - side / 2, centre.y() - side / 2, centre.x() + side / 2, centre.y() + side / 2)
    )
    assert geometry.contains(square)
    return square


def test_injected_overlap_roster_hole_bad_code_and_geometry(provider, county, tmp_path):
    parcels = editable_copy(parcels_of(county))
    farmland = [f for f in parcels.getFeatures() if f["DLBM"][:4] in FARMLAND]
    host = pick(parcels, lambda f: f["ZLDWDM"].startswith("130123001001001") and f["DLBM"][:4] in FARMLAND)
    # An intruder parcel coded to township 002 inside a parcel of township 001.
    intruder = QgsFeature(parcels.fields())
    intruder.setGeometry(small_square_inside(host.geometry()))
    intruder.setAttributes([None] * parcels.fields().count())
    intruder["BSM"], intruder["ZLDWDM"], intruder["DLBM"] = "INTRUDER", "1301230020010010000", "0103"
    intruder["TBDLMJ"] = ellipsoidal_m2(parcels, intruder.geometry())
    overlap_mu = ellipsoidal_m2(parcels, intruder.geometry()) / MU
    # A parcel with a typo in its code, and one with a self-intersecting (bow-tie) ring.
    typo, bowtie = farmland[10], farmland[20]
    provider_ = parcels.dataProvider()
    assert provider_.addFeatures([intruder])[0]
    code_idx = parcels.fields().lookupField("ZLDWDM")
    bad_code = typo["ZLDWDM"][:11] + "O" + typo["ZLDWDM"][12:]
    assert provider_.changeAttributeValues({typo.id(): {code_idx: bad_code}})
    # The bow-tie stays inside the parcel it replaces, so it overlaps nothing once repaired.
    box = small_square_inside(bowtie.geometry()).boundingBox()
    tie = QgsGeometry.fromWkt(
        f"POLYGON(({box.xMinimum()} {box.yMinimum()},{box.xMaximum()} {box.yMaximum()},"
        f"{box.xMaximum()} {box.yMinimum()},{box.xMinimum()} {box.yMaximum()},{box.xMinimum()} {box.yMinimum()}))"
    )
    assert provider_.changeGeometryValues({bowtie.id(): tie})
    hole_group = "130123002002001"
    roster = write_roster_without(county, tmp_path, hole_group)

    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {"INPUT": parcels, "ROSTER": str(roster), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
    )
    issues = issues_by_type(result["OUTPUT_ISSUES"])
    assert set(issues) == {"overlap", "no_person", "invalid_code", "invalid_geometry"}

    overlaps = issues["overlap"]
    assert sorted(f["level"] for f in overlaps) == [4, 5, 6]
    for f in overlaps:
        assert f["area_mu"] == pytest.approx(overlap_mu, abs=5e-5)
        assert f["area_method"] == "ellipsoidal:CGCS2000"
        assert {f["grid_code"][:9], f["other_code"][:9]} == {"130123001", "130123002"}

    cells = cells_by_code(result["OUTPUT"])
    (hole,) = issues["no_person"]
    assert hole["grid_code"] == hole_group and hole["level"] == 6
    assert hole["area_mu"] == pytest.approx(cells[hole_group]["farmland_mu"], abs=1e-4)
    assert cells[hole_group]["person_count"] == 0

    (code_issue,) = issues["invalid_code"]
    assert code_issue["feature_id"] == typo["BSM"] and code_issue["grid_code"] == bad_code
    assert "non-digit character 'O' at position 12" in code_issue["message"]
    assert code_issue["area_mu"] == pytest.approx(typo["TBDLMJ"] / MU, abs=1e-4)

    (geom_issue,) = issues["invalid_geometry"]
    assert geom_issue["feature_id"] == bowtie["BSM"] and "Self-intersection" in geom_issue["message"]
    # Nothing else is lost: the county total is everything but the mistyped parcel, plus the intruder.
    total = sum(f["TBDLMJ"] for f in parcels.getFeatures() if f["DLBM"][:4] in FARMLAND) / MU
    assert cells["130123"]["farmland_mu"] == pytest.approx(total - typo["TBDLMJ"] / MU, abs=1e-3)


def test_injected_gap_mismatch_and_outside_parent_with_boundaries(provider, county):
    parcels = editable_copy(parcels_of(county))
    boundaries = editable_copy(open_layer(county.uri(county.boundaries_layer), "cjdcq"))
    by_village = {f["ZLDWDM"][:12]: f for f in boundaries.getFeatures()}
    # Gap: village 001-001 loses the area of one of its farmland parcels.
    gap_parcel = pick(parcels, lambda f: f["ZLDWDM"].startswith("130123001001") and f["DLBM"][:4] in FARMLAND)
    v1 = by_village["130123001001"]
    assert boundaries.dataProvider().changeGeometryValues({v1.id(): v1.geometry().difference(gap_parcel.geometry())})
    gap_mu = ellipsoidal_m2(parcels, gap_parcel.geometry()) / MU
    # Outside parent: village 002-001 also claims a square 5 km outside the county.
    v2 = by_village["130123002001"]
    extent = parcels.extent()
    far = QgsGeometry.fromRect(
        QgsRectangle(extent.xMinimum() - 5000, extent.yMinimum(), extent.xMinimum() - 4900, extent.yMinimum() + 80)
    )
    assert boundaries.dataProvider().changeGeometryValues({v2.id(): v2.geometry().combine(far)})
    far_mu = ellipsoidal_m2(parcels, far) / MU
    # Mismatch: a farmland parcel of village 003-002 coded to village 001-002.
    moved = pick(
        parcels,
        lambda f: f["ZLDWDM"].startswith("130123003002") and f["DLBM"][:4] in FARMLAND and f["ZLDWDM"][12:15] != "000",
    )
    wrong_code = "1301230010020010000"
    code_idx = parcels.fields().lookupField("ZLDWDM")
    assert parcels.dataProvider().changeAttributeValues({moved.id(): {code_idx: wrong_code}})

    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": parcels,
            "BOUNDARIES": boundaries,
            "ROSTER": str(county.roster_csv),
            "OUTPUT": "memory:",
            "OUTPUT_ISSUES": "memory:",
        },
    )
    issues = issues_by_type(result["OUTPUT_ISSUES"])
    assert set(issues) == {"gap", "outside_parent", "code_mismatch"}
    (gap,) = issues["gap"]
    assert gap["feature_id"] == gap_parcel["BSM"] and gap["area_mu"] == pytest.approx(gap_mu, abs=5e-5)
    outside = {f["grid_code"]: f for f in issues["outside_parent"]}
    gap_group = gap_parcel["ZLDWDM"][:15]
    assert set(outside) == {"130123002001", gap_group}
    assert outside["130123002001"]["other_code"] == "130123002"
    assert outside["130123002001"]["area_mu"] == pytest.approx(far_mu, abs=5e-5)
    # The gap parcel's group, dissolved from parcels, now reaches outside its shrunken village boundary.
    assert outside[gap_group]["other_code"] == gap_group[:12]
    assert outside[gap_group]["area_mu"] == pytest.approx(gap_mu, abs=5e-5)
    (mismatch,) = issues["code_mismatch"]
    assert mismatch["feature_id"] == moved["BSM"] and mismatch["grid_code"] == "130123003002"
    assert mismatch["other_code"] == wrong_code
    assert mismatch["area_mu"] == pytest.approx(moved["TBDLMJ"] / MU, abs=1e-4)
    # Counted where it lies: village 003-002 keeps its farmland, 001-002 gets none of it.
    original = expected_farmland_mu(parcels_of(county))
    cells = cells_by_code(result["OUTPUT"])
    assert cells["130123003002"]["farmland_mu"] == pytest.approx(original["130123003002"], abs=1e-3)
    assert cells["130123001002"]["farmland_mu"] == pytest.approx(original["130123001002"], abs=1e-3)
    assert cells["130123003002"]["geom_source"] == "boundary"
    assert cells["130123003002"]["unit_name"]


def test_boundaries_in_another_crs_are_reprojected(provider, county, tmp_path):
    boundaries = open_layer(county.uri(county.boundaries_layer), "cjdcq")
    geographic = tmp_path / "cjdcq_4490.gpkg"
    result = run_algorithm("native:reprojectlayer", {"INPUT": boundaries, "TARGET_CRS": "EPSG:4490", "OUTPUT": str(geographic)})
    feedback = RecordingFeedback()
    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {"INPUT": parcels_of(county), "BOUNDARIES": str(geographic), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
        feedback,
    )
    # Reprojection moves boundary vertices by far less than the 0.1 m² tolerance; nothing is reported.
    types = {f["issue_type"] for f in result["OUTPUT_ISSUES"].getFeatures()}
    assert types <= {"overlap"} and "gap" not in types
    assert any("EPSG:4490" in line and "EPSG:4527" in line for line in feedback.lines)
    assert result["OUTPUT"].crs().authid() == "EPSG:4527"


@pytest.mark.parametrize("extension", ["gpkg", "shp", "geojson"])
def test_file_outputs(provider, county, tmp_path, extension):
    cells_path = tmp_path / f"grid.{extension}"
    issues_path = tmp_path / f"issues.{extension}"
    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(county.roster_csv),
            "OUTPUT": str(cells_path),
            "OUTPUT_ISSUES": str(issues_path),
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"], "grid", "ogr")
    assert layer.isValid() and layer.featureCount() == result["CELL_COUNT"]
    names = layer.fields().names()
    code_field = "grid_code" if "grid_code" in names else names[0]
    values = {f[code_field] for f in layer.getFeatures()}
    assert "130123" in values and len(values) == result["CELL_COUNT"]
    unit_names = [f["unit_name"] for f in layer.getFeatures() if f["level"] == 5]
    assert all(n and n.endswith("村") for n in unit_names)  # Chinese text survives every format
    assert QgsVectorLayer(result["OUTPUT_ISSUES"], "issues", "ogr").isValid()


def test_bad_parameters_are_named(provider, county):
    parcels = parcels_of(county)
    cases = [
        ({"CODE_FIELD": "NOPE"}, "'NOPE' (CODE_FIELD) is not in layer"),
        ({"AREA_FIELD": "TBMJX"}, "TBMJX"),
        ({"LEVEL_LENGTHS": "6,9"}, "4 to 6 levels down to the group (such as 2,4,6,9,12,15)"),
        ({"FARMLAND_CLASSES": " , "}, "at least one farmland land class"),
        ({"ROSTER": str(county.roster_csv), "ROSTER_PERSON_FIELD": "name"}, "'name' (ROSTER_PERSON_FIELD)"),
    ]
    for extra, fragment in cases:
        with pytest.raises(QgsProcessingException) as info:
            run_algorithm(
                "farmlandgrid:delineategrid",
                {"INPUT": parcels, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:", **extra},
            )
        assert fragment in str(info.value), (extra, str(info.value))


def test_outputs_carry_style_and_chinese_aliases(provider, county, tmp_path, qgis_new_project):
    import processing
    from qgis.core import QgsProject

    cells_path = tmp_path / "cells.gpkg"
    processing.runAndLoadResults(
        "farmlandgrid:delineategrid",
        {"INPUT": county.uri(county.parcels_layer), "OUTPUT": str(cells_path), "OUTPUT_ISSUES": "memory:"},
    )
    loaded = {layer.source().split("|")[0]: layer for layer in QgsProject.instance().mapLayers().values()}
    cells = loaded[str(cells_path)]
    renderer = cells.renderer()
    # One rule per level, drawn from its own scale (tests/qgis/test_styles.py checks the style itself).
    assert renderer.type() == "RuleRenderer"
    assert [r.filterExpression() for r in renderer.rootRule().children()] == [f'"level" = {n}' for n in range(1, 7)]
    assert cells.attributeAlias(cells.fields().lookupField("farmland_mu")) == "耕地面积(亩)"
    issues = next(layer for src, layer in loaded.items() if src != str(cells_path))
    assert issues.renderer().classAttribute() == "issue_type"
    assert issues.attributeAlias(issues.fields().lookupField("message")) == "说明"
    # Opened again later, the GeoPackage brings its style and aliases along.
    reopened = QgsVectorLayer(str(cells_path), "again", "ogr")
    assert reopened.attributeAlias(reopened.fields().lookupField("grid_code")) == "网格编码"
    assert reopened.renderer().type() == "RuleRenderer" and reopened.labelsEnabled()


def test_runs_as_a_step_of_a_model(provider, county):
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    model = QgsProcessingModelAlgorithm("grid model", "tests")
    model.addModelParameter(QgsProcessingParameterFeatureSource("parcels", "parcels"), QgsProcessingModelParameter("parcels"))
    child = QgsProcessingModelChildAlgorithm("farmlandgrid:delineategrid")
    child.setChildId("grid")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("parcels")])
    child.addParameterSources("ROSTER", [QgsProcessingModelChildParameterSource.fromStaticValue(str(county.roster_csv))])
    # As the model designer does when a step is added: every other parameter starts at its default.
    for definition in child.algorithm().parameterDefinitions():
        if definition.name() not in child.parameterSources() and definition.defaultValue() is not None:
            static = QgsProcessingModelChildParameterSource.fromStaticValue(definition.defaultValue())
            child.addParameterSources(definition.name(), [static])
    outputs = {}
    for name in ("OUTPUT", "OUTPUT_ISSUES"):
        output = QgsProcessingModelOutput(name.lower())
        output.setChildOutputName(name)
        outputs[name.lower()] = output
    child.setModelOutputs(outputs)
    model.addChildAlgorithm(child)
    ok, errors = model.validate()
    assert ok, errors
    result = run_algorithm(
        model, {"parcels": county.uri(county.parcels_layer), "grid:output": "memory:", "grid:output_issues": "memory:"}
    )
    cells = result["grid:output"]
    cells = cells if isinstance(cells, QgsVectorLayer) else QgsVectorLayer(cells, "cells", "memory")
    assert cells.featureCount() > 0
    assert {f["level"] for f in cells.getFeatures()} == {3, 4, 5, 6}


def test_direct_geopackage_read_equals_reading_through_qgis(provider, county, tmp_path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    parcels = editable_copy(parcels_of(county))
    fields = parcels.fields()
    ids = [f.id() for f in parcels.getFeatures()]
    changes = {ids[3]: {fields.lookupField("ZLDWDM"): None}, ids[7]: {fields.lookupField("TBDLMJ"): None}}
    assert parcels.dataProvider().changeAttributeValues(changes)
    path = tmp_path / "with_nulls.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(parcels, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error

    def outcome(source):
        result = run_algorithm(
            "farmlandgrid:delineategrid",
            {"INPUT": source, "ROSTER": str(county.roster_csv), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
        )
        cells = sorted((f["grid_code"], f["farmland_mu"], f["parcel_count"]) for f in result["OUTPUT"].getFeatures())
        issues = sorted((f["issue_type"], f["feature_id"], f["area_mu"]) for f in result["OUTPUT_ISSUES"].getFeatures())
        return cells, issues

    direct = outcome(str(path))  # a whole GeoPackage layer: read through GDAL's Arrow stream
    through_qgis = outcome(parcels)  # a memory layer: read feature by feature
    assert direct == through_qgis
    assert [i[0] for i in direct[1]] == ["invalid_area", "invalid_code"]


def test_postgis_outputs(provider, county, postgis):
    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(county.roster_csv),
            "OUTPUT": "postgis:" + postgis.uri("grid_cells"),
            "OUTPUT_ISSUES": "postgis:" + postgis.uri("grid_issues"),
        },
    )
    cells = QgsVectorLayer(postgis.uri("grid_cells"), "cells", "postgres")
    assert cells.isValid() and cells.featureCount() == result["CELL_COUNT"]
    county_row = postgis.sql(postgis.dbname, "SELECT farmland_mu, unit_name FROM grid_cells WHERE level = 3")
    assert float(county_row.split("|")[0]) == pytest.approx(result["FARMLAND_MU"], abs=1e-4)
    villages = postgis.sql(postgis.dbname, "SELECT count(*) FROM grid_cells WHERE level = 5 AND unit_name LIKE '%村'")
    assert int(villages) == sum(1 for f in cells.getFeatures() if f["level"] == 5)
    assert postgis.sql(postgis.dbname, "SELECT count(*) FROM grid_issues").strip() == "0"


def test_gbk_shapefile_input(provider, county, tmp_path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    path = tmp_path / "dltb_gbk.shp"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = "GBK"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(parcels_of(county), str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    assert path.with_suffix(".cpg").read_text().strip().upper() in {"GBK", "CP936", "936"}
    with open(path.with_suffix(".dbf"), "rb") as dbf:
        assert "村".encode("gbk") in dbf.read()  # really GBK bytes on disk, not UTF-8
    result = run_algorithm(
        "farmlandgrid:delineategrid",
        {"INPUT": str(path), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"},
    )
    expected = expected_farmland_mu(parcels_of(county))
    cells = cells_by_code(result["OUTPUT"])
    assert len(cells) == len(expected) and result["ISSUE_COUNT"] == 0
    for code, cell in cells.items():
        assert cell["farmland_mu"] == pytest.approx(expected[code], abs=1e-3)
    # Without a roster the group names come from ZLDWMC, decoded from GBK.
    names = [f["unit_name"] for f in result["OUTPUT"].getFeatures() if f["level"] == 6]
    assert names and all(n.endswith("组") and "村" in n for n in names)
