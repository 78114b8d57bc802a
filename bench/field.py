"""exportfieldpackage for every villager group of a benchmark county (one QField package per patroller, zipped),
after delineategrid (grid_ours), assignspacecodes (codes_first) and quotaoverlay (quota_township), whose outputs
it reads; ``field_cases`` first issues the township quotaoverlay's change patches as cases into a workspace.

There is no native chain to compare with: QGIS has no packaging of one project per person (QFieldSync packages
one project at a time, by hand).
"""

import statistics

KINDS = ("field_cases", "field_export")
FOLDER = "field_packages"


def contestant(kind, county_dir, out, processing, context, feedback):
    """``field_cases``: the number of cases issued; ``field_export``: the number of packages."""
    workspace = out / "field_workspace.gpkg"
    if kind == "field_cases":
        workspace.unlink(missing_ok=True)
        result = processing.run(
            "farmlandgrid:issuecases",
            {
                "CHANGES": str(out / "quota_township_changes.gpkg"),
                "WORKSPACE": str(workspace),
                "ISSUED_ON": "2026-03-02",
                "ACTOR": "bench",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
            context=context,
            feedback=feedback,
        )
        return result["ISSUED"]
    result = processing.run(
        "farmlandgrid:exportfieldpackage",
        {
            "GRID": str(out / "grid_cells.gpkg"),
            "PARCELS": str(out / "coded_first.gpkg"),
            "PBF": f"{county_dir / 'county.gpkg'}|layername=jbnt",
            "WORKSPACE": str(workspace),
            "FOLDER": str(out / FOLDER),
            "ZIP": True,
        },
        context=context,
        feedback=feedback,
    )
    return result["PACKAGES"]


def sizes(out):
    """Sizes of the packages written (MB): folders and zips, smallest, median and largest."""
    root = out / FOLDER
    folders = [sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 1e6 for p in root.iterdir() if p.is_dir()]
    zips = [p.stat().st_size / 1e6 for p in root.glob("*.zip")]

    def spread(values):
        return {"min": min(values), "median": statistics.median(values), "max": max(values)} if values else {}

    return {"folders_mb": spread(folders), "zips_mb": spread(zips), "total_mb": sum(folders) + sum(zips)}
