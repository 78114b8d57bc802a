import dataclasses
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain.messages import DomainError

NOW = datetime(2025, 3, 1, 8, 30, tzinfo=timezone.utc)

# Every transition the loop allows: (status, verdict, action) → new status.
ALLOWED = {
    (c.ISSUED, None, c.COLLECT): c.COLLECTING,
    (c.ISSUED, None, c.REPORT): c.REPORTED,
    (c.COLLECTING, None, c.REPORT): c.REPORTED,
    (c.RETURNED, c.LEGAL, c.REPORT): c.REPORTED,
    (c.REPORTED, c.LEGAL, c.SEND_BACK): c.RETURNED,
    (c.REPORTED, c.LEGAL, c.APPROVE): c.APPROVED,
    (c.APPROVED, c.ILLEGAL, c.RECTIFY): c.RECTIFYING,
    (c.APPROVED, c.LEGAL, c.CLOSE): c.CLOSED,
    (c.APPROVED, c.OTHER, c.CLOSE): c.CLOSED,
    (c.RECTIFYING, c.ILLEGAL, c.CLOSE): c.CLOSED,
    (c.CLOSED, c.ILLEGAL, c.REOPEN): c.RETURNED,
}

# Every (status, verdict) a case can be in, with the actions allowed there, in the loop's order.
EXPECTED_ALLOWED = {
    (c.ISSUED, None): [c.COLLECT, c.REPORT],
    (c.COLLECTING, None): [c.REPORT],
    (c.REPORTED, c.LEGAL): [c.SEND_BACK, c.APPROVE],
    (c.REPORTED, c.ILLEGAL): [c.SEND_BACK, c.APPROVE],
    (c.RETURNED, c.OTHER): [c.REPORT],
    (c.APPROVED, c.LEGAL): [c.CLOSE],
    (c.APPROVED, c.OTHER): [c.CLOSE],
    (c.APPROVED, c.ILLEGAL): [c.RECTIFY],
    (c.RECTIFYING, c.ILLEGAL): [c.CLOSE],
    (c.CLOSED, c.LEGAL): [c.REOPEN],
    (c.CLOSED, c.ILLEGAL): [c.REOPEN],
}


def state(status, verdict=None, **kw):
    reason = "temporary facility, permit pending" if verdict == c.OTHER else None
    return c.CaseState("P0001", status, verdict=verdict, verdict_reason=reason, **kw)


def do(case, action, note="checked on site", actor="李四", **kw):
    return c.transition(case, action, actor, note, NOW, **kw)


def allowed_in_message(error):
    text = str(error.message)
    assert "Allowed now: " in text, text
    return text.split("Allowed now: ", 1)[1].split(", ")


@pytest.mark.parametrize("key", sorted(EXPECTED_ALLOWED, key=str))
def test_allowed_actions(key):
    assert c.allowed_actions(state(*key)) == EXPECTED_ALLOWED[key]


@pytest.mark.parametrize("key", sorted(ALLOWED, key=str))
def test_every_allowed_transition(key):
    status, verdict, action = key
    kw = {"verdict": c.LEGAL} if action == c.REPORT and verdict is None else {}
    new, event = do(state(status, verdict), action, **kw)
    assert new.status == ALLOWED[key]
    assert (event.case_id, event.from_status, event.to_status, event.action) == ("P0001", status, new.status, action)
    assert (event.actor, event.time, event.note) == ("李四", NOW, "checked on site")
    assert event.time_text == "2025-03-01T08:30:00Z"


REFUSED = [
    (status, verdict, action)
    for status in c.STATUSES
    for verdict in (None, *c.VERDICTS)
    for action in c.ACTIONS
    if action not in c.allowed_actions(c.CaseState("P0001", status, verdict=verdict))
]


@pytest.mark.parametrize("status, verdict, action", REFUSED)
def test_every_refusal_lists_exactly_the_allowed_actions(status, verdict, action):
    case = state(status, verdict)
    allowed = c.allowed_actions(case)
    with pytest.raises(c.TransitionRefused) as refused:
        do(case, action, verdict=c.LEGAL if action == c.REPORT else None)
    error = refused.value
    assert error.allowed == allowed and error.status == status and error.action == action
    text = str(error.message)
    assert text.startswith(f"Case P0001 ({c.STATUS_LABELS[status]}): {c.ACTION_LABELS[action]} is not possible now")
    if allowed:
        assert allowed_in_message(error) == [c.ACTION_LABELS[a] for a in allowed]
    else:
        assert "no action is allowed" in text


