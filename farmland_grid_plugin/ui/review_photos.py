"""The evidence photos of the review dock: upright reading, thumbnails made in a ``QgsTask``, a viewer.

Each photo's evidence flags stand under its thumbnail; the task also takes the SHA-256 of every file
attached with one and says which no longer match (the file changed since it was attached).

The strip keeps a reference to each task until it has finished (Python would otherwise collect it
while QGIS still runs it), and drops a result that arrives after another case's photos were asked for.
"""

from pathlib import Path

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QIcon, QPixmap
from qgis.PyQt.QtWidgets import QApplication, QDialog, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout

from ..services.evidence_files import sha256_of
from ..services.photo_images import read_image
from .review_flags import changed_text

THUMBNAIL_SIZE = 160  # px, the longer side
UNREADABLE_FOREGROUND = QColor(150, 0, 0)
FLAGGED_FOREGROUND = QColor(160, 64, 0)
CAPTION_LINE = 16  # px of item height per line of flags


class ThumbnailTask(QgsTask):
    """Reads the thumbnails of one case's photos in a worker thread; ``done(task, result)`` runs in the main thread."""

    def __init__(self, description, token, paths, size, done, checksums=None):
        super().__init__(description, QgsTask.CanCancel)
        self.token = token
        self.paths = list(paths)
        self.size = QSize(size, size)
        self.checksums = dict(checksums or {})  # index in paths → SHA-256 recorded when it was attached
        self.images = {}  # index in paths → QImage
        self.errors = {}  # index in paths → the reader's error text
        self.changed = set()  # indices whose file no longer has the recorded SHA-256
        self._done = done

    def run(self):
        for index, path in enumerate(self.paths):
            if self.isCanceled():
                return False
            image, error = read_image(path, self.size)
            if index in self.checksums:
                try:
                    if sha256_of(path) != self.checksums[index]:
                        self.changed.add(index)
                except OSError:
                    pass  # unreadable: the thumbnail says so
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
    changed = pyqtSignal(list)  # paths of the photos whose file changed since it was attached

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

    def show_photos(self, case_id, paths, captions=None, checksums=None):
        """One item per photo at once, its flags (``captions``: a list of texts per photo) under it; the
        thumbnails arrive from a task, which also compares each file with its recorded ``checksums``."""
        self.cancel()
        self.clear()
        self.setWordWrap(True)
        for index, path in enumerate(paths):
            lines = list(captions[index]) if captions else []
            item = QListWidgetItem("\n".join([Path(path).name, *lines]))
            item.setData(Qt.UserRole, path)
            item.setData(Qt.UserRole + 1, lines)
            item.setToolTip("\n".join([path, *lines]))
            item.setSizeHint(QSize(THUMBNAIL_SIZE + 12, THUMBNAIL_SIZE + 36 + CAPTION_LINE * len(lines)))
            if lines:
                item.setForeground(FLAGGED_FOREGROUND)
            self.addItem(item)
        if not paths:
            return
        description = self.tr("Evidence thumbnails of case {case_id}").format(case_id=case_id)
        sums = {k: value for k, value in enumerate(checksums or []) if value}
        task = ThumbnailTask(description, self._token, paths, THUMBNAIL_SIZE, self._done, sums)
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
            if index in task.changed:
                lines = [*(item.data(Qt.UserRole + 1) or []), changed_text()]
                item.setData(Qt.UserRole + 1, lines)
                item.setText("\n".join([Path(task.paths[index]).name, *lines]))
                item.setToolTip("\n".join([task.paths[index], *lines]))
                item.setSizeHint(QSize(THUMBNAIL_SIZE + 12, THUMBNAIL_SIZE + 36 + CAPTION_LINE * len(lines)))
                item.setForeground(UNREADABLE_FOREGROUND)
        if task.changed:
            self.changed.emit([task.paths[index] for index in sorted(task.changed)])

    def captions(self):
        """The flag texts under each photo, in order (what the reviewer reads)."""
        return [self.item(index).data(Qt.UserRole + 1) or [] for index in range(self.count())]

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
