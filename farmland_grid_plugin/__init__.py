"""Farmland Grid Supervision QGIS plugin (耕地保护网格化监管)."""

#: The tab of QGIS's log messages panel the plugin writes to.
LOG_TAG = "Farmland Grid"


def classFactory(iface):
    from .plugin import FarmlandGridPlugin

    return FarmlandGridPlugin(iface)