def test_refusals_cover_every_status_and_action():
    assert {status for status, _, _ in REFUSED} == set(c.STATUSES)
    assert {action for _, _, action in REFUSED} == set(c.ACTIONS)


def test_refusal_is_translated_piece_by_piece():
    with pytest.raises(c.TransitionRefused) as refused:
        do(state(c.ISSUED), c.APPROVE)
    template = "Case {case_id} ({status}): {action} is not possible now. Allowed now: {allowed}"
    chinese = {
        template: "案件 {case_id}（{status}）：不能{action}。当前可执行：{allowed}",
        "Issued": "已下发",
        "Approve": "审核通过",
        "Start collecting evidence": "开始举证",
        "Report": "上报",
    }
    text = refused.value.message.render(lambda context, source: chinese.get(source, source))
    assert text == "案件 P0001（已下发）：不能审核通过。当前可执行：开始举证, 上报"


def test_unknown_action_and_unknown_status():
    with pytest.raises(DomainError, match="Unknown case action 'approve_all'"):
        do(state(c.ISSUED), "approve_all")
    odd = c.CaseState("X", "archived")
    assert c.allowed_actions(odd) == []
    with pytest.raises(c.TransitionRefused, match=r"Case X \(archived\): Reopen is not possible now, and no action"):
        do(odd, c.REOPEN)


def test_actor_is_required():
    for actor in ("", "   ", None):
        with pytest.raises(DomainError, match="actor is missing"):
            c.transition(state(c.ISSUED), c.COLLECT, actor, "", NOW)
    new, event = c.transition(state(c.ISSUED), c.COLLECT, "  王五 ", "  ", NOW)
    assert event.actor == "王五" and event.note == ""


def test_time_must_be_aware():
    with pytest.raises(ValueError):
        c.transition(state(c.ISSUED), c.COLLECT, "王五", "", datetime(2025, 3, 1, 8, 30))
    local = datetime(2025, 3, 1, 16, 30, tzinfo=timezone(timedelta(hours=8)))
    _, event = c.transition(state(c.ISSUED), c.COLLECT, "王五", "", local)
    assert event.time_text == "2025-03-01T08:30:00Z"
    assert c.parse_iso_utc(event.time_text) == local
    assert c.parse_iso_utc("2025-03-01T16:30:00+08:00") == local


@pytest.mark.parametrize(
    "status, action, verdict, needed",
    [
        (c.REPORTED, c.SEND_BACK, c.LEGAL, "sending it back needs a note"),
        (c.APPROVED, c.RECTIFY, c.ILLEGAL, "needs the rectification plan"),
        (c.RECTIFYING, c.CLOSE, c.ILLEGAL, "needs the rectification result"),
        (c.CLOSED, c.REOPEN, c.LEGAL, "reopening it needs a note"),
    ],
)
def test_notes_required(status, action, verdict, needed):
    assert c.requires_note(status, action, verdict)
    for note in ("", "  ", None):
        with pytest.raises(DomainError, match=needed):
            do(state(status, verdict), action, note=note)
    new, event = do(state(status, verdict), action, note=" 理由 ")
    assert event.note == "理由"


@pytest.mark.parametrize(
    "status, action, verdict",
    [
        (c.ISSUED, c.COLLECT, None),
        (c.ISSUED, c.REPORT, None),
        (c.COLLECTING, c.REPORT, None),
        (c.RETURNED, c.REPORT, c.LEGAL),
        (c.REPORTED, c.APPROVE, c.LEGAL),
        (c.APPROVED, c.CLOSE, c.LEGAL),
        (c.APPROVED, c.CLOSE, c.OTHER),
    ],
)
def test_notes_optional(status, action, verdict):
    assert not c.requires_note(status, action, verdict)
    kw = {"verdict": c.ILLEGAL} if action == c.REPORT and verdict is None else {}
    new, event = do(state(status, verdict), action, note="", **kw)
    assert event.note == ""


