"""The evidence photos of the review dock: upright reading, thumbnails made in a ``QgsTask``, a viewer.

The strip keeps a reference to each task until it has finished (Python would otherwise collect it
while QGIS still runs it), and drops a result that arrives after another case's photos were asked for.
"""

from pathlib import Path

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QIcon, QImageIOHandler, QImageReader, QPixmap
from qgis.PyQt.QtWidgets import QApplication, QDialog, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout

THUMBNAIL_SIZE = 160  # px, the longer side
UNREADABLE_FOREGROUND = QColor(150, 0, 0)


def read_image(path, box=None):
    """``(QImage, error text)`` of a photo turned upright as its EXIF orientation says, fitted into ``box``.

    The JPEG decoder scales while it decodes, so a thumbnail of a large photo is quick. The box is
    applied before the EXIF rotation; a square box makes that irrelevant, and for other boxes the
    box is swapped when the photo is rotated by a quarter turn. Safe to call in a worker thread.
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


class ThumbnailTask(QgsTask):
    """Reads the thumbnails of one case's photos in a worker thread; ``done(task, result)`` runs in the main thread."""

    def __init__(self, description, token, paths, size, done):
        super().__init__(description, QgsTask.CanCancel)
        self.token = token
        self.paths = list(paths)
        self.size = QSize(size, size)
        self.images = {}  # index in paths → QImage
        self.errors = {}  # index in paths → the reader's error text
        self._done = done

    def run(self):
        for index, path in enumerate(self.paths):
            if self.isCanceled():
                return False
            image, error = read_image(path, self.size)
            if image is None:
                self.errors[index] = error
            else:
                self.images[index] = image
            self.setProgress(100.0 * (index + 1) / max(len(self.paths), 1))
        return True

    def finished(self, result):
        done, self._done = self._done, None
        if done is not None:
            done(self, result)


class PhotoViewer(QDialog):
    """One photo, upright, scaled to fit the dialog (and again whenever the dialog is resized)."""

    def __init__(self, image, title, parent=None):
        super().__init__(parent)
        self.setObjectName("FarmlandGridPhotoViewer")
        self.setWindowTitle(title)
        self.image = image
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignCenter)
        self.label.setMinimumSize(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry().size() * 0.8 if screen is not None else QSize(1024, 768)
        self.resize(image.size().scaled(available, Qt.KeepAspectRatio).boundedTo(image.size()).expandedTo(QSize(200, 150)))
        self._fit()

    def _fit(self):
        size = self.label.size() if self.label.width() > 1 else self.size()
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > size.width() or pixmap.height() > size.height():
            pixmap = pixmap.scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.label.setPixmap(pixmap)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()


class ThumbnailStrip(QListWidget):
    """The photos of the case shown, one item each, their thumbnails filled in by a task; a double click opens the viewer."""

    unreadable = pyqtSignal(str)  # the message when a photo asked for in the viewer cannot be read

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setViewMode(QListView.IconMode)
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Static)
        self.setResizeMode(QListView.Adjust)
        self.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.setFixedHeight(THUMBNAIL_SIZE + 48)
        self.setSpacing(4)
        self.tasks = []  # tasks still running: Python must keep them alive
        self.viewer = None
        self._token = 0
        self.itemDoubleClicked.connect(lambda item: self.open_photo(item.data(Qt.UserRole)))

    def tr(self, text):
        return QCoreApplication.translate("ThumbnailStrip", text)

    def show_photos(self, case_id, paths):
        """One item per photo at once; the thumbnails arrive from a task."""
        self.cancel()
        self.clear()
        for path in paths:
            item = QListWidgetItem(Path(path).name)
            item.setData(Qt.UserRole, path)
            item.setToolTip(path)
            item.setSizeHint(QSize(THUMBNAIL_SIZE + 12, THUMBNAIL_SIZE + 36))
            self.addItem(item)
        if not paths:
            return
        description = self.tr("Evidence thumbnails of case {case_id}").format(case_id=case_id)
        task = ThumbnailTask(description, self._token, paths, THUMBNAIL_SIZE, self._done)
        self.tasks.append(task)
        QgsApplication.taskManager().addTask(task)

    def cancel(self):
        self._token += 1  # whatever still arrives belongs to no photos shown
        for task in self.tasks:
            if not sip.isdeleted(task):
                task.cancel()

    def _done(self, task, _result):
        if task in self.tasks:
            self.tasks.remove(task)
        if sip.isdeleted(self) or task.token != self._token:
            return  # the reviewer moved on to another case meanwhile
        for index in range(min(self.count(), len(task.paths))):
            item = self.item(index)
            if index in task.images:
                item.setIcon(QIcon(QPixmap.fromImage(task.images[index])))
            else:
                error = task.errors.get(index) or self.tr("not read")
                item.setToolTip(self.tr("Cannot read the photo {path}: {error}").format(path=task.paths[index], error=error))
                item.setForeground(UNREADABLE_FOREGROUND)

    def open_photo(self, path):
        """The photo in the viewer, upright and scaled to fit; None (and ``unreadable`` emitted) when it cannot be read."""
        screen = QApplication.primaryScreen()
        box = screen.availableGeometry().size() if screen is not None else QSize(1920, 1080)
        side = max(box.width(), box.height())
        image, error = read_image(path, QSize(side, side))
        if image is None:
            self.unreadable.emit(self.tr("Cannot read the photo {path}: {error}").format(path=path, error=error))
            return None
        self.close_viewer()
        self.viewer = PhotoViewer(image, Path(path).name, self)
        self.viewer.show()
        return self.viewer

    def close_viewer(self):
        if self.viewer is not None and not sip.isdeleted(self.viewer):
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = None
