"""domain.field_package: manifests, package names, patrollers, M values to times, and the step a returned package takes."""

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from farmland_grid_plugin.domain import cases
from farmland_grid_plugin.domain import field_package as rules

MADE = datetime(2025, 5, 6, 8, 0, tzinfo=timezone.utc)


def manifest(**changes):
    values = dict(
        package_id="p", person="张三", cells=("1",), cases=("C1",), workspace="ws", schema_version=4, created_at=MADE, level=6
    )
    return rules.Manifest(**{**values, **changes})


def test_manifest_round_trip_and_refusals():
    original = manifest(files={"data.gpkg": "ab"})
    assert rules.manifest_from_json(original.to_json()) == original
    rules.check_manifest(original, "ws", 4)
    with pytest.raises(rules.PackageRefused, match="another workspace"):
        rules.check_manifest(original, "other", 4)
    with pytest.raises(rules.PackageRefused, match="schema version"):
        rules.check_manifest(manifest(schema_version=5), "ws", 4)
    with pytest.raises(rules.PackageRefused, match="format"):
        rules.check_manifest(manifest(format=rules.PACKAGE_FORMAT + 1), "ws", 4)
    with pytest.raises(rules.PackageRefused, match="damaged"):
        rules.manifest_from_json({"person": "x"})


def test_package_names_and_patrollers():
    assert rules.package_id(["130123001001002", "130123001001001"], "张 三/") == "130123001001001_张_三__+1"
    assert rules.field_keeper(["李四", "王五"], ["责任人", "田管员"]) == "王五"
    assert rules.field_keeper(["李四"], []) == "李四" and rules.field_keeper([], []) is None
    packages, orphans = rules.group_by_person(["a", "b", "c"], ["张三", None, "张三"])
    assert packages == {"张三": ["a", "c"]} and orphans == ["b"]


def test_m_values_are_seconds_since_the_first_vertex():
    assert rules.vertex_times(100.0, [0, 30, 90]).tolist() == [100.0, 130.0, 190.0]
    assert rules.vertex_times(100.0, [0, 300_000, 600_000]).tolist() == [100.0, 400.0, 700.0]  # milliseconds
    assert np.isnan(rules.vertex_times(0.0, [0, np.nan])[1])


def test_field_step_never_undoes_a_later_step():
    later = MADE + timedelta(days=1)
    assert rules.field_step(cases.ISSUED, True, True, MADE - timedelta(days=1), MADE).action == cases.REPORT
    assert rules.field_step(cases.ISSUED, False, True, None, MADE).action == cases.COLLECT
    assert rules.field_step(cases.COLLECTING, False, True, None, MADE).action is None
    assert rules.field_step(cases.REPORTED, True, False, later, MADE).reason == rules.ALREADY_IMPORTED
    assert rules.field_step(cases.RETURNED, True, False, later, MADE).reason == rules.STALE_MARK
    assert rules.field_step(cases.APPROVED, True, False, MADE - timedelta(days=1), MADE).reason == rules.CASE_NOT_OPEN