def test_report_needs_a_valid_verdict():
    with pytest.raises(DomainError, match="reporting needs a verdict: Legal, Illegal, Other"):
        do(state(c.COLLECTING), c.REPORT)
    with pytest.raises(DomainError, match="reporting needs a verdict"):
        do(state(c.COLLECTING), c.REPORT, verdict="  ")
    with pytest.raises(DomainError, match="unknown verdict 'unlawful'; the verdicts are: Legal, Illegal, Other"):
        do(state(c.COLLECTING), c.REPORT, verdict="unlawful")
    with pytest.raises(DomainError, match="the verdict Other needs a reason"):
        do(state(c.COLLECTING), c.REPORT, verdict=c.OTHER)
    with pytest.raises(DomainError, match="the verdict Other needs a reason"):
        do(state(c.COLLECTING), c.REPORT, verdict=c.OTHER, verdict_reason="  ")
    new, _ = do(state(c.COLLECTING), c.REPORT, verdict=c.OTHER, verdict_reason=" 设施农用地备案 ")
    assert (new.verdict, new.verdict_reason) == (c.OTHER, "设施农用地备案")
    new, _ = do(state(c.COLLECTING), c.REPORT, verdict=c.ILLEGAL)
    assert (new.status, new.verdict, new.verdict_reason) == (c.REPORTED, c.ILLEGAL, None)


def test_re_report_keeps_or_changes_the_verdict():
    returned = state(c.RETURNED, c.OTHER)
    kept, _ = do(returned, c.REPORT)
    assert (kept.verdict, kept.verdict_reason) == (c.OTHER, returned.verdict_reason)
    same, _ = do(returned, c.REPORT, verdict=c.OTHER)
    assert same.verdict_reason == returned.verdict_reason
    replaced, _ = do(returned, c.REPORT, verdict=c.OTHER, verdict_reason="新理由")
    assert replaced.verdict_reason == "新理由"
    changed, _ = do(returned, c.REPORT, verdict=c.ILLEGAL)
    assert (changed.verdict, changed.verdict_reason) == (c.ILLEGAL, None)
    with pytest.raises(DomainError, match="needs a reason"):
        do(returned, c.REPORT, verdict_reason="")


def test_verdict_and_rectification_only_where_they_belong():
    with pytest.raises(DomainError, match="a verdict is given only when the case is reported"):
        do(state(c.REPORTED, c.LEGAL), c.APPROVE, verdict=c.ILLEGAL)
    with pytest.raises(DomainError, match="rectification notes are recorded only"):
        do(state(c.REPORTED, c.LEGAL), c.APPROVE, rectification="demolished")


def test_rectification_text_follows_the_plan_then_the_result():
    approved = state(c.APPROVED, c.ILLEGAL)
    rectifying, event = do(approved, c.RECTIFY, note="拆除违建，复耕")
    assert rectifying.rectification == "拆除违建，复耕" and event.note == "拆除违建，复耕"
    closed, event = do(rectifying, c.CLOSE, note="已拆除并复耕", rectification="2025-04-01 验收合格")
    assert closed.rectification == "2025-04-01 验收合格" and event.note == "已拆除并复耕"
    # legal cases close straight after approval, with nothing to rectify
    with pytest.raises(c.TransitionRefused) as refused:
        do(state(c.APPROVED, c.LEGAL), c.RECTIFY, note="plan")
    assert refused.value.allowed == [c.CLOSE]


def test_full_loop_and_reopen():
    case = c.CaseState("P0002", c.ISSUED, due_date=date(2025, 3, 31))
    steps = [
        (c.COLLECT, "", {}),
        (c.REPORT, "photos taken", {"verdict": c.ILLEGAL}),
        (c.SEND_BACK, "photo of the north side missing", {}),
        (c.REPORT, "north side added", {}),
        (c.APPROVE, "", {}),
        (c.RECTIFY, "demolish and replant", {}),
        (c.CLOSE, "demolished, wheat sown", {}),
        (c.REOPEN, "rebuilt after closing", {}),
    ]
    trail = []
    for action, note, kw in steps:
        case, event = c.transition(case, action, "赵六", note, NOW, **kw)
        trail.append((event.from_status, event.to_status))
    assert trail == [
        (c.ISSUED, c.COLLECTING),
        (c.COLLECTING, c.REPORTED),
        (c.REPORTED, c.RETURNED),
        (c.RETURNED, c.REPORTED),
        (c.REPORTED, c.APPROVED),
        (c.APPROVED, c.RECTIFYING),
        (c.RECTIFYING, c.CLOSED),
        (c.CLOSED, c.RETURNED),
    ]
    assert case.status == c.RETURNED and case.verdict == c.ILLEGAL
    assert case.rectification == "demolished, wheat sown" and case.due_date == date(2025, 3, 31)
    assert c.allowed_actions(case) == [c.REPORT]


