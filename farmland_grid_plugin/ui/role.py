"""Where the review dock takes the user's role from (审核员 or 外业/乡镇), which decides the buttons it offers.

A GeoPackage workspace knows no users: the user chooses the role in the dock (``ChosenRole``, kept in
the settings). A workspace whose server knows its users (PostgreSQL, issue 15) gives its own provider:
its case store defines ``role_provider()`` returning a ``RoleProvider`` with the role the server
grants and ``choosable`` False; the dock then shows that role and does not let it be changed.
"""

from .. import settings
from ..domain import roles


class RoleProvider:
    """The user's role (one of ``domain.roles.ROLES``), and whether the user may choose it."""

    choosable = False

    def role(self):
        raise NotImplementedError

    def choose(self, role):
        raise PermissionError("the role is given by the workspace")


class ChosenRole(RoleProvider):
    """The role the user chose in the dock (the reviewer until another is chosen), remembered in the settings."""

    choosable = True

    def __init__(self):
        self._role = roles.known_role(settings.load().review_role)

    def role(self):
        return self._role

    def choose(self, role):
        self._role = roles.known_role(role)
        settings.save("review_role", self._role)


def role_provider(workspace):
    """The workspace's own provider when its store knows the user's role, else the user's choice."""
    provided = getattr(workspace.cases, "role_provider", None) if workspace is not None else None
    return provided() if callable(provided) else ChosenRole()
