"""举证审核: the evidence review dock of the case loop.

A reviewer opens the workspace GeoPackage, filters the case list (status, unit code, person,
overdue), walks through the cases with J/K (or Down/Up), sees each case on the map with its
evidence photos (points with the direction of view, thumbnails, a viewer), reads the audit trail
and takes the next step of the loop with the buttons. The buttons follow the user's role (审核员 or
外业/乡镇); approving and closing ask first; the single-letter keys A (approve) and B (send back) are
off until the user turns them on. Every step is written to the workspace at once by the store;
refusals are shown in the dock, in the user's language, and go once their cause is fixed.

The dock holds the workflow; its parts live beside it: the case list and the audit trail in
``review_models``, the details of a case (tabs: case, photos, history) in ``review_details``, the
photos (thumbnails made in a ``QgsTask``, stale results dropped) in ``review_photos``, the drawings on
the map in ``review_map``, how it fits the screen and remembers its sizes in ``review_layout``, where
the role comes from in ``role``.
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
    QInputDialog,
    QMessageBox,
    QShortcut,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import LOG_TAG, settings, store
from ..domain import cases as domain
from ..domain import roles
from ..domain.messages import DomainError
from ..i18n import render
from . import review_layout
from .review_controls import MessageLine, ReviewControls
from .review_details import SHORTCUT_KEYS, CaseDetails
from .review_flags import FlaggedOnlyCheck
from .review_map import CaseMapItems
from .review_models import CaseListView
from .role import role_provider

CONFIRMED_ACTIONS = (domain.APPROVE, domain.CLOSE)  # steps that cannot be taken back: asked first
# What an error message is about; it goes once that is put right (None: the case shown, it goes with the case).
CAUSE_REVIEWER, CAUSE_WORKSPACE, CAUSE_READ, CAUSE_ROLE = "reviewer", "workspace", "read", "role"


class EvidenceReviewDock(QgsDockWidget):
    """举证审核: review the evidence of the cases in a workspace and take the next step of the loop."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.workspace = None  # the store.Workspace open now
        self.workspace_path = ""
        self.map_items = CaseMapItems(self.canvas, self)
        self.roles = role_provider(None)  # the user's choice until a workspace gives its own
        self._current = None  # CaseRecord shown in the details
        self._updating = False  # the list is being rebuilt: selection signals are ignored meanwhile
        self.message_label = MessageLine()
        self._fitted = False  # given its opening width beside the map

        self.setObjectName("FarmlandGridReviewDock")
        self.setWindowTitle(self.tr("Evidence review"))
        self._build()
        self._install_shortcuts()
        self.topLevelChanged.connect(self._floating_changed)

        stored = settings.load()
        self.actor_edit.setText(stored.reviewer)
        self.letter_keys_action.setChecked(stored.review_letter_keys)
        self._show_role()
        remembered = stored.review_workspace
        if remembered and Path(remembered).is_file():
            self.open_workspace(remembered)
        elif remembered:
            self._set_file_widget(remembered)

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
        self.reload_button = controls.reload_button
        self.list_row = controls.list_row  # the second row of filters
        layout.addWidget(controls)
        self.file_widget.fileChanged.connect(self._file_changed)
        self.actor_edit.editingFinished.connect(self._remember_reviewer)
        self.actor_edit.textChanged.connect(lambda text: text.strip() and self.message_label.resolved(CAUSE_REVIEWER))
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
        self.model, self.proxy = self.table.cases, self.table.proxy
        self.flagged_check = FlaggedOnlyCheck(self.proxy)  # 举证核验: the cases with evidence flags only
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

        layout.addWidget(self.message_label)
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
            self._show_case(self._current)  # the buttons' tooltips name the keys, or not

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

    # -- workspace, reviewer and role

    def _set_file_widget(self, path):
        self.file_widget.blockSignals(True)
        self.file_widget.setFilePath(path)
        self.file_widget.blockSignals(False)

    def _file_changed(self, path):
        # The line edit reports every keystroke: act only once the text names an existing file.
        path = (path or "").strip()
        if path and Path(path).is_file() and path != self.workspace_path:
            self.open_workspace(path)

    def _remember_reviewer(self):
        settings.save("reviewer", self.actor_edit.text().strip())

    def actor(self):
        return self.actor_edit.text().strip()

    def role(self):
        """The user's role now (``domain.roles.REVIEWER`` or ``FIELD``)."""
        return self.roles.role()

    def set_role(self, role):
        """Choose the role as the user would in the dock."""
        self.role_combo.setCurrentIndex(self.role_combo.findData(roles.known_role(role)))

    def _show_role(self):
        self.role_combo.blockSignals(True)
        self.role_combo.setCurrentIndex(self.role_combo.findData(self.roles.role()))
        self.role_combo.blockSignals(False)
        self.role_combo.setEnabled(self.roles.choosable)

    def _role_chosen(self, _index):
        role = self.role_combo.currentData()
        if self.roles.choosable and role != self.roles.role():
            self.roles.choose(role)
        self.message_label.resolved(CAUSE_ROLE)
        self._show_case(self._current)

    def open_workspace(self, path):
        """Load the cases of a workspace GeoPackage; returns whether it could be opened."""
        path = str(path or "").strip()
        self._set_file_widget(self.workspace_path)  # until the new one proves usable
        try:
            workspace = store.open_workspace(path, create=False)
        except DomainError as exc:  # no such file, no cases in it
            self.show_error(render(exc.message), CAUSE_WORKSPACE)
            return False
        except Exception as exc:  # a broken file: say so rather than raise into QGIS
            self._log_unexpected(exc)
            self.show_error(self.tr("Cannot open the workspace {path}: {error}").format(path=path, error=exc), CAUSE_WORKSPACE)
            return False
        self._show_case(None)
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = workspace
        self.workspace_path = path
        self.roles = role_provider(workspace)
        self._show_role()
        self._set_file_widget(path)
        settings.save("review_workspace", path)
        self.clear_message()
        self.refresh()
        return True

    # -- the list

    def today(self):
        """The day overdue is judged on (local date); tests may replace it."""
        return date.today()

    def refresh(self):
        """Read the cases again from the store; the case shown stays selected while it is listed."""
        records = []
        if self.workspace is not None:
            try:
                records = self.workspace.cases.cases()
                self.message_label.resolved(CAUSE_READ)
            except DomainError as exc:
                self.show_error(render(exc.message), CAUSE_READ)
            except Exception as exc:
                self._log_unexpected(exc)
                self.show_error(self.tr("Cannot read the cases: {error}").format(error=exc), CAUSE_READ)
        case_id = self._current.case_id if self._current is not None else None
        self._updating = True
        try:
            self.model.set_cases(records, self.today())
            listed = self.table.mark_current(case_id)
        finally:
            self._updating = False
        self.layout_memory.fit_columns()
        row = self.model.row_of(case_id) if listed else None
        self._show_case(self.model.record(row) if row is not None else None)
        self._update_count()

    def _apply_filters(self, *_args):
        case_id = self._current.case_id if self._current is not None else None
        self._updating = True
        try:
            self.proxy.set_filters(
                self.status_combo.currentData() or "",
                self.unit_edit.text(),
                self.person_edit.text(),
                self.overdue_check.isChecked(),
            )
            listed = self.table.mark_current(case_id)
        finally:
            self._updating = False
        if not listed:
            self._show_case(None)
        self._update_count()

    def _update_count(self):
        self.count_label.setText(
            self.tr("{shown} of {total} cases").format(shown=self.proxy.rowCount(), total=self.model.rowCount())
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
        record = self.table.record_at(current)
        if record is None or self._current is None or record.case_id != self._current.case_id:
            self.message_label.resolved(None)  # a message about the case left behind
        self._show_case(record)

    def current_case(self):
        """The ``CaseRecord`` shown in the details, or None."""
        return self._current

    # -- the case shown

    def _show_case(self, record):
        new_case = (record.case_id if record else None) != (self._current.case_id if self._current else None)
        self._current = record
        if record is None:
            self.map_items.clear()
            self.details.clear_case()
            return
        evidence, events = [], []
        try:
            evidence = self.workspace.cases.evidence(record.case_id)
            events = self.workspace.cases.events(record.case_id)
        except DomainError as exc:
            self.show_error(render(exc.message))
        except Exception as exc:
            self._log_unexpected(exc)
            self.show_error(self.tr("Cannot read the case {case_id}: {error}").format(case_id=record.case_id, error=exc))
        crs = self.workspace.cases.crs
        if new_case:
            self.map_items.zoom_to(record, crs)
        self.map_items.draw(record, evidence, crs)
        self.details.show_case(record, evidence, events, [self._photo_path(e.path) for e in evidence], new_case)
        self._show_actions(record)

    def _show_actions(self, record):
        """The buttons of the steps possible now that are the user's role's; the others named beside them."""
        allowed = domain.allowed_actions(record.state)
        note = roles.others_note(self.role(), allowed)
        self.details.set_actions(roles.actions_for(self.role(), allowed), render(note) if note else "")

    def _photo_path(self, path):
        """Paths relative to the workspace's folder are read from there."""
        photo = Path(path)
        if not photo.is_absolute() and self.workspace_path:
            photo = Path(self.workspace_path).parent / photo
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
        error = None
        try:
            cases = self.workspace.cases
            seen = self.details.flags.seen_checks()
            state, _event = cases.apply(
                record.case_id, action, actor, note=note, verdict=verdict, verdict_reason=reason, seen_checks=seen
            )
        except DomainError as exc:
            error = render(exc.message)
        except Exception as exc:
            self._log_unexpected(exc)
            error = self.tr("The workspace could not record the step: {error}").format(error=exc)
        self.refresh()  # whatever happened: the list and the buttons show what the store has now
        if error is not None:
            self.show_error(error)
            return False
        self.show_info(
            self.tr("Case {case_id}: {action} recorded; now {status}").format(
                case_id=record.case_id, action=label, status=render(domain.status_label(state.status))
            )
        )
        return True

    # -- messages

    def show_error(self, text, cause=None):
        """An error in the dock; ``cause`` says what puts it right (None: it is about the case shown)."""
        self.message_label.show_error(text, cause)

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

    def cleanup(self):
        """Remove what the dock drew on the map and stop its tasks (on close, and when the plugin unloads)."""
        self.layout_memory.save()
        self.details.stop_photos()  # showing the dock again reads the thumbnails again
        self.map_items.clear()

    def closeEvent(self, event):
        self.cleanup()
        super().closeEvent(event)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            review_layout.fit_beside_map(self)
        if self._current is not None and self.highlight is None:  # closed before: draw the case again
            self.refresh()
