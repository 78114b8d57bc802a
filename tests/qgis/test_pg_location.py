"""Reaching a PostgreSQL workspace without a password landing anywhere: a QGIS saved connection whose login comes
from an authentication configuration (authcfg, in the test profile's auth database with a master password), and a
URI with a password. The test cluster trusts its logins, so the login the server reports is what shows that the
authcfg's user name was used; the password itself must be in no setting, log line or ``Workspace.location``."""

import logging
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.store.cases import CaseStoreError
from farmland_grid_plugin.store.pg_location import parse_location

MASTER = "farmland-test-master"  # the test profile's master password (tests/qgis/test_pg_location.py)
SECRET = "Zhao-s3cret!pw"
CONNECTION = "farmland_authcfg_test"


@pytest.fixture
def logged():
    """Everything QGIS's message log and Python's logging receive meanwhile."""
    lines = []

    def keep(message, tag, level):
        lines.append(f"{tag}: {message}")

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Keep(level=logging.DEBUG)
    logging.getLogger().addHandler(handler)
    QgsApplication.messageLog().messageReceived.connect(keep)
    yield lines
    QgsApplication.messageLog().messageReceived.disconnect(keep)
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def saved_connection(postgis):
    dbname = postgis.new_workspace()
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER, True), "the test profile's auth database has another master password"
    config = QgsAuthMethodConfig("Basic")
    config.setName("farmland test reviewer")
    config.setConfig("username", "reviewer_zhao")
    config.setConfig("password", SECRET)
    assert manager.storeAuthenticationConfig(config)
    settings = QgsSettings()
    group = f"PostgreSQL/connections/{CONNECTION}"
    for key, value in {"host": str(postgis.root), "port": str(postgis.port), "database": dbname, "authcfg": config.id()}.items():
        settings.setValue(f"{group}/{key}", value)
    settings.sync()
    yield dbname
    settings.remove(group)
    settings.sync()
    manager.removeAuthenticationConfig(config.id())


def assert_nowhere(text, lines):
    settings = QgsSettings()
    settings.sync()
    assert not [key for key in settings.allKeys() if text in str(settings.value(key))]
    assert text not in Path(settings.fileName()).read_text(encoding="utf-8", errors="replace")
    assert not [line for line in lines if text in line]


def test_a_saved_connection_with_an_authcfg(saved_connection, logged):
    location = parse_location(f"postgres:{CONNECTION}")
    assert location.params["user"] == "reviewer_zhao" and location.params["password"] == SECRET  # decrypted in memory
    assert location.text == f"postgres:{CONNECTION}" and SECRET not in repr(location)
    with open_workspace(f"postgres:{CONNECTION}") as opened:
        assert opened.cases.login == "reviewer_zhao"  # the authcfg's user name reached the server
        assert opened.location == f"postgres:{CONNECTION}"
        assert opened.cases.cases() == [] and opened.registry.highest_serials() == {}
        with pytest.raises(CaseStoreError) as refused:
            opened.cases.issue([{"patch_id": "P1"}], "赵")
        assert SECRET not in str(refused.value) and f"postgres:{CONNECTION}" in str(refused.value)
    assert_nowhere(SECRET, logged)


def test_a_uri_with_a_password_connects_and_its_text_is_redacted(postgis, logged):
    dbname = postgis.new_workspace()
    uri = f"postgresql://admin_zhang:{SECRET}@/{dbname}?host={postgis.root}&port={postgis.port}"
    with open_workspace(uri) as opened:
        assert opened.cases.login == "admin_zhang"
        assert opened.location == f"postgresql://admin_zhang@/{dbname}?host={postgis.root}&port={postgis.port}"
        assert SECRET not in opened.cases.identity and SECRET not in str(opened.cases.location)
        opened.cases.issue([{"patch_id": "P1"}], "张三")
    conninfo = f"host={postgis.root} port={postgis.port} dbname={dbname} user=admin_zhang password='{SECRET}'"
    with open_workspace(conninfo) as opened:
        assert [r.case_id for r in opened.cases.cases()] == ["P1"] and SECRET not in opened.location
    with pytest.raises(CaseStoreError) as refused:
        open_workspace(f"postgresql://admin_zhang:{SECRET}@/no_such_db?host={postgis.root}&port={postgis.port}")
    assert str(refused.value).startswith("Cannot connect to the PostgreSQL workspace postgresql://admin_zhang@/no_such_db?")
    assert SECRET not in str(refused.value)
    assert_nowhere(SECRET, logged)
