"""farmlandgrid:assignspacecodes across two generated years: statuses, lineage, registry, stability."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsRectangle, QgsVectorLayer

from farmland_grid_plugin.domain.spacecode import validate_space_code

from .helpers import RecordingFeedback, editable_copy, open_layer, pick, run_algorithm

FARMLAND = ("0101", "0102", "0103")


def is_farmland(f):
    return f["DLBM"][:4] in FARMLAND


def coded(layer):
    return {f["BSM"]: f for f in layer.getFeatures()}


def registry(workspace):
    layer = QgsVectorLayer(f"{workspace}|layername=space_code_registry", "registry", "ogr")
    assert layer.isValid()
    return {f["space_code"]: f for f in layer.getFeatures()}


@pytest.fixture
def year_one(provider, county, tmp_path):
    workspace = tmp_path / "workspace.gpkg"
    result = run_algorithm(
        "farmlandgrid:assignspacecodes",
        {
            "INPUT": county.uri(county.parcels_layer),
            "WORKSPACE": str(workspace),
            "OUTPUT": str(tmp_path / "coded_2025.gpkg"),
            "OUTPUT_LINEAGE": "memory:",
        },
    )
    return result, workspace


def test_first_year(county, year_one):
    result, workspace = year_one
    parcels = coded(open_layer(result["OUTPUT"]))
    farmland = [f for f in parcels.values() if is_farmland(f)]
    assert result["CODED"] == result["NEW_CODES"] == len(farmland) and result["REJECTED"] == 0
    codes = [f["space_code"] for f in farmland]
    assert len(set(codes)) == len(codes)
    for f in farmland:
        assert validate_space_code(f["space_code"]) == f["space_code"]
        assert f["space_code"][:15] == f["ZLDWDM"][:15] and f["code_status"] == "new"
    assert all(f["space_code"] in (None, "") or not f["space_code"] for f in parcels.values() if not is_farmland(f))
    # Serials of each group run 1..n without holes.
    by_group = {}
    for code in codes:
        by_group.setdefault(code[:15], []).append(int(code[15:20]))
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in by_group.values())
    lineage = list(result["OUTPUT_LINEAGE"].getFeatures())
    assert len(lineage) == len(codes) and {f["event"] for f in lineage} == {"new"}
    stored = registry(workspace)
    assert set(stored) == set(codes) and {f["status"] for f in stored.values()} == {"active"}


def test_codes_do_not_depend_on_feature_order(provider, county):
    parcels = open_layer(county.uri(county.parcels_layer))
    reversed_layer = QgsVectorLayer(f"Polygon?crs={parcels.crs().authid()}", "reversed", "memory")
    reversed_layer.dataProvider().addAttributes(parcels.fields().toList())
    reversed_layer.updateFields()
    features = list(parcels.getFeatures())[::-1]
    assert reversed_layer.dataProvider().addFeatures(features)[0]
    runs = [
        coded(run_algorithm("farmlandgrid:assignspacecodes", {"INPUT": layer, "OUTPUT": "memory:"})["OUTPUT"])
        for layer in (parcels, reversed_layer)
    ]
    assert {k: f["space_code"] for k, f in runs[0].items()} == {k: f["space_code"] for k, f in runs[1].items()}


def halves(geometry):
    box = geometry.boundingBox()
    mid = (box.xMinimum() + box.xMaximum()) / 2
    left = QgsGeometry.fromRect(QgsRectangle(box.xMinimum() - 1, box.yMinimum() - 1, mid, box.yMaximum() + 1))
    right = QgsGeometry.fromRect(QgsRectangle(mid, box.yMinimum() - 1, box.xMaximum() + 1, box.yMaximum() + 1))
    return geometry.intersection(left), geometry.intersection(right)


def test_second_year_edits(provider, county, year_one, tmp_path):
    first, workspace = year_one
    year1 = coded(open_layer(first["OUTPUT"]))
    layer = editable_copy(open_layer(county.uri(county.parcels_layer)))
    dp = layer.dataProvider()
    idx = {name: layer.fields().lookupField(name) for name in ("BSM", "DLBM", "ZLDWDM")}
    farm = [f for f in layer.getFeatures() if is_farmland(f) and f["ZLDWDM"][12:15] != "000"]
    group = farm[0]["ZLDWDM"][:15]
    in_group = [f for f in farm if f["ZLDWDM"].startswith(group)]
    split, deleted, reshaped, reclassed, regrouped = in_group[:5]
    # Two touching farmland parcels of one group to merge.
    merge_a = in_group[5]
    taken = {f.id() for f in in_group[:6]}
    merge_b = pick(
        layer,
        lambda f: (
            f.id() not in taken
            and f["ZLDWDM"] == merge_a["ZLDWDM"]
            and is_farmland(f)
            and f.geometry().touches(merge_a.geometry())
            and f.geometry().intersection(merge_a.geometry()).length() > 1
        ),
    )
    added = pick(layer, lambda f: not is_farmland(f) and f["ZLDWDM"][12:15] != "000")
    other_group = next(f["ZLDWDM"] for f in farm if f["ZLDWDM"][:12] == group[:12] and f["ZLDWDM"][:15] != group)

    left, right = halves(split.geometry())
    pieces = []
    for n, geom in enumerate((left, right)):
        piece = QgsFeature(split)
        piece.setGeometry(geom)
        piece["BSM"] = f"{split['BSM']}-{n}"
        pieces.append(piece)
    merged = QgsFeature(merge_a)
    merged.setGeometry(merge_a.geometry().combine(merge_b.geometry()))
    merged["BSM"] = "MERGED"
    assert dp.deleteFeatures([split.id(), deleted.id(), merge_a.id(), merge_b.id()])
    assert dp.addFeatures(pieces + [merged])[0]
    moved = QgsGeometry(reshaped.geometry())
    moved.translate(0.5, 0.3)
    assert dp.changeGeometryValues({reshaped.id(): moved})
    new_class = "0102" if reclassed["DLBM"][:4] != "0102" else "0101"
    assert dp.changeAttributeValues(
        {
            reclassed.id(): {idx["DLBM"]: new_class},
            regrouped.id(): {idx["ZLDWDM"]: other_group},
            added.id(): {idx["DLBM"]: "0103"},
        }
    )

    second = run_algorithm(
        "farmlandgrid:assignspacecodes",
        {
            "INPUT": layer,
            "PREVIOUS": first["OUTPUT"],
            "WORKSPACE": str(workspace),
            "OUTPUT": str(tmp_path / "coded_2026.gpkg"),
            "OUTPUT_LINEAGE": "memory:",
        },
    )
    year2 = coded(open_layer(second["OUTPUT"]))
    old = {bsm: f["space_code"] for bsm, f in year1.items()}

    def status(bsm):
        return year2[bsm]["code_status"], year2[bsm]["space_code"]

    assert status(reshaped["BSM"]) == ("kept", old[reshaped["BSM"]])
    assert status(reclassed["BSM"]) == ("kept", old[reclassed["BSM"]])
    for piece in pieces:
        assert year2[piece["BSM"]]["code_status"] == "split"
    assert year2["MERGED"]["code_status"] == "merged"
    assert year2[regrouped["BSM"]]["code_status"] == "regrouped"
    assert year2[regrouped["BSM"]]["space_code"][:15] == other_group[:15]
    assert year2[added["BSM"]]["code_status"] == "new"
    untouched = [b for b in year2 if b in old and old[b] and b not in {reshaped["BSM"], reclassed["BSM"], regrouped["BSM"]}]
    assert all(status(b) == ("kept", old[b]) for b in untouched)

    lineage = {f["space_code"]: f for f in second["OUTPUT_LINEAGE"].getFeatures()}
    for piece in pieces:
        assert lineage[year2[piece["BSM"]]["space_code"]]["parent_codes"] == old[split["BSM"]]
    merged_parents = set(lineage[year2["MERGED"]["space_code"]]["parent_codes"].split("; "))
    assert merged_parents == {old[merge_a["BSM"]], old[merge_b["BSM"]]}
    assert lineage[year2[regrouped["BSM"]]["space_code"]]["parent_codes"] == old[regrouped["BSM"]]
    assert lineage[old[deleted["BSM"]]]["event"] == "retired" and lineage[old[deleted["BSM"]]]["successor_codes"] == ""
    assert set(lineage[old[split["BSM"]]]["successor_codes"].split("; ")) == {year2[p["BSM"]]["space_code"] for p in pieces}
    retired = {old[b["BSM"]] for b in (split, deleted, merge_a, merge_b, regrouped)}
    assert {c for c, f in lineage.items() if f["event"] == "retired"} == retired
    assert second["RETIRED_CODES"] == len(retired) and second["NEW_CODES"] == 5

    # Unique county-wide; new serials continue after everything issued in year one; no retired code reused.
    codes = [f["space_code"] for f in year2.values() if f["space_code"]]
    assert len(codes) == len(set(codes))
    highest = max(int(c[15:20]) for c in old.values() if c and c.startswith(group))
    assert all(int(year2[p["BSM"]]["space_code"][15:20]) > highest for p in pieces)
    assert not retired & set(codes)
    stored = registry(workspace)
    assert {c for c, f in stored.items() if f["status"] == "retired"} == retired
    assert set(codes) <= set(stored)


def test_rejected_parcels_and_bad_workspace(provider, county, tmp_path):
    layer = editable_copy(open_layer(county.uri(county.parcels_layer)))
    bad = pick(layer, is_farmland)
    assert layer.dataProvider().changeAttributeValues({bad.id(): {layer.fields().lookupField("ZLDWDM"): "13012300X"}})
    result = run_algorithm("farmlandgrid:assignspacecodes", {"INPUT": layer, "OUTPUT": "memory:"})
    out = coded(result["OUTPUT"])
    assert out[bad["BSM"]]["code_status"] == "rejected" and not out[bad["BSM"]]["space_code"]
    assert "non-digit character 'X' at position 9" in out[bad["BSM"]]["code_note"]
    assert result["REJECTED"] == 1

    not_a_gpkg = tmp_path / "notes.gpkg"
    not_a_gpkg.write_text("these are my notes")
    with pytest.raises(QgsProcessingException, match="not a usable GeoPackage"):
        run_algorithm(
            "farmlandgrid:assignspacecodes",
            {"INPUT": county.uri(county.parcels_layer), "WORKSPACE": str(not_a_gpkg), "OUTPUT": "memory:"},
        )
    assert not_a_gpkg.read_text() == "these are my notes"


def test_previous_layer_with_a_mistyped_code_is_reported(provider, county):
    first = run_algorithm("farmlandgrid:assignspacecodes", {"INPUT": county.uri(county.parcels_layer), "OUTPUT": "memory:"})
    previous = first["OUTPUT"]
    typo = pick(previous, lambda f: bool(f["space_code"]))
    code = typo["space_code"]
    wrong = code[:5] + str((int(code[5]) + 1) % 10) + code[6:]
    previous.dataProvider().changeAttributeValues({typo.id(): {previous.fields().lookupField("space_code"): wrong}})
    feedback = RecordingFeedback()
    second = run_algorithm(
        "farmlandgrid:assignspacecodes",
        {"INPUT": county.uri(county.parcels_layer), "PREVIOUS": previous, "OUTPUT": "memory:"},
        feedback,
    )
    assert any(wrong in line and "check character" in line for line in feedback.lines)
    out = coded(second["OUTPUT"])
    # The parcel whose old code was unreadable gets a new one; everything else keeps its code.
    assert out[typo["BSM"]]["code_status"] == "new" and out[typo["BSM"]]["space_code"] != code
    assert second["NEW_CODES"] == 1
