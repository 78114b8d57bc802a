"""The details part of the review dock: the case shown, its photos, the buttons of its next steps and its audit trail."""

from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain import cases as domain
from ..i18n import render
from .review_models import HistoryTable
from .review_photos import ThumbnailStrip

SHORTCUT_KEYS = {domain.APPROVE: "A", domain.SEND_BACK: "B"}  # the dock binds these keys


class CaseDetails(QWidget):
    """What the reviewer reads of one case; the steps are taken by the dock (``action_chosen``)."""

    action_chosen = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.case_label = _selectable_label()
        self.parcel_label = _selectable_label()
        self.thumbnails = ThumbnailStrip()
        self._photo_paths = []  # the photos the thumbnails were asked for
        self.buttons_widget = QWidget()
        self.buttons_layout = QHBoxLayout(self.buttons_widget)
        self.buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.buttons_layout.addStretch(1)
        self.history = HistoryTable([self.tr("Time"), self.tr("Action"), self.tr("Status"), self.tr("Actor"), self.tr("Note")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.case_label, self.parcel_label, self.thumbnails, self.buttons_widget, self.history):
            layout.addWidget(widget)

    def tr(self, text):
        return QCoreApplication.translate("CaseDetails", text)

    def show_case(self, record, evidence, events, photo_paths, new_case):
        """The case's summary, trail and buttons; its thumbnails are read again only when they changed."""
        if new_case or photo_paths != self._photo_paths:
            self._photo_paths = list(photo_paths)
            self.thumbnails.show_photos(record.case_id, photo_paths)
        self._show_summary(record, evidence)
        self.history.show_events(events)
        self.set_actions(domain.allowed_actions(record.state))

    def clear_case(self):
        self.thumbnails.cancel()
        self.thumbnails.clear()
        self._photo_paths = []
        self.case_label.clear()
        self.parcel_label.clear()
        self.history.setRowCount(0)
        self.set_actions([])

    def stop_photos(self):
        """Cancel the thumbnails and close the viewer; the next ``show_case`` reads the thumbnails again."""
        self.thumbnails.cancel()
        self.thumbnails.close_viewer()
        self._photo_paths = []

    def _show_summary(self, record, evidence):
        attributes = record.attributes
        parts = [record.case_id, render(domain.status_label(record.status))]
        parts += [attributes.get(name) for name in ("unit_code", "person", "phone") if attributes.get(name)]
        if record.state.due_date:
            parts.append(self.tr("due {date}").format(date=record.state.due_date.isoformat()))
        lines = [" · ".join(str(p) for p in parts)]
        if record.state.verdict:
            verdict = render(domain.verdict_label(record.state.verdict))
            if record.state.verdict_reason:
                verdict = f"{verdict} ({record.state.verdict_reason})"
            lines.append(self.tr("Verdict: {verdict}").format(verdict=verdict))
        if record.state.rectification:
            lines.append(self.tr("Rectification: {text}").format(text=record.state.rectification))
        self.case_label.setText("\n".join(lines))
        codes = list(dict.fromkeys(e.space_code for e in evidence if e.space_code))
        if codes:
            self.parcel_label.setText(self.tr("Parcel space code: {codes}").format(codes=", ".join(codes)))
        elif evidence:
            self.parcel_label.setText(self.tr("Parcel space code: none recorded with the evidence"))
        else:
            self.parcel_label.setText(self.tr("No evidence photos yet"))

    def set_actions(self, actions):
        """One button per action, in the order given."""
        while self.buttons_layout.count() > 1:  # the last item is the stretch
            item = self.buttons_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for position, action in enumerate(actions):
            button = QPushButton(render(domain.action_label(action)))
            button.setObjectName(f"action_{action}")
            button.setProperty("action", action)
            if action in SHORTCUT_KEYS:
                button.setToolTip(self.tr("Shortcut: {key}").format(key=SHORTCUT_KEYS[action]))
            button.clicked.connect(lambda _checked=False, a=action: self.action_chosen.emit(a))
            self.buttons_layout.insertWidget(position, button)

    def action_buttons(self):
        """The buttons of the actions shown now, in their order."""
        widgets = (self.buttons_layout.itemAt(position).widget() for position in range(self.buttons_layout.count()))
        return [widget for widget in widgets if isinstance(widget, QPushButton)]


def _selectable_label():
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label
