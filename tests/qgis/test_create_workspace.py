"""farmlandgrid:createworkspace against real PostgreSQL servers: the schema, the group roles (created only where
missing), the township logins and the photo folder recorded; a second run changes nothing; the DBA's three lines
then give a person their township; logins without the rights get a message saying what is needed."""

import pytest
from qgis.core import QgsProcessingException

from farmland_grid_plugin.store import open_workspace, pg_schema
from farmland_grid_plugin.store.schema import SCHEMA_VERSION, workspace_schema_version

from .helpers import RecordingFeedback, run_algorithm
from .postgis import LOGINS, PostgisServer

ALG_ID = "farmlandgrid:createworkspace"


@pytest.fixture(scope="module")
def bare():
    """A server of its own without the workspace's group roles, as a county's DBA first has it."""
    server = PostgisServer().start()
    server.sql("postgres", "DROP ROLE " + ", ".join(LOGINS) + "; DROP ROLE " + ", ".join(pg_schema.GROUP_ROLES))
    yield server
    server.stop()


def create(location, feedback=None, **extra):
    return run_algorithm(ALG_ID, {"WORKSPACE": location, **extra}, feedback)


def rows(server, dbname, sql):
    return [line.split("|") for line in server.sql(dbname, sql).splitlines() if line]


def test_a_login_that_may_not_create_roles_is_told_what_to_ask_for(provider, bare):
    # Before the next test, which creates the roles on this server.
    dbname = bare.new_database()
    bare.sql("postgres", f"CREATE ROLE owner_li LOGIN; ALTER DATABASE {dbname} OWNER TO owner_li")
    with pytest.raises(QgsProcessingException) as refused:
        create(bare.location(dbname, "owner_li"))
    message = str(refused.value)
    assert "The group roles farmland_admin, farmland_reviewer, farmland_township, farmland_viewer do not exist" in message
    assert "your login owner_li may not create roles" in message
    assert "CREATE ROLE farmland_admin NOLOGIN; CREATE ROLE farmland_reviewer NOLOGIN;" in message
    assert rows(bare, dbname, "SELECT count(*) FROM pg_namespace WHERE nspname = 'farmland_grid'") == [["0"]]


def test_creates_schema_roles_and_logins_then_changes_nothing_when_run_again(provider, bare, tmp_path):
    dbname = bare.new_database()
    feedback = RecordingFeedback()
    logins = ["wang_li", "530102001", "wang_li", "530102002", "chen_min", "530102002"]
    first = create(bare.location(dbname), feedback, FILES_FOLDER=str(tmp_path), TOWNSHIP_LOGINS=logins)

    assert first["CREATED"] is True and first["SCHEMA_VERSION"] == SCHEMA_VERSION
    assert first["ROLES_CREATED"].split(", ") == list(pg_schema.GROUP_ROLES)
    assert first["LOGINS_ADDED"] == 3
    roles = rows(bare, "postgres", "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'farmland_%' ORDER BY 1")
    assert roles == [[role, "f"] for role in sorted(pg_schema.GROUP_ROLES)]
    tables = rows(bare, dbname, "SELECT tablename FROM pg_tables WHERE schemaname = 'farmland_grid' ORDER BY 1")
    expected = ["case_events", "cases", "evidence", "farmland_grid_meta", "space_code_registry", "township_logins"]
    assert [t for (t,) in tables] == expected
    meta = dict(rows(bare, dbname, "SELECT key, value FROM farmland_grid.farmland_grid_meta"))
    assert meta["files_root"] == str(tmp_path) and meta["schema_version"] == str(SCHEMA_VERSION)
    recorded = rows(bare, dbname, "SELECT login, township_code FROM farmland_grid.township_logins ORDER BY 1, 2")
    assert recorded == [["chen_min", "530102002"], ["wang_li", "530102001"], ["wang_li", "530102002"]]
    assert "Group roles created: " + ", ".join(pg_schema.GROUP_ROLES) in feedback.lines
    # Neither login exists yet: the log gives the DBA's lines for each.
    assert any(line.startswith("chen_min is no login of the server yet: CREATE ROLE chen_min LOGIN") for line in feedback.lines)

    again = create(bare.location(dbname), FILES_FOLDER=str(tmp_path), TOWNSHIP_LOGINS=logins)
    assert (again["CREATED"], again["ROLES_CREATED"], again["LOGINS_ADDED"]) == (False, "", 0)
    assert rows(bare, dbname, "SELECT count(*) FROM farmland_grid.township_logins") == [["3"]]
    assert rows(bare, dbname, "SELECT value FROM farmland_grid.farmland_grid_meta WHERE key = 'created_at'") == [
        [meta["created_at"]]
    ]

    # The three lines of the help: wang_li now sees the cases of township 530102001 only.
    bare.sql(dbname, "CREATE ROLE wang_zhou LOGIN; GRANT farmland_township TO wang_zhou;")
    bare.sql(dbname, "INSERT INTO farmland_grid.township_logins VALUES ('wang_zhou', '530102001');")
    with open_workspace(bare.location(dbname)) as workspace:
        unit = "5301020010010000000"
        patches = [{"case_id": "C1", "unit_code": unit}, {"case_id": "C2", "unit_code": "5301020020010000000"}]
        assert workspace.cases.issue(patches, "县自然资源局")[0] == ["C1", "C2"]
    with open_workspace(bare.location(dbname, "wang_zhou"), create=False) as workspace:
        assert [record.case_id for record in workspace.cases.cases()] == ["C1"]


