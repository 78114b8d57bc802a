"""Python packages the plugin needs beyond QGIS, checked on load."""

import importlib

#: (module, minimum version, what to tell the user to install)
REQUIREMENTS = (
    ("shapely", (2, 0), "shapely>=2 (pip install 'shapely>=2')"),
    ("numpy", (1, 21), "numpy (shipped with QGIS; on Debian: apt install python3-numpy)"),
    ("pyproj", (3, 0), "pyproj from your QGIS installation (on Debian: apt install python3-pyproj; never pip)"),
    ("segno", (1, 5), "segno, for QR codes (pip install segno)"),
)


def _version_tuple(text):
    parts = []
    for piece in str(text).split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def missing_requirements():
    """List of install hints for packages that are absent or too old; empty when all is well."""
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
