"""The space-code registry contract on both backends (GeoPackage file, PostgreSQL workspace as admin_zhang), two
coding sessions at once on PostgreSQL, a login without the right to code, and assignspacecodes with a PostgreSQL
WORKSPACE."""

import threading
import time

import pytest

from farmland_grid_plugin.store.cases import CaseStoreError

from . import backends
from .helpers import open_layer, run_algorithm

GROUP_CODE = "530102001001001"
CODE = GROUP_CODE + "00017X"
COLUMNS = "space_code, county_code, group_code, serial, status, issued_at, retired_at, parent_codes"


@pytest.fixture(params=backends.BACKENDS)
def backend(request, tmp_path):
    return backends.make_backend(request.param, tmp_path, request)


def test_registry_contract(backend):
    with backend.open() as opened:
        registry = opened.registry
        assert opened.registry is registry  # opened once, on first use
        assert registry.highest_serials() == {} and registry.retired_codes() == set()
        with registry.transaction() as inside:
            assert inside is registry
            registry.record({CODE: ("530102001001001000099", "530102001001001000098")}, (), "2025-01-01T00:00:00Z")
            assert registry.highest_serials() == {GROUP_CODE: 17}  # its own writes, before the commit
        with pytest.raises(OSError, match="disk full"), registry.transaction():  # all or nothing
            registry.record({GROUP_CODE + "00018Z": ()}, (CODE,), "2025-02-01T00:00:00Z")
            raise OSError("disk full")
        assert registry.highest_serials() == {GROUP_CODE: 17} and registry.retired_codes() == set()
        with registry.transaction():
            # codes coded before the registry are taken in; a code issued again keeps its first record
            registry.record(
                {"530102002003000" + "00004K": ()}, (), "2025-03-01T00:00:00Z", existing=[CODE, GROUP_CODE + "00002Q"]
            )
        with registry.transaction():
            registry.record({}, (GROUP_CODE + "00002Q",), "2025-04-01T00:00:00Z")
        assert registry.highest_serials() == {GROUP_CODE: 17, "530102002003000": 4}
        assert registry.retired_codes() == {GROUP_CODE + "00002Q"}
    assert backend.rows(f"SELECT {COLUMNS} FROM space_code_registry ORDER BY space_code") == [
        (GROUP_CODE + "00002Q", "530102", GROUP_CODE, 2, "retired", "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z", ""),
        (CODE, "530102", GROUP_CODE, 17, "active", "2025-01-01T00:00:00Z", None, "530102001001001000099; 530102001001001000098"),
        ("530102002003000" + "00004K", "530102", "530102002003000", 4, "active", "2025-03-01T00:00:00Z", None, ""),
    ]


def test_two_coding_sessions_never_draw_the_same_serial(postgis):
    backend = backends.PostgresBackend(postgis)
    first, second = backend.open(), backend.as_login("admin_zhang")
    drawn, inside, waited = {}, threading.Event(), {}

    def code(workspace, name, hold_s):
        started = time.monotonic()
        with workspace.registry.transaction():
            waited[name] = time.monotonic() - started
            serial = workspace.registry.highest_serials().get(GROUP_CODE, 0) + 1
            inside.set()
            time.sleep(hold_s)  # the rest of a coding run: outputs written while the lock is held
            workspace.registry.record({f"{GROUP_CODE}{serial:05d}X": ()}, (), "2025-05-01T00:00:00Z")
        drawn[name] = serial

    one = threading.Thread(target=code, args=(first, "first", 0.5))
    one.start()
    assert inside.wait(10)
    two = threading.Thread(target=code, args=(second, "second", 0.0))
    two.start()
    one.join(30)
    two.join(30)
    assert drawn == {"first": 1, "second": 2}
    assert waited["second"] > 0.3  # it waited for the first session's commit
    assert backend.rows("SELECT serial FROM space_code_registry ORDER BY serial") == [(1,), (2,)]
    first.close()
    second.close()


def test_a_login_without_the_right_to_code_draws_nothing(postgis):
    backend = backends.PostgresBackend(postgis)
    with backend.as_login("reviewer_li") as opened:
        assert opened.registry.highest_serials() == {}  # reading is everyone's
        with pytest.raises(CaseStoreError, match="^Your login reviewer_li may not assign space codes in the workspace"):
            with opened.registry.transaction():
                opened.registry.record({CODE: ()}, (), "2025-05-01T00:00:00Z")
    assert backend.rows("SELECT COUNT(*) FROM space_code_registry") == [(0,)]


def test_assignspacecodes_with_a_postgresql_workspace(provider, county, postgis, tmp_path):
    backend = backends.PostgresBackend(postgis)
    result = run_algorithm(
        "farmlandgrid:assignspacecodes",
        {
            "INPUT": county.uri(county.parcels_layer),
            "WORKSPACE": backend.location,
            "OUTPUT": str(tmp_path / "coded.gpkg"),
            "OUTPUT_LINEAGE": "memory:",
        },
    )
    codes = {f["space_code"] for f in open_layer(result["OUTPUT"]).getFeatures() if f["space_code"]}
    stored = backend.rows("SELECT space_code, status FROM space_code_registry")
    assert len(codes) == result["NEW_CODES"] > 100
    assert {code for code, _ in stored} == codes and {status for _, status in stored} == {"active"}
