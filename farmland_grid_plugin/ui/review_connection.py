"""The review dock's side of its workspace: choosing and opening it (in the background), connecting again, waiting
for it in scripts, the role it gives, and what its refusals and failures say.

A mixin of ``EvidenceReviewDock``; the requests themselves go through ``review_workspace.ReviewWorkspace`` (``self.link``).
Texts are in the dock's translation context.
"""

import time

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QApplication

from .. import settings
from ..domain import roles
from ..domain.messages import DomainError
from ..i18n import render
from ..store.cases import CaseChanged
from .role import ChosenRole

# What an error message is about; it goes once that is put right (None: the case shown, it goes with the case).
CAUSE_REVIEWER, CAUSE_WORKSPACE, CAUSE_READ, CAUSE_ROLE = "reviewer", "workspace", "read", "role"
CAUSE_SERVER = "server"  # the workspace does not answer: goes with the next answer
CAUSE_CASE = "case"  # the case could not be read: goes once it is


class WorkspaceSide:
    """Opening the workspace, the role, and the workspace's answers as the dock shows them."""

    def _location_chosen(self, text):
        if text != self.link.location or self.workspace is None:
            self.open_workspace(text)

    @property
    def workspace(self):
        """The ``store.Workspace`` shown, or None. It belongs to the worker thread: the dock reads it through ``link``."""
        return self.link.workspace

    def open_workspace(self, location):
        """Open a workspace (a GeoPackage path or a PostgreSQL location) in the background; its cases are listed once
        it is open, and the workspace shown stays until then. Returns False when no location is given."""
        text = str(location or "").strip()
        if not text:
            none = QCoreApplication.translate("EvidenceReviewDock", "Choose a GeoPackage file or a PostgreSQL connection")
            self.show_error(none, CAUSE_WORKSPACE)
            return False
        self.file_widget.set_location(text)
        self.show_info(QCoreApplication.translate("EvidenceReviewDock", "Opening the workspace…"))
        self.link.open(text, lambda result, error: self._opened(text, result, error))
        return True

    def retry(self):
        """Connect to the workspace again and read the list (and the case shown) anew."""
        if self.link.location:
            self.show_info(QCoreApplication.translate("EvidenceReviewDock", "Connecting to the workspace again…"))
            self.link.retry(lambda result, error: self._opened(self.link.location, result, error))

    def _opened(self, text, result, error):
        if error is not None:
            self.file_widget.set_location(self.link.location)  # the workspace still shown
            self._store_error(
                error,
                QCoreApplication.translate("EvidenceReviewDock", "Cannot open the workspace {location}: {error}"),
                CAUSE_WORKSPACE,
                retry=True,
            )
            return
        self._show_case(None)
        self.location = result.workspace.location
        self.roles = result.roles or ChosenRole()
        self._show_role()
        settings.save("review_workspace", self.location)
        self.clear_message()
        self.refresh()

    def wait_until_idle(self, timeout_s=10.0):
        """Let the event loop run until the workspace has answered every request; False after ``timeout_s``.

        For scripts and tests, which read the dock right after asking it something; the user never waits on it."""
        deadline = time.monotonic() + timeout_s
        while self.link.busy() or self.link.gathering():
            if time.monotonic() > deadline:
                return False
            QApplication.processEvents()
            time.sleep(0.005)
        QApplication.processEvents()
        return True

    def _busy(self, busy):
        self.busy_bar.setVisible(busy)

    def _slow(self):
        text = QCoreApplication.translate("EvidenceReviewDock", "The workspace does not answer: the server is slow or out of reach. The dock keeps waiting; Retry connects again")  # noqa: E501 - one line for pylupdate  # fmt: skip
        self.show_error(text, CAUSE_SERVER, retry=True)

    # -- the role

    def role(self):
        """The user's role now (``domain.roles.REVIEWER``, ``FIELD`` or ``VIEWER``)."""
        return self.roles.role()

    def set_role(self, role):
        """Choose the role as the user would in the dock."""
        self.role_combo.setCurrentIndex(self.role_combo.findData(roles.known_role(role)))

    def _show_role(self):
        self.role_combo.blockSignals(True)
        self.role_combo.setCurrentIndex(self.role_combo.findData(self.roles.role()))
        for index in range(self.role_combo.count()):  # an admin of a server chooses among the roles it gives
            item = self.role_combo.model().item(index)
            item.setEnabled(self.role_combo.itemData(index) in self.roles.choices or not self.roles.choosable)
        self.role_combo.blockSignals(False)
        self.role_combo.setEnabled(self.roles.choosable)
        from_server = QCoreApplication.translate("EvidenceReviewDock", "Your role is given by the workspace's server for your login: it decides the steps the dock offers")  # noqa: E501 - one line for pylupdate  # fmt: skip
        self.role_combo.setToolTip(self._role_tip if isinstance(self.roles, ChosenRole) else from_server)

    def _role_chosen(self, _index):
        role = self.role_combo.currentData()
        if self.roles.choosable and role != self.roles.role():
            self.roles.choose(role)
        self.message_label.resolved(CAUSE_ROLE)
        self._show_again()

    # -- answers

    def _store_error(self, error, template, cause, retry=False):
        """What the store (or its server) refused or failed, said in the dock; an unexpected error is logged too.

        A step refused because someone else was first (``CaseChanged``) names who and when; no retry for it."""
        if isinstance(error, DomainError):
            retry = retry and not isinstance(error, CaseChanged)
            self.show_error(render(error.message), cause, retry)
            return
        self._log_unexpected(error)
        self.show_error(template.format(location=self.link.location, error=error), cause, retry)

    def _answered(self, cause):
        """An answer came: the messages about the workspace not answering (and ``cause``) go."""
        self.message_label.resolved(CAUSE_SERVER)
        self.message_label.resolved(cause)
