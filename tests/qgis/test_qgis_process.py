"""The provider headless, as batch scripts use it: qgis_process.bin with the plugin enabled."""

import json
import os
import subprocess
import sys
from pathlib import Path

from qgis.core import QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]


def qgis_process(*args, env):
    return subprocess.run(["qgis_process.bin", *args], env=env, capture_output=True, text=True, timeout=300)


def test_delineategrid_through_qgis_process(county, tmp_path):
    site_packages = next(p for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=str(REPO),
        PYTHONPATH=site_packages,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),  # a fresh profile: the plugin starts disabled
    )
    enabled = qgis_process("plugins", "enable", "farmland_grid_plugin", env=env)
    assert enabled.returncode == 0, enabled.stderr
    listing = qgis_process("list", env=env)
    assert "farmlandgrid:delineategrid" in listing.stdout
    out = tmp_path / "grid.gpkg"
    run = qgis_process(
        "--json",
        "run",
        "farmlandgrid:delineategrid",
        "--",
        f"INPUT={county.uri(county.parcels_layer)}",
        f"ROSTER={county.roster_csv}",
        f"OUTPUT={out}",
        f"OUTPUT_ISSUES={tmp_path / 'issues.gpkg'}",
        env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(run.stdout[run.stdout.index("{") :])["results"]
    assert results["ISSUE_COUNT"] == 0
    layer = QgsVectorLayer(str(out), "grid", "ogr")
    assert layer.featureCount() == results["CELL_COUNT"] > 0
    county_cell = next(f for f in layer.getFeatures() if f["level"] == 3)
    assert county_cell["farmland_mu"] == results["FARMLAND_MU"] > 0
