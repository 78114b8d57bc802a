"""Photo pictures through Qt: upright reading scaled while decoding (the dock's thumbnails and viewer), and the
perceptual hash of a picture (举证核验 ``similar_photo``). Safe in worker threads (QImage, never QPixmap)."""

import numpy as np
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from qgis.PyQt.QtGui import QImage, QImageIOHandler, QImageReader

from ..domain.photo_hash import perceptual_hash

HASH_SIDE = 32  # the hash is taken of the picture squeezed to 32×32 grey pixels


def read_image(path, box=None):
    """``(QImage, error text)`` of a photo turned upright as its EXIF orientation says, fitted into ``box``.

    The JPEG decoder scales while it decodes, so a thumbnail of a large photo is quick. The box is
    applied before the EXIF rotation; a square box makes that irrelevant, and for other boxes the
    box is swapped when the photo is rotated by a quarter turn.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if box is not None:
        raw = reader.size()
        if raw.isValid() and raw.width() > 0 and raw.height() > 0:
            fit = QSize(box)
            if int(reader.transformation()) & int(QImageIOHandler.TransformationRotate90):
                fit.transpose()
            if raw.width() > fit.width() or raw.height() > fit.height():
                reader.setScaledSize(raw.scaled(fit, Qt.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None, reader.errorString()
    if box is not None and (image.width() > box.width() or image.height() > box.height()):
        image = image.scaled(box, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    return image, ""


def hash_pixels(image: QImage) -> np.ndarray:
    """The picture as the perceptual hash takes it: 32×32 grey pixels (uint8)."""
    if image.width() != HASH_SIDE or image.height() != HASH_SIDE:
        image = image.scaled(HASH_SIDE, HASH_SIDE, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    gray = image.convertToFormat(QImage.Format_Grayscale8)
    data = gray.constBits().asstring(gray.sizeInBytes())
    return np.frombuffer(data, dtype=np.uint8).reshape(HASH_SIDE, gray.bytesPerLine())[:, :HASH_SIDE].copy()


def image_hash(image: QImage) -> int:
    """The 64-bit perceptual hash of a picture (``domain.photo_hash.perceptual_hash``)."""
    return perceptual_hash(hash_pixels(image))


def bytes_pixels(data: bytes):
    """The 32×32 grey pixels of a photo's file content, decoded straight to that size (JPEG scales while it
    decodes, as for the dock's thumbnails) and turned upright; None when Qt cannot decode it (HEIC without a plugin)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    reader.setQuality(0)  # the fast decoder: a 32-pixel picture loses nothing by it
    reader.setScaledSize(QSize(HASH_SIDE, HASH_SIDE))
    image = reader.read()
    return None if image.isNull() else hash_pixels(image)