def test_a_login_without_rights_on_the_database_gets_the_servers_refusal(provider, postgis):
    dbname = postgis.new_database()
    with pytest.raises(QgsProcessingException) as refused:
        create(postgis.location(dbname, "viewer_liu"))
    message = str(refused.value)
    assert "permission denied for database" in message and "user=viewer_liu" in message
    assert "needs the owner of the database or a superuser" in message
    assert postgis.sql(dbname, "SELECT count(*) FROM pg_namespace WHERE nspname = 'farmland_grid'").strip() == "0"


def test_an_admin_adds_township_logins_a_reviewer_may_not(provider, postgis):
    dbname = postgis.new_workspace()
    added = create(postgis.location(dbname, "admin_zhang"), TOWNSHIP_LOGINS=["township_chen", "530102003"])
    assert (added["CREATED"], added["ROLES_CREATED"], added["LOGINS_ADDED"]) == (False, "", 1)
    with pytest.raises(QgsProcessingException) as refused:
        create(postgis.location(dbname, "reviewer_li"), TOWNSHIP_LOGINS=["township_chen", "530102004"])
    assert "permission denied for table township_logins" in str(refused.value)
    assert "recording township logins an administrator (farmland_admin)" in str(refused.value)
    found = postgis.sql(dbname, "SELECT township_code FROM farmland_grid.township_logins WHERE login = 'township_chen'")
    assert sorted(found.split()) == ["530102002", "530102003"]


@pytest.mark.parametrize(
    "logins, problem",
    [
        (["wang li", "530102001"], "Township logins, row 1: 'wang li' is not a login name"),
        (["wang_li", "530102001", "chen", "5301"], "Township logins, row 2: '5301' is not a 9-digit township code"),
        (["wang_li"], "give a township code for every login"),
    ],
)
def test_bad_township_rows_are_named(provider, postgis, logins, problem):
    with pytest.raises(QgsProcessingException, match=problem):
        create(postgis.location(postgis.new_workspace()), TOWNSHIP_LOGINS=logins)


def test_a_geopackage_workspace_is_created_too(provider, tmp_path):
    path = tmp_path / "county.gpkg"
    result = create(str(path), CRS="EPSG:4523")
    assert (result["CREATED"], result["SCHEMA_VERSION"]) == (True, SCHEMA_VERSION)
    assert workspace_schema_version(path) == SCHEMA_VERSION
    with open_workspace(path, create=False) as workspace:
        assert workspace.cases.crs.authid() == "EPSG:4523"
