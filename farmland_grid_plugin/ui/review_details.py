"""The details part of the review dock: the case shown, its photos and its audit trail in tabs, and the buttons of its next steps.

The tabs let the case list keep most of the dock's height; the buttons stay below them, whichever tab is open.
"""

from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import cases as domain
from ..i18n import render
from .review_flags import CaseFlagsLine, photo_flag_texts
from .review_models import HistoryTable
from .review_photos import ThumbnailStrip

SHORTCUT_KEYS = {domain.APPROVE: "A", domain.SEND_BACK: "B"}  # the dock binds these keys when the user turns them on
NOTE_COLUMN = 4  # of the history: the note (a send-back reason, a rectification plan) wraps in what is left of the width
TAB_CASE, TAB_PHOTOS, TAB_HISTORY = range(3)
PAGE_MIN_HEIGHT = 40  # px a tab page may shrink to (it scrolls): the list keeps its rows in a low dock


class CaseDetails(QWidget):
    """What the reviewer reads of one case; the steps are taken by the dock (``action_chosen``)."""

    action_chosen = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.letter_keys = False  # whether the buttons' tooltips name the keys A and B
        self.case_label = _selectable_label()
        self.parcel_label = _selectable_label()
        self.thumbnails = ThumbnailStrip()
        # In a tab the photos take the tab's height and wrap into rows, instead of a fixed strip.
        self.thumbnails.setMinimumHeight(PAGE_MIN_HEIGHT)
        self.thumbnails.setMaximumHeight(16777215)
        self.thumbnails.setWrapping(True)
        self._photo_paths = []  # the photos the thumbnails were asked for
        self.buttons_widget = QWidget()
        self.buttons_layout = QHBoxLayout(self.buttons_widget)
        self.buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.role_note = QLabel()  # the steps possible now that belong to the other role
        self.role_note.setObjectName("role_note")
        self.role_note.setWordWrap(True)
        self.role_note.setStyleSheet("color: #555555;")
        self.buttons_layout.addWidget(self.role_note, 1)  # the last item: buttons are inserted before it
        self.history = HistoryTable([self.tr("Time"), self.tr("Action"), self.tr("Status"), self.tr("Actor"), self.tr("Note")])
        _wrap_notes(self.history)
        self.history.setMinimumHeight(PAGE_MIN_HEIGHT)

        summary = QWidget()
        case_layout = QVBoxLayout(summary)
        case_layout.setContentsMargins(4, 4, 4, 4)
        case_layout.addWidget(self.case_label)
        case_layout.addWidget(self.parcel_label)
        case_layout.addStretch(1)
        case_page = QScrollArea()  # scrolls rather than holding the list's rows back in a low dock
        case_page.setWidgetResizable(True)
        case_page.setFrameShape(QFrame.NoFrame)
        case_page.setWidget(summary)
        case_page.setMinimumHeight(PAGE_MIN_HEIGHT)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("case_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(case_page, "")
        self.tabs.addTab(self.thumbnails, "")
        self.tabs.addTab(self.history, "")
        self._name_tabs(0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        self.flags = CaseFlagsLine()  # 举证核验: the case's evidence flags, above the buttons
        self.thumbnails.changed.connect(self.flags.mark_changed)
        layout.addWidget(self.flags)
        layout.addWidget(self.buttons_widget)

    def tr(self, text):
        return QCoreApplication.translate("CaseDetails", text)

    def show_case(self, record, evidence, events, photo_paths, new_case):
        """The case's summary, trail and buttons; its thumbnails are read again only when they changed."""
        reread = new_case or photo_paths != self._photo_paths
        self.flags.show_case(record, evidence, keep_changed=not reread)
        if reread:
            self._photo_paths = list(photo_paths)
            captions = [photo_flag_texts(record, e) for e in evidence]
            self.thumbnails.show_photos(record.case_id, photo_paths, captions, [e.sha256 for e in evidence])
        self._show_summary(record, evidence)
        self.history.show_events(events)
        self.history.resizeRowsToContents()
        self._name_tabs(len(photo_paths), len(events))

    def clear_case(self):
        self.flags.clear_case()
        self.thumbnails.cancel()
        self.thumbnails.clear()
        self._photo_paths = []
        self.case_label.clear()
        self.parcel_label.clear()
        self.history.setRowCount(0)
        self._name_tabs(0, 0)
        self.set_actions([])

    def stop_photos(self):
        """Cancel the thumbnails and close the viewer; the next ``show_case`` reads the thumbnails again."""
        self.thumbnails.cancel()
        self.thumbnails.close_viewer()
        self._photo_paths = []

    def _name_tabs(self, photos, events):
        self.tabs.setTabText(TAB_CASE, self.tr("Case"))
        self.tabs.setTabText(TAB_PHOTOS, self.tr("Photos ({count})").format(count=photos))
        self.tabs.setTabText(TAB_HISTORY, self.tr("History ({count})").format(count=events))

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

    def set_actions(self, actions, note=""):
        """One button per action, in the order given; ``note`` beside them (the steps that are another role's)."""
        while self.buttons_layout.count() > 1:  # the last item is the role note
            item = self.buttons_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for position, action in enumerate(actions):
            button = QPushButton(render(domain.action_label(action)))
            button.setObjectName(f"action_{action}")
            button.setProperty("action", action)
            if self.letter_keys and action in SHORTCUT_KEYS:
                button.setToolTip(self.tr("Shortcut: {key}").format(key=SHORTCUT_KEYS[action]))
            button.clicked.connect(lambda _checked=False, a=action: self.action_chosen.emit(a))
            self.buttons_layout.insertWidget(position, button)
        self.role_note.setText(note)  # empty, it still takes the room the buttons leave: they keep their width

    def action_buttons(self):
        """The buttons of the actions shown now, in their order."""
        widgets = (self.buttons_layout.itemAt(position).widget() for position in range(self.buttons_layout.count()))
        return [widget for widget in widgets if isinstance(widget, QPushButton)]


def _wrap_notes(history):
    """The note column takes the width the others leave and wraps; rows grow to their notes, no sideways scroll."""
    header = history.horizontalHeader()
    for column in range(history.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.Stretch if column == NOTE_COLUMN else QHeaderView.ResizeToContents)
    history.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    history.setTextElideMode(Qt.ElideNone)
    history.setWordWrap(True)
    header.sectionResized.connect(lambda *_args: history.resizeRowsToContents())


def _selectable_label():
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label
