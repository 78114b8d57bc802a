"""Who takes which step of the case loop: the reviewer (审核员) and the field staff of a township (外业/乡镇).

The field staff collect the evidence, report the case and carry out the rectification; the reviewer
sends a report back or approves it, closes the case and reopens it. A viewer (领导, 查看) reads and
takes no step: a PostgreSQL workspace gives that role to the logins of ``farmland_viewer``. The state
machine in ``cases`` says which steps a case allows now; a role offers the part of them that is its own.
"""

from . import cases
from .messages import QT_TR_NOOP, Message

REVIEWER = "reviewer"
FIELD = "field"
VIEWER = "viewer"
ROLES = (REVIEWER, FIELD, VIEWER)
DEFAULT_ROLE = REVIEWER  # a county reviewer is not offered 上报 by default

ROLE_LABELS = {
    REVIEWER: QT_TR_NOOP("Reviewer (county)"),
    FIELD: QT_TR_NOOP("Field staff (township)"),
    VIEWER: QT_TR_NOOP("Viewer (read only)"),
}

ROLE_ACTIONS = {
    REVIEWER: frozenset({cases.SEND_BACK, cases.APPROVE, cases.CLOSE, cases.REOPEN}),
    FIELD: frozenset({cases.COLLECT, cases.REPORT, cases.RECTIFY}),
    VIEWER: frozenset(),
}


def role_label(role):
    return Message(ROLE_LABELS[role]) if role in ROLE_LABELS else Message("{role}", role=role)


def known_role(role):
    """The role itself when it is one of ``ROLES``, else the default (a stale or empty setting)."""
    return role if role in ROLES else DEFAULT_ROLE


def actions_for(role, allowed):
    """The actions of ``allowed`` (in their order) that ``role`` takes."""
    own = ROLE_ACTIONS[known_role(role)]
    return [action for action in allowed if action in own]


def role_of(action):
    """The role that takes ``action``."""
    return next(role for role in ROLES if action in ROLE_ACTIONS[role])


def others_note(role, allowed):
    """A Message naming the steps of ``allowed`` that are another role's ("Now for …: …"), None when there are none.

    A viewer is told that the workspace lets it read only."""
    own = ROLE_ACTIONS[known_role(role)]
    others = [action for action in allowed if action not in own]
    if not others:
        return None
    if known_role(role) == VIEWER:
        return Message(QT_TR_NOOP("Read only: your login may look at the cases but take no step"))
    actions = cases.LabelList(cases.ACTION_LABELS[action] for action in others)
    return Message(QT_TR_NOOP("Now for {role}: {actions}"), role=role_label(role_of(others[0])), actions=actions)


def not_your_step(action):
    """A Message saying that ``action`` is possible now, but a step of the other role."""
    return Message(
        QT_TR_NOOP("{action} is a step for the role “{role}”"),
        action=cases.action_label(action),
        role=role_label(role_of(action)),
    )
