"""Where the review dock takes the user's role from (审核员, 外业/乡镇 or 查看), which decides the buttons it offers.

A GeoPackage workspace knows no users: the user chooses the role in the dock (``ChosenRole``, kept in
the settings). A workspace whose server knows its users (PostgreSQL, issue 15) gives its own provider:
its case store defines ``role_provider()`` returning a ``RoleProvider`` with the role the server
grants (``GrantedRole``): a reviewer, township staff or a viewer cannot change it; an admin may take
every step and chooses among ``choices``.
"""

from .. import settings
from ..domain import roles


class RoleProvider:
    """The user's role (one of ``domain.roles.ROLES``), and whether (and among which roles) the user may choose it."""

    choosable = False
    choices = ()

    def role(self):
        raise NotImplementedError

    def choose(self, role):
        raise PermissionError("the role is given by the workspace")


class ChosenRole(RoleProvider):
    """The role the user chose in the dock (the reviewer until another is chosen), remembered in the settings."""

    choosable = True
    choices = roles.ROLES

    def __init__(self):
        self._role = roles.known_role(settings.load().review_role)

    def role(self):
        return self._role

    def choose(self, role):
        self._role = roles.known_role(role)
        settings.save("review_role", self._role)


class GrantedRole(RoleProvider):
    """The role a server grants the login; with two ``choices`` or more (an admin) the user picks one for the session."""

    def __init__(self, role, choices=()):
        self._role = roles.known_role(role)
        self.choices = tuple(choices)
        self.choosable = len(self.choices) > 1

    def role(self):
        return self._role

    def choose(self, role):
        if role not in self.choices:
            raise PermissionError(f"the workspace does not give the role {role!r}")
        self._role = role


def server_role(cases):
    """The provider of a store that knows the user's role (it may ask its server: call it off the main thread), else None."""
    provided = getattr(cases, "role_provider", None)
    return provided() if callable(provided) else None


def role_provider(workspace):
    """The workspace's own provider when its store knows the user's role, else the user's choice."""
    provided = server_role(workspace.cases) if workspace is not None else None
    return provided if provided is not None else ChosenRole()
