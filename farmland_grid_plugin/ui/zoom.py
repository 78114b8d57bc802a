"""Zooming the map on a patch or a cell so that its surroundings show too (the review dock and the locator)."""

from qgis.core import QgsRectangle

SHARE = 1 / 3  # the patch spans about a third of the canvas in its longer direction
MIN_SCALE = 500  # never closer than 1:500: a tiny patch or a point still shows its neighbours


def zoom_to_feature(canvas, extent):
    """The map centred on ``extent`` (in the canvas CRS), the patch about a third of it, at 1:500 or farther."""
    centre = extent.center()
    if extent.width() or extent.height():
        half_width, half_height = extent.width() / SHARE / 2, extent.height() / SHARE / 2
        canvas.setExtent(
            QgsRectangle(centre.x() - half_width, centre.y() - half_height, centre.x() + half_width, centre.y() + half_height)
        )
    else:  # a point (e.g. a warning post)
        canvas.setCenter(centre)
    if canvas.scale() < MIN_SCALE:
        canvas.zoomScale(MIN_SCALE)
        canvas.setCenter(centre)
    canvas.refresh()
