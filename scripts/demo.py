"""Demo: generate the sample county, then run every farmlandgrid algorithm on it with qgis_process.

Usage: python scripts/demo.py [--postgis] OUT_DIR   (``make demo`` / ``make demo-postgis`` set up the environment and call this)

``--postgis``: afterwards the workspace steps again, against a PostgreSQL workspace on a throw-away server of the
demo's own (tests/qgis/postgis.PostgisServer), and the GeoPackage workspace migrated into PostgreSQL.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sample_county.county import CountyConfig, generate_county  # noqa: E402
from sample_county.nextyear import derive_next_year, write_balance_tasks  # noqa: E402


def qgis_process(*args, env):
    done = subprocess.run(["qgis_process.bin", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"qgis_process {' '.join(args[:3])} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def run(algorithm, env, **parameters):
    """Run an algorithm; a list value repeats its parameter (multiple-layer inputs)."""
    arguments = [f"{k}={item}" for k, v in parameters.items() for item in (v if isinstance(v, list) else [v])]
    out = qgis_process("--json", "run", algorithm, "--", *arguments, env=env)
    return json.loads(out[out.index("{") :])["results"]


def main(out_dir, postgis=False):
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    county = generate_county(out / "county", CountyConfig())
    print(f"Sample county written to {county.directory}")
    # A fresh profile of the demo's own, so enabling the plugin leaves the user's QGIS settings alone.
    profile = out / "qgis-profile"
    shutil.rmtree(profile, ignore_errors=True)
    # In Chinese, as the users run QGIS: the reports, layer names and messages of the outputs follow it.
    settings = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[locale]\noverrideFlag=true\nuserLocale=zh_CN\n", encoding="utf-8")
    env = dict(os.environ, QGIS_PLUGINPATH=str(REPO), QGIS_CUSTOM_CONFIG_PATH=str(profile))
    qgis_process("plugins", "enable", "farmland_grid_plugin", env=env)

    grid = run(
        "farmlandgrid:delineategrid",
        env,
        INPUT=county.uri(county.parcels_layer),
        ROSTER=county.roster_csv,
        OUTPUT=out / "grid_cells.gpkg",
        OUTPUT_ISSUES=out / "grid_issues.gpkg",
    )
    print(
        f"delineategrid: {grid['CELL_COUNT']} cells, {grid['ISSUE_COUNT']} issues, "
        f"{grid['FARMLAND_MU']:.2f} 亩 farmland (official TBDLMJ) -> {grid['OUTPUT']}"
    )
    bounded = run(
        "farmlandgrid:delineategrid",
        env,
        INPUT=county.uri(county.parcels_layer),
        BOUNDARIES=county.uri(county.boundaries_layer),
        ROSTER=county.roster_csv,
        AREA_FIELD="",
        OUTPUT=out / "grid_cells_boundaries_ellipsoidal.gpkg",
        OUTPUT_ISSUES=out / "grid_issues_boundaries_ellipsoidal.gpkg",
    )
    print(
        f"delineategrid with village boundaries, ellipsoidal areas: {bounded['CELL_COUNT']} cells, "
        f"{bounded['ISSUE_COUNT']} issues, {bounded['FARMLAND_MU']:.2f} 亩 -> {bounded['OUTPUT']}"
    )

    # One parcel, one code: this year's codes, then next year's update against them.
    workspace = out / "workspace.gpkg"
    workspace.unlink(missing_ok=True)
    first = run(
        "farmlandgrid:assignspacecodes",
        env,
        INPUT=county.uri(county.parcels_layer),
        WORKSPACE=workspace,
        OUTPUT=out / "coded_2025.gpkg",
        OUTPUT_LINEAGE=out / "lineage_2025.gpkg",
    )
    print(f"assignspacecodes 2025: {first['NEW_CODES']} codes issued -> {first['OUTPUT']}")
    edits = derive_next_year(county, out / "dltb_2026.gpkg", changed=0.01)
    second = run(
        "farmlandgrid:assignspacecodes",
        env,
        INPUT=out / "dltb_2026.gpkg",
        PREVIOUS=out / "coded_2025.gpkg",
        WORKSPACE=workspace,
        OUTPUT=out / "coded_2026.gpkg",
        OUTPUT_LINEAGE=out / "lineage_2026.gpkg",
    )
    print(
        f"assignspacecodes 2026 after {edits}: {second['CODED']} parcels coded, {second['NEW_CODES']} new codes, "
        f"{second['RETIRED_CODES']} retired -> {second['OUTPUT']}; registry in {workspace}"
    )
    qr = run(
        "farmlandgrid:exportqrcodes",
        env,
        INPUT=f"{out / 'coded_2026.gpkg'}|subset=\"space_code\" LIKE '130123001001%'",
        FOLDER=out / "qr_codes",
        OUTPUT=out / "qr_parcels.gpkg",
    )
    print(f"exportqrcodes: {qr['WRITTEN']} QR codes of village 130123001001 -> {qr['FOLDER']}")

    # Quotas: this year's farmland and PBF against the targets, change patches, the task list.
    quota = run(
        "farmlandgrid:quotaoverlay",
        env,
        PARCELS=county.uri(county.parcels_layer),
        PBF=county.uri(county.pbf_layer),
        TARGETS=county.targets_csv,
        CHANGES=county.uri(county.changes_layer),
        MEASURE_FIELD="ZGLX",  # 整改类型: the task list's columns, in the seed county's layout
        GRID=out / "grid_cells.gpkg",
        OUTPUT_UNITS=out / "quota_units.gpkg",
        OUTPUT_CHANGES=out / "quota_changes.gpkg",
        OUTPUT_SUMMARY=out / "quota_checks.gpkg",
        OUTPUT_TASKS=out / "task_list.xlsx",
    )
    print(
        f"quotaoverlay: {quota['ACCOUNTABLE']:.0f} accountability cases -> {quota['OUTPUT_UNITS']}, "
        f"{quota['OUTPUT_CHANGES']}, {quota['OUTPUT_TASKS']}"
    )
    # The two balances (进出平衡, 占补平衡) between the survey years, against the townships' tasks.
    write_balance_tasks(county, out / "balance_tasks.csv")
    balance = run(
        "farmlandgrid:farmlandbalance",
        env,
        PREVIOUS=county.uri(county.parcels_layer),
        PARCELS=out / "dltb_2026.gpkg",
        CLASS_FIELD="DLBM",
        TARGETS=out / "balance_tasks.csv",
        OUTPUT_UNITS=out / "balance_units.gpkg",
        OUTPUT_FLOWS=out / "balance_flows.gpkg",
        OUTPUT_MATRIX=out / "balance_matrix.gpkg",
        OUTPUT_TABLE=out / "balance_ledger.xlsx",
    )
    print(
        f"farmlandbalance 2025–2026: {balance['FLOW_COUNT']:.0f} flow pieces -> {balance['OUTPUT_UNITS']}, "
        f"{balance['OUTPUT_FLOWS']}, {balance['OUTPUT_MATRIX']}, {balance['OUTPUT_TABLE']}"
    )
    decomposed = run(
        "farmlandgrid:decomposetargets",
        env,
        PARCELS=county.uri(county.parcels_layer),
        TARGETS=county.targets_csv,
        OUTPUT=out / "targets_decomposed.gpkg",
    )
    print(f"decomposetargets: county and township targets handed down to groups -> {decomposed['OUTPUT']}")

    # Patrols: the sample's GPX week of one township against the grid; the other townships are overdue.
    patrols = run(
        "farmlandgrid:patrolcoverage",
        env,
        TRACK_FOLDER=county.gpx_dir,
        GRID=out / "grid_cells.gpkg",
        PARCELS=county.uri(county.parcels_layer),
        START="2026-01-05",
        END="2026-02-01",
        OUTPUT_PERIODS=out / "patrol_periods.gpkg",
        OUTPUT_CELLS=out / "patrol_cells.gpkg",
        OUTPUT_PARCELS=out / "patrol_parcels.gpkg",
        OUTPUT_TRACKS=out / "patrol_tracks.gpkg",
        OUTPUT_POINTS=out / "patrol_points.gpkg",
        OUTPUT_SUMMARY=out / "patrol_townships.gpkg",
        OUTPUT_REJECTED=out / "patrol_rejected.gpkg",
        OUTPUT_LEDGER=out / "patrol_ledger.xlsx",
    )
    print(
        f"patrolcoverage: {patrols['OUTPUT_PERIODS']}, {patrols['OUTPUT_CELLS']}, {patrols['OUTPUT_PARCELS']}, "
        f"ledger {patrols['OUTPUT_LEDGER']}"
    )

    workspace = out / "cases_workspace.gpkg"
    workspace.unlink(missing_ok=True)
    case_steps(out, county, env, workspace)
    field_packages(out, county, workspace, env)

    # Map production: the villages' areas against their handed-down targets, then the responsibility
    # atlas (one page per village) and the sign boards, from the shipped layout templates.
    run(
        "farmlandgrid:quotaoverlay",
        env,
        PARCELS=county.uri(county.parcels_layer),
        PBF=county.uri(county.pbf_layer),
        TARGETS=out / "targets_decomposed.gpkg",
        TARGET_CODE_FIELD="grid_code",
        LEVEL=2,
        OUTPUT_UNITS=out / "quota_villages.gpkg",
    )
    atlas = run(
        "farmlandgrid:exportatlas",
        env,
        GRID=out / "grid_cells.gpkg",
        LEVEL=2,
        PARCELS=out / "coded_2026.gpkg",
        PBF=county.uri(county.pbf_layer),
        UNITS=out / "quota_villages.gpkg",
        OUTPUT=out / "atlas_villages.pdf",
        IMAGE_FOLDER=out / "atlas_images",
    )
    print(f"exportatlas: {atlas['PAGES']:.0f} village pages -> {atlas['OUTPUT']}, images in {atlas['IMAGE_FOLDER']}")
    boards = run(
        "farmlandgrid:exportsignboards",
        env,
        GRID=out / "grid_cells.gpkg",
        LEVEL=2,
        UNITS=out / "quota_villages.gpkg",
        FOLDER=out / "sign_boards",
        SHEETS=out / "sign_board_sheets.pdf",
    )
    print(
        f"exportsignboards: {boards['BOARDS']:.0f} boards -> {boards['FOLDER']}, "
        f"{boards['SHEET_PAGES']:.0f} A4 sheets -> {boards['SHEETS']}"
    )

    dashboard_report(out, env, workspace)

    # A small city of three sample counties through the batch (多县批处理): workers per county, one city GeoPackage.
    from sample_county.city import generate_city

    city = generate_city(out / "city", CountyConfig(parcels=2000, townships=3, villages=4, groups=3, photos=0), counties=3)
    batch = run(
        "farmlandgrid:runcounties",
        env,
        COUNTIES=[c.uri(c.parcels_layer) for c in city.counties],
        ROSTER=city.roster_csv,
        TARGETS=city.targets_csv,
        PBF=city.uri(city.pbf_layer),
        CHANGES=city.uri(city.changes_layer),
        WORKERS=2,
        OUTPUT=out / "city.gpkg",
    )
    print(f"runcounties: {batch['MERGED']:.0f} counties merged, {batch['FAILED']:.0f} failed -> {batch['OUTPUT']}")
    if postgis:
        postgis_demo(out, county, env)


def case_steps(out, county, env, workspace, prefix="", who=""):
    """Cases: the classified change patches issued to the grid's persons (下发), the field photos imported and
    attached to their cases as evidence (举证), ready for the review dock (审核); outputs named with ``prefix``,
    ``who`` (the login) said in the log."""
    issued = run(
        "farmlandgrid:issuecases",
        env,
        CHANGES=out / "quota_changes.gpkg",
        WORKSPACE=workspace,
        ISSUED_ON="2026-03-02",
        ACTOR="县自然资源局",
        NOTE="2026年第一批卫片",
        OUTPUT=out / f"{prefix}cases_issued.gpkg",
    )
    print(f"issuecases{who}: {issued['ISSUED']:.0f} cases issued into {workspace}")
    evidence = run(
        "farmlandgrid:importevidence",
        env,
        FOLDER=county.photo_dir,
        CASES=out / f"{prefix}cases_issued.gpkg",
        PARCELS=out / "coded_2026.gpkg",
        WORKSPACE=workspace,
        ACTOR="张三",
        OUTPUT=out / f"{prefix}evidence.gpkg",
        OUTPUT_REJECTED=out / f"{prefix}evidence_rejected.gpkg",
    )
    imported, rejected = evidence["IMPORTED"], evidence["REJECTED"]
    print(f"importevidence{who}: {imported:.0f} photos imported, {rejected:.0f} rejected -> {evidence['OUTPUT']}")
    print(f"  evidence checks (举证核验): {evidence['FLAGGED']:.0f} photos flagged (the sample places a few badly on purpose)")


def dashboard_report(out, env, workspace, prefix="", who=""):
    """The dashboard (驾驶舱): patrols, cases, farmland and PBF against targets, and the trend of the two years."""
    dashboard = run(
        "farmlandgrid:dashboardreport",
        env,
        PATROL_SUMMARY=out / "patrol_townships.gpkg",
        UNITS=out / "quota_units.gpkg",
        BALANCE=out / "balance_units.gpkg",
        WORKSPACE=workspace,
        PARCEL_LAYERS=[out / "coded_2025.gpkg", out / "coded_2026.gpkg"],
        AS_OF="2026-03-20",
        OUTPUT_HTML=out / f"{prefix}dashboard_report.html",
        OUTPUT_PDF=out / f"{prefix}dashboard_report.pdf",
    )
    print(
        f"dashboardreport{who}: {dashboard['TOWNSHIPS']:.0f} townships -> {dashboard['OUTPUT_HTML']}, {dashboard['OUTPUT_PDF']}"
    )


def field_packages(out, county, workspace, env, prefix=""):
    """To the phones and back (下发到手机 → 回收): a QField package per patroller, one field day in two of them
    (sample_county.fieldday, done with PyQGIS as QField does it), and the two packages imported (outputs named
    with ``prefix``)."""
    folder = out / f"{prefix}field_packages"
    shutil.rmtree(folder, ignore_errors=True)
    exported = run(
        "farmlandgrid:exportfieldpackage",
        env,
        GRID=out / "grid_cells.gpkg",
        PARCELS=out / "coded_2026.gpkg",
        PBF=county.uri(county.pbf_layer),
        PERIODS=out / "patrol_periods.gpkg",
        WORKSPACE=workspace,
        FOLDER=folder,
        ZIP="true",
    )
    sizes = sorted(p.stat().st_size for p in folder.glob("*.zip"))
    print(
        f"exportfieldpackage: {exported['PACKAGES']:.0f} packages -> {folder}, zips {sizes[0] / 1e3:.0f}–{sizes[-1] / 1e3:.0f} KB"
    )
    with_cases = [m.parent for m in sorted(folder.glob("*/manifest.json")) if json.loads(m.read_text(encoding="utf-8"))["cases"]]
    chosen = with_cases[:2]
    day = subprocess.run(
        [sys.executable, "-m", "sample_county.fieldday", *map(str, chosen)],
        cwd=REPO,
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
    )
    if day.returncode != 0:
        sys.exit(f"sample_county.fieldday failed:\n{day.stdout}\n{day.stderr}")
    print(f"field day (as QField): {day.stdout.strip()}")
    back = run(
        "farmlandgrid:importfieldpackage",
        env,
        PACKAGE=chosen,
        WORKSPACE=workspace,
        ACTOR="县自然资源局 李四",
        OUTPUT_EVIDENCE=out / f"{prefix}field_evidence.gpkg",
        OUTPUT_TRACKS=out / f"{prefix}field_tracks.gpkg",
        OUTPUT_REJECTED=out / f"{prefix}field_rejected.gpkg",
    )
    print(
        f"importfieldpackage: {back['IMPORTED']:.0f} photos imported, {back['REPORTED']:.0f} cases reported, "
        f"{back['REJECTED']:.0f} features and files rejected -> {back['OUTPUT_EVIDENCE']}, {back['OUTPUT_TRACKS']}"
    )


def postgis_demo(out, county, env):
    """The workspace steps against PostgreSQL: a throw-away server (its logins: tests/qgis/postgis.LOGINS), the
    workspace made by the DBA (createworkspace), cases issued, photos imported, codes assigned and field packages
    returned by the admin login, the dashboard read by the viewer login; then the GeoPackage workspace of the demo
    migrated into a database of its own. The server is stopped at the end, whatever happened."""
    from tests.qgis.postgis import PostgisServer

    server = PostgisServer().start()
    try:
        print(f"PostgreSQL: a throw-away server in {server.root} (port {server.port}), logins admin_zhang, viewer_liu, …")
        for database in ("county_workspace", "county_migrated"):
            server.sql("postgres", f"CREATE DATABASE {database}")
        dba, admin = server.location("county_workspace"), server.location("county_workspace", "admin_zhang")
        files = out / "pg_files"
        files.mkdir(exist_ok=True)
        created = run(
            "farmlandgrid:createworkspace",
            env,
            WORKSPACE=dba,
            CRS=f"EPSG:{county.crs_epsg}",
            FILES_FOLDER=files,
            TOWNSHIP_LOGINS="township_wang,130123001,township_chen,130123002",
        )
        print(
            f"createworkspace (as the DBA): schema version {created['SCHEMA_VERSION']:.0f} in {dba}, "
            f"{created['LOGINS_ADDED']:.0f} township logins, photos shared in {files}"
        )
        case_steps(out, county, env, admin, prefix="pg_", who=" (admin_zhang)")
        codes = run(
            "farmlandgrid:assignspacecodes",
            env,
            INPUT=county.uri(county.parcels_layer),
            WORKSPACE=admin,
            OUTPUT=out / "pg_coded_2025.gpkg",
            OUTPUT_LINEAGE=out / "pg_lineage_2025.gpkg",
        )
        print(f"assignspacecodes (admin_zhang): {codes['NEW_CODES']} codes issued into the PostgreSQL registry")
        field_packages(out, county, admin, env, prefix="pg_")
        viewer = server.location("county_workspace", "viewer_liu")
        dashboard_report(out, env, viewer, prefix="pg_", who=" (viewer_liu, read only)")
        migrated = run(
            "farmlandgrid:migrateworkspace",
            env,
            SOURCE=out / "cases_workspace.gpkg",
            TARGET=server.location("county_migrated"),
            OUTPUT=out / "pg_migration_check.gpkg",
        )
        if not migrated["EQUAL"]:
            sys.exit(f"migrateworkspace: the copy differs from its source; see {migrated['OUTPUT']}")
        print(
            f"migrateworkspace: {out / 'cases_workspace.gpkg'} copied into PostgreSQL, {migrated['CASES']:.0f} cases, "
            f"{migrated['EVENTS']:.0f} events, {migrated['EVIDENCE']:.0f} evidence rows, counts and checksums equal"
        )
    finally:
        server.stop()
        print("PostgreSQL: the throw-away server was stopped and its folder removed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", nargs="?", default="demo-output")
    parser.add_argument("--postgis", action="store_true", help="also run the workspace steps against a PostgreSQL workspace")
    arguments = parser.parse_args()
    main(arguments.out_dir, arguments.postgis)