def test_transition_does_not_change_the_given_state():
    case = state(c.ISSUED)
    frozen = dataclasses.replace(case)
    do(case, c.REPORT, verdict=c.LEGAL)
    assert case == frozen
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.status = c.CLOSED


def test_issue_event():
    event = c.issue_event("P0003", "县自然资源局 张三", NOW, note="2025 年第一季度卫片")
    assert (event.from_status, event.to_status, event.action) == ("", c.ISSUED, c.ISSUE)
    with pytest.raises(DomainError, match="actor is missing"):
        c.issue_event("P0003", "", NOW)


def test_due_dates():
    issued = date(2025, 2, 20)
    assert c.due_date(issued, False) == date(2025, 3, 22)
    assert c.due_date(issued, True) == date(2025, 3, 7)
    rule = c.DueRule(days=60, accountable_days=20)
    assert c.due_date(issued, False, rule) == date(2025, 4, 21)
    assert c.due_date(issued, True, rule) == date(2025, 3, 12)
    with pytest.raises(ValueError):
        c.DueRule(days=0)


def test_overdue():
    due = date(2025, 3, 22)
    assert not c.is_overdue(state(c.COLLECTING, due_date=due), date(2025, 3, 22))
    assert c.is_overdue(state(c.COLLECTING, due_date=due), date(2025, 3, 23))
    assert c.is_overdue(state(c.RECTIFYING, c.ILLEGAL, due_date=due), date(2025, 4, 1))
    assert not c.is_overdue(state(c.CLOSED, c.LEGAL, due_date=due), date(2025, 4, 1))
    assert not c.is_overdue(state(c.ISSUED), date(2030, 1, 1))


def test_labels_cover_every_value():
    assert set(c.STATUS_LABELS) == set(c.STATUSES)
    assert set(c.ACTION_LABELS) == {*c.ACTIONS, c.ISSUE}
    assert set(c.VERDICT_LABELS) == set(c.VERDICTS)
    assert str(c.status_label(c.RECTIFYING)) == "Rectification under way"
    assert str(c.verdict_label("odd")) == "odd"


def test_attribute_texts_and_flags():
    assert c.text_value(12.0) == "12" and c.text_value(" a ") == "a" and c.text_value("  ") is None
    assert c.text_value(None) is None and c.text_value(1.5) == "1.5"
    assert [c.flag_value(v) for v in ("是", "Yes", "0", "", None, 1, 0)] == [True, True, False, None, None, True, False]


def test_patches_to_issue_reasons_and_accountability():
    box = shapely.box(0, 0, 10, 10)
    geoms = np.array([box, box, None, box, box, box], dtype=object)
    nan = float("nan")
    columns = c.PatchColumns(
        fids=[1, 2, 3, 4, 5, 6],
        patch_ids=["P1", 2.0, "P3", "P1", None, "P6"],
        group_codes=["530102001001000", None, None, None, None, None],
        village_codes=["530102001001", None, None, None, None, None],
        persons=["张三", None, None, None, None, "  "],
        phones=[None] * 6,
        accountable=[None, "是", None, None, None, None],
        farmland_mu=[12.0, 0.0, 1.0, 1.0, 1.0, nan],
        pbf_mu=[0.0, 0.0, 0.0, 0.0, 0.0, nan],
    )
    patches = c.patches_to_issue(columns, geoms, np.full(6, 0.15), "2025Q1-", date(2025, 5, 6), True)
    reasons = [p.reason for p in patches]
    assert reasons == [None, c.REASON_NO_FARMLAND, c.REASON_EMPTY_GEOMETRY, c.REASON_DUPLICATE, c.REASON_NO_PATCH_ID, None]
    first = patches[0].case
    assert first["case_id"] == "2025Q1-P1" and first["unit_code"] == "530102001001" and first["person"] == "张三"
    assert first["accountable"] and first["farmland_mu"] == 12.0 and first["issued_on"] == date(2025, 5, 6)
    assert patches[1].case["patch_id"] == "2" and patches[1].case["accountable"]  # the flag, not the figures
    assert patches[2].geometry is None and patches[5].case["farmland_mu"] is None and patches[5].case["person"] is None
    assert shapely.from_wkb(first["geometry"]).equals(box)
