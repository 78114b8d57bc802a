"""Where the plugin's shipped files are: styles, layout templates, icons and translations."""

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
RESOURCES = PLUGIN_DIR / "resources"
ICON = RESOURCES / "icons" / "farmland_grid.svg"
