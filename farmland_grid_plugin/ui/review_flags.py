"""举证核验 in the review dock: the flags of a case and of each of its photos, in the user's language with
their figures ("183 m from the patch", "Taken before the issue date 2026-03-02"), the files found changed
since they were attached, and whether approving the case needs a note."""

from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QCheckBox, QLabel

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import Message
from ..i18n import render

FLAGGED_STYLE = "color: #a04000;"
CLEAN_STYLE = "color: #2a6a2a;"


def is_flagged(attributes) -> bool:
    """Whether a case (its attributes as stored) is flagged: a flagged photo, a case flag, or no photo once
    reported (an issued case has none yet, as it should), as the dashboard counts them."""
    return checks.needs_attention(attributes.get("status"), attributes.get("checks"), attributes.get("flagged_photos"))


def case_flag_texts(attributes):
    """The case-level flags of a case, each as the reviewer reads it."""
    messages = checks.case_flag_messages(
        attributes.get("checks"), attributes.get("photo_count"), attributes.get("view_spread_deg")
    )
    return [render(m) for m in messages]


def photo_flag_texts(record, evidence):
    """The flags of one photo (an EvidenceRecord) of the case ``record``, each with its figure."""
    state = record.state
    messages = checks.photo_flag_messages(evidence.checks, evidence.figures, state.issued_on, state.due_date)
    return [render(m) for m in messages]


def changed_text():
    return render(Message(checks.CHANGED_SINCE_ATTACHED))


class CaseFlagsLine(QLabel):
    """The case's evidence flags, above the buttons; it knows whether approving needs a note."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("case_flags")
        self.setWordWrap(True)
        self._flagged = False
        self._changed = []  # names of the photos whose file changed since it was attached
        self._texts = []
        self.hide()

    def show_case(self, record, evidence, keep_changed=False):
        """The flags of the case shown; ``keep_changed``: the same photos as before, whose files were checked already."""
        attributes = record.attributes
        if not keep_changed:
            self._changed = []
        self._texts = case_flag_texts(attributes)
        flagged_photos = sum(1 for e in evidence if checks.parse_checks(e.checks))
        if flagged_photos:
            text = QCoreApplication.translate("CaseFlags", "{count} of {total} photos flagged")
            self._texts.append(text.format(count=flagged_photos, total=len(evidence)))
        unchecked = sum(1 for e in evidence if e.checks is None)
        if unchecked:
            text = QCoreApplication.translate("CaseFlags", "{count} photos attached before the checks existed (not checked)")
            self._texts.append(text.format(count=unchecked))
        self._flagged = is_flagged(attributes) or flagged_photos > 0
        self._render()

    def mark_changed(self, paths):
        """Files the dock found changed since they were attached (their SHA-256 differs)."""
        self._changed = sorted({Path(p).name for p in paths} | set(self._changed))
        self._render()

    def clear_case(self):
        self._flagged, self._changed, self._texts = False, [], []
        self.clear()
        self.hide()

    def _render(self):
        texts = list(self._texts)
        if self._changed:
            text = QCoreApplication.translate("CaseFlags", "Changed since attached: {files}")
            texts.append(text.format(files=", ".join(self._changed)))
        if texts:
            self.setText(QCoreApplication.translate("CaseFlags", "Evidence checks: {flags}").format(flags="; ".join(texts)))
            self.setStyleSheet(FLAGGED_STYLE if self.flagged() else CLEAN_STYLE)
        else:
            self.setText(QCoreApplication.translate("CaseFlags", "Evidence checks: no flags"))
            self.setStyleSheet(CLEAN_STYLE)
        self.show()

    def flagged(self):
        return self._flagged or bool(self._changed)

    def note_needed(self, action):
        """Approving a flagged case needs a note saying why."""
        return action == domain.APPROVE and self.flagged()

    def note_prompt(self):
        text = QCoreApplication.translate("CaseFlags", "The case has evidence flags ({flags}). Why do you approve it?")
        return text.format(flags="; ".join(self._texts + self._changed))

    def note_missing(self, case_id):
        text = QCoreApplication.translate("CaseFlags", "Case {case_id} has evidence flags: approving it needs a note saying why")
        return text.format(case_id=case_id)

    def seen_checks(self):
        """What the dock found beyond the stored flags, for the verdict's event."""
        return [f"{name}: {checks.EDITED}" for name in self._changed]


class FlaggedOnlyCheck(QCheckBox):
    """The case list's filter "flagged only" (cases with evidence flags)."""

    def __init__(self, proxy, parent=None):
        super().__init__(QCoreApplication.translate("CaseFlags", "Flagged only"), parent)
        self.setObjectName("flagged_only")
        tip = QCoreApplication.translate("CaseFlags", "Only the cases whose evidence checks found something (举证核验)")
        self.setToolTip(tip)
        self.toggled.connect(proxy.set_flagged_only)  # connected first: the proxy knows before the dock re-filters
