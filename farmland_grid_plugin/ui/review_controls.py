"""The review dock's controls above the case list, and its message line.

Four compact rows: the workspace; the reviewer's name, role, options and "window"; the filters; the
second filter row with the overdue legend, the count of the list and "reload". A busy sign beside the
workspace moves while the dock waits for it; the message line below the details carries a Retry button
when the workspace did not answer. The dock connects them.
"""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAction,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import cases as domain
from ..domain import roles
from ..i18n import render
from .review_models import OVERDUE_BACKGROUND, OVERDUE_FOREGROUND
from .workspace_picker import WorkspacePicker


class ReviewControls(QWidget):
    """Workspace, reviewer, role, options and the list's filters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)

        self.file_widget = WorkspacePicker()  # a GeoPackage or a PostgreSQL workspace
        self.busy_bar = QProgressBar()  # moving while the dock waits for the workspace
        self.busy_bar.setObjectName("busy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(36, 10)
        self.busy_bar.setToolTip(self.tr("Reading from the workspace…"))
        self.busy_bar.hide()
        layout.addLayout(_row(QLabel(self.tr("Workspace")), (self.file_widget, 1), self.busy_bar))

        self.actor_edit = QLineEdit()
        self.actor_edit.setObjectName("reviewer")
        self.actor_edit.setPlaceholderText(self.tr("Your name, recorded with every step"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        self.role_combo.setToolTip(self.tr("Your part in the case loop: it decides the steps the dock offers"))
        for role in roles.ROLES:
            self.role_combo.addItem(render(roles.role_label(role)), role)
        options_button = QToolButton()
        options_button.setIcon(QgsApplication.getThemeIcon("/mActionOptions.svg"))
        options_button.setToolTip(self.tr("Options of the review dock"))
        options_button.setPopupMode(QToolButton.InstantPopup)
        options = QMenu(options_button)
        self.letter_keys_action = QAction(self.tr("Single-letter keys: A approves, B sends back (off by default)"), options)
        self.letter_keys_action.setCheckable(True)
        options.addAction(self.letter_keys_action)
        options_button.setMenu(options)
        self.window_button = QToolButton()
        self.window_button.setObjectName("open_as_window")
        self.window_button.setText(self.tr("Window"))
        self.window_button.setCheckable(True)
        self.window_button.setToolTip(
            self.tr("Open the review as a wide window of its own (for a second monitor); press again to dock it beside the map")
        )
        layout.addLayout(
            _row(
                QLabel(self.tr("Reviewer")),
                (self.actor_edit, 1),
                QLabel(self.tr("Role")),
                self.role_combo,
                options_button,
                self.window_button,
            )
        )

        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), "")
        for status in domain.STATUSES:
            self.status_combo.addItem(render(domain.status_label(status)), status)
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("Unit code prefix"))
        self.unit_edit.setClearButtonEnabled(True)
        self.person_edit = QLineEdit()
        self.person_edit.setPlaceholderText(self.tr("Person"))
        self.person_edit.setClearButtonEnabled(True)
        layout.addLayout(_row((self.status_combo, 1), (self.unit_edit, 1), (self.person_edit, 1)))

        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        legend = _overdue_legend(self.tr("Overdue"), self.tr("Rows shaded red are overdue: past their due date and not closed"))
        self.count_label = QLabel()
        self.reload_button = QToolButton()  # an icon: the row holds the filters, the legend and the count at 1366×768
        self.reload_button.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.reload_button.setToolTip(self.tr("Read the cases again from the workspace (others may have changed them)"))
        self.list_row = _row(self.overdue_check, legend, None, self.count_label, self.reload_button)  # None: the stretch
        layout.addLayout(self.list_row)

    def tr(self, text):
        return QCoreApplication.translate("ReviewControls", text)


class MessageLine(QLabel):
    """The dock's last error or note; an error remembers its cause and goes once that is put right.

    ``retry_button`` (put beside the line by the dock) shows with the errors that a new attempt may put right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.cause = None
        self.retry_button = QPushButton(QCoreApplication.translate("ReviewControls", "Retry"))
        self.retry_button.setObjectName("retry")
        self.retry_button.setToolTip(
            QCoreApplication.translate("ReviewControls", "Connect to the workspace again and read it anew")
        )
        self.retry_button.hide()
        self.hide()

    def show_error(self, text, cause=None, retry=False):
        self.setStyleSheet("color: #b00000;")
        self._show(text, cause, retry)

    def show_info(self, text):
        self.setStyleSheet("")
        self._show(text, None, False)

    def _show(self, text, cause, retry):
        self.setText(text)
        self.cause = cause
        self.retry_button.setVisible(retry)
        self.show()

    def resolved(self, cause):
        """What the message was about is put right (None: the case it was about is left)."""
        if not self.isHidden() and self.cause == cause:
            self.clear_message()

    def clear_message(self):
        self.clear()
        self.cause = None
        self.retry_button.hide()
        self.hide()


def _row(*items):
    """A row of widgets; ``(widget, stretch)`` for one that takes the room left, None for an empty stretch."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        elif isinstance(item, tuple):
            row.addWidget(*item)
        else:
            row.addWidget(item)
    return row


def _overdue_legend(text, tooltip):
    """A swatch in the list's overdue colours, saying what the shading means."""
    background, foreground = OVERDUE_BACKGROUND.name(), OVERDUE_FOREGROUND.name()
    legend = QLabel(f'<span style="background-color:{background}; color:{foreground};">&nbsp;■ {text}&nbsp;</span>')
    legend.setObjectName("overdue_legend")
    legend.setToolTip(tooltip)
    return legend
