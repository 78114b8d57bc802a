"""举证审核: the evidence review dock of the case loop.

A reviewer opens the workspace (a GeoPackage, or a PostgreSQL workspace shared with other reviewers and the
townships), filters the case list (status, unit code, person, overdue), walks through the cases with J/K
(or Down/Up), sees each case on the map with its evidence photos (points with the direction of view,
thumbnails, a viewer), reads the audit trail and takes the next step of the loop with the buttons. The
buttons follow the user's role (审核员, 外业/乡镇 or 查看; a PostgreSQL workspace gives the role its server
grants); approving and closing ask first; the single-letter keys A (approve) and B (send back) are
off until the user turns them on. Every step is written to the workspace at once by the store;
refusals (also the server's) are shown in the dock, in the user's language, and go once their cause is fixed.
The dock never waits for the workspace: it is read and written in a worker thread (``review_workspace``), a
busy sign shows meanwhile, and a server that does not answer is said so with a Retry. Other users' steps
on a PostgreSQL workspace show in the list (and in the case shown) within seconds, without a refresh.

The dock holds the workflow; its parts live beside it: the case list and the audit trail in
``review_models``, the details of a case (tabs: case, photos, history) in ``review_details``, the
photos (thumbnails made in a ``QgsTask``, stale results dropped) in ``review_photos``, the drawings on
the map in ``review_map``, how it fits the screen and remembers its sizes in ``review_layout``, where
the role comes from in ``role``; opening the workspace and its answers in ``review_connection``, the requests,
their worker thread and the live news in ``review_workspace``.
"""

from datetime import date
from pathlib import Path

from qgis.core import QgsMessageLog
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QShortcut,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import LOG_TAG, settings
from ..domain import cases as domain
from ..domain import roles
from ..i18n import render
from ..store.pg_location import is_postgres
from . import review_layout
from .review_connection import CAUSE_CASE, CAUSE_READ, CAUSE_REVIEWER, CAUSE_ROLE, WorkspaceSide
from .review_controls import MessageLine, ReviewControls
from .review_details import SHORTCUT_KEYS, CaseDetails
from .review_flags import FlaggedOnlyCheck
from .review_listing import CaseListing, CaseRow
from .review_map import CaseMapItems
from .review_models import CaseListView
from .review_workspace import ReviewWorkspace
from .role import ChosenRole

CONFIRMED_ACTIONS = (domain.APPROVE, domain.CLOSE)  # steps that cannot be taken back: asked first


