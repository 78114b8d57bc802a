"""farmlandbalance on two survey years of a benchmark county (3 % of the parcels shifted by up to half a metre,
1 % split, 1 % given another land class), against the native chain a user would build: native:intersection of
the two years, the field calculator for the township, the flow and the area, and statistics by categories.

The native chain runs up to ``NATIVE_MAX_PARCELS`` only: it intersects every parcel with its neighbours, for
hours at 500,000 parcels.
"""

from pathlib import Path

NATIVE_MAX_PARCELS = 100_000
KINDS = ("balance_ours", "balance_native")
NEXT_YEAR = "dltb_balance.gpkg"

# The flow of a piece as the field calculator sees it (the algorithm's classes, K/A suffixes ignored).
_CATEGORY = (
    "CASE WHEN left({f}, 4) IN ('0101', '0102', '0103') THEN 'farmland' "
    "WHEN left({f}, 2) IN ('02', '03', '04') OR left({f}, 4) IN ('1006', '1104', '1107', '1202', '1203') THEN 'agri' "
    "ELSE 'other' END"
)
_BEFORE, _AFTER = _CATEGORY.format(f='"DLBM"'), _CATEGORY.format(f='"new_DLBM"')
FLOW_FORMULA = (
    f"CASE WHEN {_BEFORE} = 'farmland' AND {_AFTER} = 'agri' THEN 'out' "
    f"WHEN {_BEFORE} = 'farmland' AND {_AFTER} = 'other' THEN 'occupied' "
    f"WHEN {_BEFORE} = 'agri' AND {_AFTER} = 'farmland' THEN 'in' "
    f"WHEN {_BEFORE} = 'other' AND {_AFTER} = 'farmland' THEN 'compensated' "
    "ELSE '' END"
)


def prepare(county, work):
    """This year's parcels of the benchmark county, next to last year's."""
    from sample_county.nextyear import derive_next_year

    return derive_next_year(county, Path(work) / NEXT_YEAR, deleted=0.0, changed=0.01)


def wanted(kind, size):
    return kind != "balance_native" or size <= NATIVE_MAX_PARCELS


def contestant(kind, county_dir, out, processing, context, feedback):
    """Run one contestant; the number of flow pieces (ours) or of township × flow rows (native)."""
    from qgis.core import QgsVectorLayer

    previous = f"{county_dir / 'county.gpkg'}|layername=dltb"
    current = str(out / NEXT_YEAR)
    if kind == "balance_ours":
        result = processing.run(
            "farmlandgrid:farmlandbalance",
            {
                "PREVIOUS": previous,
                "PARCELS": current,
                "CLASS_FIELD": "DLBM",
                "OUTPUT_UNITS": str(out / "balance_units.gpkg"),
                "OUTPUT_FLOWS": str(out / "balance_flows.gpkg"),
                "OUTPUT_MATRIX": str(out / "balance_matrix.gpkg"),
            },
            context=context,
            feedback=feedback,
        )
        return result["FLOW_COUNT"]

    def run(algorithm, **params):
        return processing.run(algorithm, {**params, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=feedback)["OUTPUT"]

    pieces = run(
        "native:intersection",
        INPUT=previous,
        OVERLAY=current,
        INPUT_FIELDS=["ZLDWDM", "DLBM"],
        OVERLAY_FIELDS=["DLBM"],
        OVERLAY_FIELDS_PREFIX="new_",
    )
    township = run(
        "native:fieldcalculator", INPUT=pieces, FIELD_NAME="township", FIELD_TYPE=2, FIELD_LENGTH=9, FORMULA='left("ZLDWDM", 9)'
    )
    flow = run("native:fieldcalculator", INPUT=township, FIELD_NAME="flow", FIELD_TYPE=2, FIELD_LENGTH=12, FORMULA=FLOW_FORMULA)
    area = run(
        "native:fieldcalculator",
        INPUT=flow,
        FIELD_NAME="area_mu",
        FIELD_TYPE=0,
        FIELD_LENGTH=20,
        FIELD_PRECISION=4,
        FORMULA="$area / 666.6667",
    )
    stats = run(
        "qgis:statisticsbycategories", INPUT=area, VALUES_FIELD_NAME="area_mu", CATEGORIES_FIELD_NAME=["township", "flow"]
    )
    return QgsVectorLayer(stats).featureCount() if isinstance(stats, str) else stats.featureCount()
