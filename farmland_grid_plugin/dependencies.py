"""Python packages the plugin needs beyond QGIS.

The core ones are checked when the plugin loads: without them no algorithm can run, and the plugin
says what to install. The optional ones are needed by a few algorithms only, which refuse to run
with the install hint while the others work.
"""

import importlib

#: (module, minimum version, what to tell the user to install)
REQUIREMENTS = (
    ("shapely", (2, 0), "shapely>=2 (pip install 'shapely>=2')"),
    ("numpy", (1, 21), "numpy (shipped with QGIS; on Debian: apt install python3-numpy)"),
    ("pyproj", (3, 0), "pyproj from your QGIS installation (on Debian: apt install python3-pyproj; never pip)"),
)

#: module → install hint, for the packages some algorithms need
OPTIONAL_PACKAGES = {
    "segno": "pip install segno",
    "openpyxl": "pip install openpyxl",
    "matplotlib": "on Debian/Ubuntu apt install python3-matplotlib; elsewhere pip install matplotlib",
    "psycopg2": "on Debian/Ubuntu apt install python3-psycopg2 (QGIS for Windows and macOS ships it)",
}


def _version_tuple(text):
    parts = []
    for piece in str(text).split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def missing_requirements() -> list:
    """Install hints for core packages that are absent or too old; empty when all is well."""
    missing = []
    for module, minimum, hint in REQUIREMENTS:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            missing.append(hint)
            continue
        if _version_tuple(getattr(mod, "__version__", "0")) < minimum:
            missing.append(f"{hint} — found {mod.__version__}")
    return missing