class EvidenceReviewDock(WorkspaceSide, QgsDockWidget):
    """举证审核: review the evidence of the cases in a workspace and take the next step of the loop."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.link = ReviewWorkspace(self)  # the workspace, read and written in a worker thread
        self.location = ""  # the workspace shown (never a password)
        self.map_items = CaseMapItems(self.canvas, self)
        self.roles = ChosenRole()  # the user's choice until a workspace gives its own
        self._current = None  # CaseRecord shown in the details
        self._evidence, self._events = [], []  # of the case shown, as read with it
        self._wanted = None  # the case id being read for the details
        self._updating = False  # the list is being rebuilt: selection signals are ignored meanwhile
        self.message_label = MessageLine()
        self._fitted = False  # given its opening width beside the map
        self._put_by = False  # closed by the user: news update the list, not the map, until it is shown again

        self.setObjectName("FarmlandGridReviewDock")
        self.setWindowTitle(self.tr("Evidence review"))
        self._build()
        self._install_shortcuts()
        self.topLevelChanged.connect(self._floating_changed)

        stored = settings.load()
        self.actor_edit.setText(stored.reviewer)
        self.letter_keys_action.setChecked(stored.review_letter_keys)
        self._show_role()
        self.link.busy_changed.connect(self._busy)
        self.link.slow.connect(self._slow)
        self.link.news.connect(self._news)
        self.link.reread.connect(self.refresh)
        remembered = stored.review_workspace
        if remembered and (is_postgres(remembered) or Path(remembered).is_file()):
            self.open_workspace(remembered)
        elif remembered:
            self.file_widget.set_location(remembered)

    def tr(self, text):
        return QCoreApplication.translate("EvidenceReviewDock", text)

    # -- building

    def _build(self):
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        controls = self.controls = ReviewControls()
        self.file_widget, self.actor_edit, self.role_combo = controls.file_widget, controls.actor_edit, controls.role_combo
        self.letter_keys_action, self.window_button = controls.letter_keys_action, controls.window_button
        self.status_combo, self.unit_edit, self.person_edit = controls.status_combo, controls.unit_edit, controls.person_edit
        self.overdue_check, self.count_label = controls.overdue_check, controls.count_label
        self.reload_button, self.busy_bar = controls.reload_button, controls.busy_bar
        self.list_row = controls.list_row  # the second row of filters
        layout.addWidget(controls)
        self.file_widget.location_chosen.connect(self._location_chosen)
        self.actor_edit.editingFinished.connect(self._remember_reviewer)
        self.actor_edit.textChanged.connect(lambda text: text.strip() and self.message_label.resolved(CAUSE_REVIEWER))
        self._role_tip = self.role_combo.toolTip()  # the user's own choice; a server's role says so instead
        self.role_combo.currentIndexChanged.connect(self._role_chosen)
        self.letter_keys_action.toggled.connect(self._letter_keys_toggled)
        self.window_button.clicked.connect(self._window_clicked)
        self.reload_button.clicked.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self.unit_edit.textChanged.connect(self._apply_filters)
        self.person_edit.textChanged.connect(self._apply_filters)
        self.overdue_check.toggled.connect(self._apply_filters)

        headers = [
            self.tr("Case"),
            self.tr("Status"),
            self.tr("Unit code"),
            self.tr("Person"),
            self.tr("Due date"),
            self.tr("Area (mu)"),
            self.tr("Overdue"),
        ]
        self.table = CaseListView(headers, self.tr("Overdue"))
        review_layout.compact_rows(self.table)
        self.model = self.table.cases  # filters and sorts itself
        self.flagged_check = FlaggedOnlyCheck(self.model)  # 举证核验: the cases with evidence flags only
        self.list_row.insertWidget(1, self.flagged_check)
        self.flagged_check.toggled.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.details = CaseDetails()
        self.details.action_chosen.connect(self.run_action)
        self.thumbnails = self.details.thumbnails  # the parts the tests and the bench reach through the dock
        self.history = self.details.history
        self.parcel_label = self.details.parcel_label
        self.thumbnails.unreadable.connect(self.show_error)

        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setObjectName("review_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.layout_memory = review_layout.LayoutMemory(self.splitter, self.table, self)

        message_row = QHBoxLayout()
        message_row.addWidget(self.message_label, 1)
        message_row.addWidget(self.message_label.retry_button, 0, Qt.AlignTop)
        self.message_label.retry_button.clicked.connect(self.retry)
        layout.addLayout(message_row)
        self.setWidget(body)
        self._update_count()

    def _install_shortcuts(self):
        bindings = [
            (Qt.Key_J, lambda: self.move_case(1)),
            (Qt.Key_Down, lambda: self._up_down(1)),
            (Qt.Key_K, lambda: self.move_case(-1)),
            (Qt.Key_Up, lambda: self._up_down(-1)),
        ]
        self.shortcuts = []
        for key, slot in bindings + [(key, lambda a=action: self.shortcut_action(a)) for action, key in SHORTCUT_KEYS.items()]:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        self.letter_shortcuts = self.shortcuts[len(bindings) :]  # A and B: on only when the user turns them on
        self._letter_keys_toggled(False, remember=False)

    def _letter_keys_toggled(self, on, remember=True):
        for shortcut in self.letter_shortcuts:
            shortcut.setEnabled(on)
        self.details.letter_keys = on
        if remember:
            settings.save("review_letter_keys", bool(on))
            self._show_again()  # the buttons' tooltips name the keys, or not

    def letter_keys(self):
        return self.letter_keys_action.isChecked()

    # -- fitting the screen

    def _window_clicked(self, checked):
        if checked:
            review_layout.open_as_window(self)
        else:
            self.setFloating(False)
            review_layout.fit_beside_map(self)

    def _floating_changed(self, floating):
        self.window_button.setChecked(floating)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.layout_memory.follow(self.widget().size())

    # -- reviewer

    def _remember_reviewer(self):
        settings.save("reviewer", self.actor_edit.text().strip())

    def actor(self):
        return self.actor_edit.text().strip()

    # -- the list

    def today(self):
        """The day overdue is judged on (local date); tests may replace it."""
        return date.today()

    def refresh(self):
        """Read the cases again from the store (in the background); the case shown stays selected while it is listed."""
        if not self.link.read_cases(self.today(), self._cases_read):
            self._cases_read(CaseListing(), None)

    def _cases_read(self, listing, error):
        if error is not None:
            self._store_error(error, self.tr("Cannot read the cases: {error}"), CAUSE_READ, retry=True)
            return
        self._answered(CAUSE_READ)
        case_id, listed = self._relisted(lambda: self.model.set_cases(listing))
        self.layout_memory.fit_columns()
        self._open_case(case_id if listed else None)
        self._update_count()

    def _relisted(self, change):
        """Change the list's rows keeping the shown case marked (no selection signals meanwhile); returns
        ``(shown case id, whether it is still listed)``."""
        case_id = self._shown_id()
        self._updating = True
        try:
            change()
            return case_id, self.table.mark_current(case_id)
        finally:
            self._updating = False

    def _news(self, case_ids):
        """Other users changed these cases: their rows are read again, and the case shown if it is one of them."""
        self.link.read_rows(case_ids, self._rows_read)
        if self._shown_id() in case_ids:
            self._open_case(self._shown_id())

    def _rows_read(self, rows, error):
        if error is not None:
            self._store_error(error, self.tr("Cannot read the cases: {error}"), CAUSE_READ, retry=True)
            return
        self._answered(CAUSE_READ)
        _case_id, listed = self._relisted(lambda: self.model.update_cases(rows))
        if not listed:
            self._open_case(None)
        self._update_count()

    def _apply_filters(self, *_args):
        case_id = self._current.case_id if self._current is not None else None
        self._updating = True
        try:
            self.model.set_filters(
                self.status_combo.currentData() or "",
                self.unit_edit.text(),
                self.person_edit.text(),
                self.overdue_check.isChecked(),
            )
            listed = self.table.mark_current(case_id)
        finally:
            self._updating = False
        if not listed:
            self._open_case(None)
        self._update_count()

    def _update_count(self):
        self.count_label.setText(
            self.tr("{shown} of {total} cases").format(shown=self.model.rowCount(), total=self.model.total())
        )

    def listed_case_ids(self):
        """Case ids in the order the list shows them (after filters and sorting)."""
        return self.table.listed_case_ids()

    def select_case(self, case_id):
        """Select a case as the user would: it is shown on the map and in the details. False when not listed."""
        return self.table.select_case(case_id)

    def move_case(self, step):
        """The next (step 1) or previous (step -1) case of the list."""
        self.table.move(step)

    def _up_down(self, step):
        """Down/Up move through the cases, except in the status filter, which they step through as usual."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QComboBox) and self.isAncestorOf(focus):
            focus.setCurrentIndex(min(max(focus.currentIndex() + step, 0), focus.count() - 1))
            return
        self.move_case(step)

    def _current_row_changed(self, current, _previous):
        if self._updating:
            return
        case_id = self.table.case_id_at(current)
        if case_id is None or case_id != self._shown_id():
            self.message_label.resolved(None)  # a message about the case left behind
        self._open_case(case_id)

    def current_case(self):
        """The ``CaseRecord`` shown in the details, or None."""
        return self._current

    # -- the case shown

    def _shown_id(self):
        """The case the details show, or are reading."""
        return self._wanted if self._wanted is not None else (self._current.case_id if self._current is not None else None)

    def _open_case(self, case_id):
        """Read the case (with its evidence and trail) in the background; its buttons go until it is read."""
        if case_id is None or self.workspace is None:
            self._show_case(None)
            return
        if self._put_by:
            return  # closed: the case is read again when the dock is shown
        self._wanted = case_id
        self.details.set_actions([])  # no step on what is not read yet
        self.link.read_case(case_id, self._case_read)

    def _case_read(self, result, error):
        if error is not None:
            self._wanted = None
            self._store_error(error, self.tr("Cannot read the case: {error}"), CAUSE_CASE, retry=True)
            return
        self._answered(CAUSE_CASE)
        record, evidence, events = result
        if record is None or record.case_id != self._wanted:
            self._show_case(None)  # gone meanwhile (or out of the login's sight)
        elif self._put_by:  # closed meanwhile: drawn when the dock is shown again
            self._current, self._evidence, self._events, self._wanted = record, evidence, events, None
        else:
            self._show_case(record, evidence, events)

    def _show_again(self):
        """The case shown, drawn again from what was read with it (its buttons after a change of role, say)."""
        self._show_case(self._current, self._evidence, self._events)

    def _show_case(self, record, evidence=(), events=()):
        new_case = (record.case_id if record else None) != (self._current.case_id if self._current else None)
        self._current, self._evidence, self._events, self._wanted = record, list(evidence), list(events), None
        if record is None:
            self.map_items.clear()
            self.details.clear_case()
            return
        crs = self.workspace.cases.crs
        if new_case:
            self.map_items.zoom_to(record, crs)
        self.map_items.draw(record, self._evidence, crs)
        paths = [self._photo_path(e.path) for e in self._evidence]
        self.details.show_case(record, self._evidence, self._events, paths, new_case)
        self._show_actions(record)

    def _show_actions(self, record):
        """The buttons of the steps possible now that are the user's role's; the others named beside them."""
        allowed = domain.allowed_actions(record.state)
        note = roles.others_note(self.role(), allowed)
        self.details.set_actions(roles.actions_for(self.role(), allowed), render(note) if note else "")

    def _photo_path(self, path):
        """Paths relative to the workspace's files folder (``Workspace.files_root``) are read from there."""
        photo = Path(path)
        root = self.workspace.files_root if self.workspace is not None else None
        if not photo.is_absolute() and root is not None:
            photo = Path(root) / photo
        return str(photo)

    def open_photo(self, path):
        """The photo in a viewer, upright and scaled to fit; None (with a message) when it cannot be read."""
        return self.thumbnails.open_photo(path)

    # What is drawn on the map and which thumbnail tasks still run (the tests and the bench look).

    @property
    def highlight(self):
        return self.map_items.highlight

    @property
    def evidence_markers(self):
        return self.map_items.evidence_markers

    @property
    def direction_arrows(self):
        return self.map_items.direction_arrows

    @property
    def thumbnail_tasks(self):
        return self.thumbnails.tasks

    # -- actions

    def action_buttons(self):
        """The buttons of the actions shown now, in their order."""
        return self.details.action_buttons()

    def shown_actions(self):
        return [button.property("action") for button in self.action_buttons()]

    def shortcut_action(self, action):
        """A and B: the action if it is shown now, else a note saying what is possible."""
        record = self._current
        if record is None:
            return False
        if action in self.shown_actions():
            return self.run_action(action)
        allowed = domain.allowed_actions(record.state)
        if action in allowed:  # possible now, but a step of the other role
            self.show_error(render(roles.not_your_step(action)), CAUSE_ROLE)
            return False
        refused = domain.TransitionRefused(record.case_id, record.status, action, allowed)
        self.show_error(render(refused.message))
        return False

    def confirm(self, action, record):
        """Whether the user confirms a step that cannot be taken back (tests replace this)."""
        if action == domain.APPROVE:
            question = self.tr("Approve case {case_id}? An approval cannot be taken back.")
        else:
            question = self.tr("Close case {case_id}? A closed case can only be reopened with a reason, kept in its history.")
        title = render(domain.action_label(action))
        answer = QMessageBox.question(self, title, question.format(case_id=record.case_id), QMessageBox.Yes | QMessageBox.Cancel)
        return answer == QMessageBox.Yes

    def ask_note(self, title, label):
        """``(text, ok)``: the note for a step (tests replace this)."""
        return QInputDialog.getMultiLineText(self, title, label, "")

    def ask_verdict(self):
        """``(verdict, reason, ok)`` for reporting: legal, illegal or other (other with a reason; tests replace this).

        The verdict reported before, if any, is offered first."""
        labels = [render(domain.verdict_label(v)) for v in domain.VERDICTS]
        current = self._current.state.verdict if self._current is not None else None
        start = domain.VERDICTS.index(current) if current in domain.VERDICTS else 0
        title = self.tr("Report the case")
        label, ok = QInputDialog.getItem(self, title, self.tr("Verdict:"), labels, start, False)
        if not ok:
            return None, None, False
        verdict = domain.VERDICTS[labels.index(label)]
        reason = None
        if verdict == domain.OTHER:
            reason, ok = QInputDialog.getMultiLineText(self, title, self.tr("Reason for the verdict “Other”:"), "")
            if not ok:
                return None, None, False
        return verdict, reason, True

    def _note_prompt(self, status, action):
        if action == domain.SEND_BACK:
            return self.tr("Why is the case sent back?")
        if action == domain.RECTIFY:
            return self.tr("Rectification plan:")
        if action == domain.CLOSE and status == domain.RECTIFYING:
            return self.tr("Rectification result:")
        if action == domain.REOPEN:
            return self.tr("Why is the case reopened?")
        if action == domain.APPROVE and self.details.flags.note_needed(action):
            return self.details.flags.note_prompt()
        return self.tr("Note:")

    def run_action(self, action):
        """Take a step of the loop on the shown case; returns whether the store recorded it.

        Asks before a step that cannot be taken back, prompts for what the step needs, writes it
        through the store at once, then reads the list again keeping the case selected. Refusals are
        shown in the dock, never raised.
        """
        record = self._current
        if record is None or self.workspace is None:
            return False
        actor = self.actor()
        if not actor:
            self.show_error(self.tr("Enter your name as reviewer first: every step records who took it"), CAUSE_REVIEWER)
            self.actor_edit.setFocus()
            return False
        self._remember_reviewer()
        label = render(domain.action_label(action))
        verdict = reason = None
        note = ""
        if action in CONFIRMED_ACTIONS and not self.confirm(action, record):
            return False
        if action == domain.REPORT:
            verdict, reason, ok = self.ask_verdict()
            if not ok:
                return False
        if domain.requires_note(record.status, action, record.state.verdict) or self.details.flags.note_needed(action):
            title = self.tr("{action}: case {case_id}").format(action=label, case_id=record.case_id)
            note, ok = self.ask_note(title, self._note_prompt(record.status, action))
            if not ok:
                return False
            if not (note or "").strip() and self.details.flags.note_needed(action):
                self.show_error(self.details.flags.note_missing(record.case_id))
                return False
        step = dict(note=note, verdict=verdict, verdict_reason=reason, seen_checks=self.details.flags.seen_checks())
        step["seen_events"] = len(self._events)  # someone else's step meanwhile: refused, and said who (CaseChanged)
        self.details.set_actions([])  # one step at a time: the buttons come back with the case read again
        self.show_info(self.tr("Case {case_id}: {action}…").format(case_id=record.case_id, action=label))
        self.link.apply(record.case_id, action, actor, lambda result, error: self._step_done(label, result, error), **step)
        return True

    def _step_done(self, label, result, error):
        if error is not None:
            self.refresh()  # the list and the buttons show what the store has now
            self._store_error(error, self.tr("The workspace could not record the step: {error}"), None)
            return
        state, _event, (record, evidence, events) = result
        self._rows_read([CaseRow.of(record)], None)
        if self._current is not None and self._current.case_id == record.case_id:
            self._show_case(record, evidence, events)
        status = render(domain.status_label(state.status))
        self.show_info(
            self.tr("Case {case_id}: {action} recorded; now {status}").format(case_id=record.case_id, action=label, status=status)
        )

    # -- messages

    def show_error(self, text, cause=None, retry=False):
        """An error in the dock; ``cause`` says what puts it right (None: it is about the case shown); ``retry``: with a
        Retry button (the workspace may answer on a new attempt)."""
        self.message_label.show_error(text, cause, retry)

    def show_info(self, text):
        self.message_label.show_info(text)

    def clear_message(self):
        self.message_label.clear_message()

    def message(self):
        return self.message_label.text()

    @staticmethod
    def _log_unexpected(exc):
        QgsMessageLog.logMessage(f"{type(exc).__name__}: {exc}", LOG_TAG)

    # -- closing

    def _put_away(self):
        """Remove what the dock drew on the map and stop its thumbnail tasks (on close: the workspace stays open)."""
        self.layout_memory.save()
        self.details.stop_photos()  # showing the dock again reads the thumbnails again
        self.map_items.clear()
        self._put_by = True

    def cleanup(self):
        """When the plugin unloads: put away what the dock drew, close the workspace and stop listening."""
        self._put_away()
        self.link.close()

    def closeEvent(self, event):
        self._put_away()
        super().closeEvent(event)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            review_layout.fit_beside_map(self)
        put_by, self._put_by = self._put_by, False
        if self._current is not None and self.highlight is None:  # closed before: draw the case again, then read it anew
            self._show_again()
            if put_by:
                self._open_case(self._current.case_id)
