"""Who takes which step of the case loop: every step belongs to exactly one role, and a role sees its own in loop order."""

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles


def test_every_step_belongs_to_exactly_one_role():
    for action in c.ACTIONS:
        assert [role for role in roles.ROLES if action in roles.ROLE_ACTIONS[role]] == [roles.role_of(action)]
    assert roles.ROLE_ACTIONS[roles.FIELD] == {c.COLLECT, c.REPORT, c.RECTIFY}
    assert roles.ROLE_ACTIONS[roles.REVIEWER] == {c.SEND_BACK, c.APPROVE, c.CLOSE, c.REOPEN}


def test_a_role_is_offered_its_own_steps_in_loop_order():
    reported = c.allowed_actions(c.CaseState("P1", c.REPORTED))
    assert reported == [c.SEND_BACK, c.APPROVE]
    assert roles.actions_for(roles.REVIEWER, reported) == [c.SEND_BACK, c.APPROVE]
    assert roles.actions_for(roles.FIELD, reported) == []
    issued = c.allowed_actions(c.CaseState("P1", c.ISSUED))
    assert roles.actions_for(roles.FIELD, issued) == [c.COLLECT, c.REPORT]
    assert roles.actions_for(roles.REVIEWER, issued) == []  # a county reviewer is not offered 上报
    # An empty or stale setting counts as the default role.
    assert roles.known_role("") == roles.known_role("admin") == roles.DEFAULT_ROLE == roles.REVIEWER
    assert roles.actions_for("", reported) == [c.SEND_BACK, c.APPROVE]
    assert str(roles.role_label(roles.FIELD)) == "Field staff (township)" and str(roles.role_label("x")) == "x"


def test_the_steps_of_the_other_role_are_named():
    assert (
        str(roles.others_note(roles.REVIEWER, [c.COLLECT, c.REPORT]))
        == "Now for Field staff (township): Start collecting evidence, Report"
    )
    assert roles.others_note(roles.FIELD, [c.COLLECT, c.REPORT]) is None
    assert str(roles.not_your_step(c.APPROVE)) == "Approve is a step for the role “Reviewer (county)”"
