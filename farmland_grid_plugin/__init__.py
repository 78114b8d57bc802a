"""Farmland Grid Supervision QGIS plugin (耕地保护网格化监管)."""


def classFactory(iface):
    from .plugin import FarmlandGridPlugin

    return FarmlandGridPlugin(iface)
