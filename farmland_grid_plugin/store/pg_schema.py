"""The workspace schema in PostgreSQL/PostGIS (schema ``farmland_grid``): tables, group roles, rights.

The tables carry the same columns as the GeoPackage workspace (``store/schema.py`` is the one list of
them) and the same ``schema_version``, so a workspace moves between the two without a mapping. What a
server adds is enforced by the server itself, not by the plugin:

- group roles ``farmland_admin`` (issues cases, assigns codes, migrates; may take every step),
  ``farmland_reviewer`` (send back, approve, close, reopen), ``farmland_township`` (collect, add
  evidence, report, rectify — only for the townships ``township_logins`` gives the login) and
  ``farmland_viewer`` (reads). A person is a login granted one of them;
- grants per table and column, row-level security for the townships, and triggers that check each
  change of status and each event against the loop (``domain.cases.transition_table``) and the role;
- ``case_events`` is append-only for everyone, the owner included: no UPDATE/DELETE grant, and a
  trigger refusing UPDATE, DELETE and TRUNCATE;
- every event and every piece of evidence committed is announced on the channel ``NOTIFY_CHANNEL``
  (JSON: case id, action, actor, login, time), so open docks update without polling.

``create_schema`` makes all of it in one transaction (``ensure_roles`` first, with a login that may
create roles); ``schema_version`` reads what a database holds.
"""

from typing import Optional

from osgeo import ogr

from ..domain import cases as domain
from ..domain.messages import QT_TR_NOOP
from .cases import CaseStoreError
from .pg_location import SCHEMA
from .schema import CASE_FIELDS, CASES, EVENT_FIELDS, EVENTS, EVIDENCE, EVIDENCE_FIELDS, META, REGISTRY, SCHEMA_VERSION

ADMIN, REVIEWER, TOWNSHIP, VIEWER = "farmland_admin", "farmland_reviewer", "farmland_township", "farmland_viewer"
GROUP_ROLES = (ADMIN, REVIEWER, TOWNSHIP, VIEWER)
TOWNSHIP_LOGINS = "township_logins"
NOTIFY_CHANNEL = "farmland_grid_cases"
# The role whose members take an action besides the admins (who may take every step).
ACTION_ROLES = {
    domain.ISSUE: ADMIN,
    domain.COLLECT: TOWNSHIP,
    domain.REPORT: TOWNSHIP,
    domain.RECTIFY: TOWNSHIP,
    domain.SEND_BACK: REVIEWER,
    domain.APPROVE: REVIEWER,
    domain.CLOSE: REVIEWER,
    domain.REOPEN: REVIEWER,
}
# Case columns the loop changes (verdicts, steps, the evidence flags); the others are the admin's.
STEP_COLUMNS = (
    "status",
    "verdict",
    "verdict_reason",
    "rectification",
    "updated_at",
    "checks",
    "photo_count",
    "view_spread_deg",
    "flagged_photos",
)
_PG_TYPES = {
    ogr.OFTString: "text",
    ogr.OFTDate: "date",
    ogr.OFTReal: "double precision",
    ogr.OFTInteger: "integer",
    ogr.OFTInteger64: "bigint",
}


def q(name: str) -> str:
    """A table of the workspace schema, quoted."""
    return f'"{SCHEMA}"."{name}"'


def _columns(fields) -> str:
    return ", ".join(f'"{name}" {_PG_TYPES[kind]}' for name, kind, _version in fields)


def _tables(srid: int) -> str:
    return f"""
CREATE SCHEMA "{SCHEMA}";
CREATE TABLE {q(META)} (key text PRIMARY KEY, value text);
CREATE TABLE {q(CASES)} (fid bigserial PRIMARY KEY, {_columns(CASE_FIELDS)}, geom geometry(MultiPolygon, {srid}));
ALTER TABLE {q(CASES)} ALTER COLUMN case_id SET NOT NULL, ADD UNIQUE (case_id);
CREATE INDEX ON {q(CASES)} (status);
CREATE INDEX ON {q(CASES)} (township_code);
CREATE INDEX ON {q(CASES)} (unit_code text_pattern_ops);
CREATE INDEX ON {q(CASES)} (person);
CREATE INDEX ON {q(CASES)} (due_date);
CREATE INDEX ON {q(CASES)} USING gist (geom);
CREATE TABLE {q(EVENTS)} (event_id bigserial PRIMARY KEY, {_columns(EVENT_FIELDS)},
    login text NOT NULL DEFAULT session_user);
ALTER TABLE {q(EVENTS)} ALTER COLUMN case_id SET NOT NULL,
    ADD FOREIGN KEY (case_id) REFERENCES {q(CASES)} (case_id);
CREATE INDEX ON {q(EVENTS)} (case_id, event_id);
CREATE TABLE {q(EVIDENCE)} (fid bigserial PRIMARY KEY, {_columns(EVIDENCE_FIELDS)},
    login text NOT NULL DEFAULT session_user, geom geometry(Point, {srid}));
ALTER TABLE {q(EVIDENCE)} ALTER COLUMN case_id SET NOT NULL,
    ADD FOREIGN KEY (case_id) REFERENCES {q(CASES)} (case_id);
CREATE INDEX ON {q(EVIDENCE)} (case_id, fid);
CREATE INDEX ON {q(EVIDENCE)} (sha256);
CREATE TABLE {q(REGISTRY)} (space_code text PRIMARY KEY, county_code text NOT NULL, group_code text NOT NULL,
    serial integer NOT NULL, status text NOT NULL, issued_at text NOT NULL, retired_at text, parent_codes text);
CREATE INDEX ON {q(REGISTRY)} (group_code, serial);
CREATE TABLE {q(TOWNSHIP_LOGINS)} (login text NOT NULL, township_code text NOT NULL, PRIMARY KEY (login, township_code));
"""


def _member(role: str) -> str:
    return f"pg_has_role(session_user, '{role}', 'member')"


def _step_rules() -> str:
    """Triggers: a change of status must be a step of the loop the login's roles may take; events match their case."""
    steps = []
    for action, (sources, target) in domain.transition_table().items():
        who = f"({_member(ADMIN)} OR {_member(ACTION_ROLES[action])})"
        froms = ", ".join(f"'{status}'" for status in sorted(sources))
        steps.append(f"(OLD.status IN ({froms}) AND NEW.status = '{target}' AND {who})")
    event_roles = " ".join(f"WHEN '{action}' THEN {_member(ADMIN)} OR {_member(role)}" for action, role in ACTION_ROLES.items())
    guard = f"""
CREATE FUNCTION "{SCHEMA}".refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'farmland_grid: the events are the audit trail; they are never changed or deleted'
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON {q(EVENTS)} FOR EACH ROW EXECUTE FUNCTION "{SCHEMA}".refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON {q(EVENTS)} FOR EACH STATEMENT
    EXECUTE FUNCTION "{SCHEMA}".refuse_change();
"""
    status_rule = f"""
CREATE FUNCTION "{SCHEMA}".check_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT ({" OR ".join(steps)}) THEN
        RAISE EXCEPTION 'farmland_grid: % may not change case % from % to %', session_user, OLD.case_id, OLD.status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER step_rules BEFORE UPDATE ON {q(CASES)} FOR EACH ROW EXECUTE FUNCTION "{SCHEMA}".check_status();
"""
    event_rule = f"""
CREATE FUNCTION "{SCHEMA}".check_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    now_status text;
BEGIN
    IF NOT COALESCE(CASE NEW.action {event_roles} ELSE false END, false) THEN
        RAISE EXCEPTION 'farmland_grid: % may not record the step % for case %', session_user, NEW.action, NEW.case_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT status INTO now_status FROM {q(CASES)} WHERE case_id = NEW.case_id;
    IF NOT FOUND THEN  -- no such case, or not one of the login's townships (row-level security)
        RAISE EXCEPTION 'farmland_grid: % may not record a step for case %', session_user, NEW.case_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF now_status IS DISTINCT FROM NEW.to_status THEN
        RAISE EXCEPTION 'farmland_grid: the event % of case % does not lead to its status %', NEW.action, NEW.case_id, now_status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    NEW.login := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER step_rules BEFORE INSERT ON {q(EVENTS)} FOR EACH ROW EXECUTE FUNCTION "{SCHEMA}".check_event();
"""
    notify = f"""
CREATE FUNCTION "{SCHEMA}".announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- one branch per table: plpgsql plans each statement on its own, and the tables' columns differ
    IF TG_TABLE_NAME = '{EVIDENCE}' THEN
        PERFORM pg_notify('{NOTIFY_CHANNEL}', json_build_object('case_id', NEW.case_id, 'action', 'evidence',
            'actor', NEW.added_by, 'login', NEW.login, 'time', NEW.added_at)::text);
    ELSE
        PERFORM pg_notify('{NOTIFY_CHANNEL}', json_build_object('case_id', NEW.case_id, 'action', NEW.action,
            'actor', NEW.actor, 'login', NEW.login, 'time', NEW.time)::text);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER announce AFTER INSERT ON {q(EVENTS)} FOR EACH ROW EXECUTE FUNCTION "{SCHEMA}".announce();
CREATE TRIGGER announce AFTER INSERT ON {q(EVIDENCE)} FOR EACH ROW EXECUTE FUNCTION "{SCHEMA}".announce();
"""
    return guard + status_rule + event_rule + notify


def _own_townships(column: str = "township_code") -> str:
    return f"{column} IN (SELECT township_code FROM {q(TOWNSHIP_LOGINS)} WHERE login = session_user)"


def _rights() -> str:
    """Grants and row-level security (the table owner, who ran createworkspace, is not limited by the policies)."""
    everyone = ", ".join(GROUP_ROLES)
    readers = ", ".join((ADMIN, REVIEWER, VIEWER))
    steps = ", ".join(f'"{column}"' for column in STEP_COLUMNS)
    visible_case = f"case_id IN (SELECT case_id FROM {q(CASES)})"  # itself under the policies of cases
    return f"""
GRANT USAGE ON SCHEMA "{SCHEMA}" TO {everyone};
GRANT SELECT ON {q(META)}, {q(CASES)}, {q(EVENTS)}, {q(EVIDENCE)}, {q(REGISTRY)} TO {everyone};
GRANT SELECT ON {q(TOWNSHIP_LOGINS)} TO {everyone};
GRANT INSERT, UPDATE ON {q(CASES)}, {q(REGISTRY)}, {q(META)} TO {ADMIN};
GRANT INSERT, DELETE ON {q(TOWNSHIP_LOGINS)} TO {ADMIN};
GRANT UPDATE ({steps}) ON {q(CASES)} TO {REVIEWER}, {TOWNSHIP};
GRANT INSERT ON {q(EVENTS)} TO {ADMIN}, {REVIEWER}, {TOWNSHIP};
GRANT INSERT ON {q(EVIDENCE)} TO {ADMIN}, {TOWNSHIP};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{SCHEMA}" TO {ADMIN}, {REVIEWER}, {TOWNSHIP};

ALTER TABLE {q(CASES)} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {q(EVENTS)} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {q(EVIDENCE)} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {q(TOWNSHIP_LOGINS)} ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON {q(CASES)} FOR SELECT TO {readers} USING (true);
CREATE POLICY read_own ON {q(CASES)} FOR SELECT TO {TOWNSHIP} USING ({_own_townships()});
CREATE POLICY issue ON {q(CASES)} FOR INSERT TO {ADMIN} WITH CHECK (true);
CREATE POLICY step ON {q(CASES)} FOR UPDATE TO {ADMIN}, {REVIEWER} USING (true) WITH CHECK (true);
CREATE POLICY step_own ON {q(CASES)} FOR UPDATE TO {TOWNSHIP} USING ({_own_townships()}) WITH CHECK ({_own_townships()});
CREATE POLICY read_all ON {q(EVENTS)} FOR SELECT TO {readers} USING (true);
CREATE POLICY read_own ON {q(EVENTS)} FOR SELECT TO {TOWNSHIP} USING ({visible_case});
CREATE POLICY record ON {q(EVENTS)} FOR INSERT TO {ADMIN}, {REVIEWER} WITH CHECK (true);
CREATE POLICY record_own ON {q(EVENTS)} FOR INSERT TO {TOWNSHIP} WITH CHECK ({visible_case});
CREATE POLICY read_all ON {q(EVIDENCE)} FOR SELECT TO {readers} USING (true);
CREATE POLICY read_own ON {q(EVIDENCE)} FOR SELECT TO {TOWNSHIP} USING ({visible_case});
CREATE POLICY attach ON {q(EVIDENCE)} FOR INSERT TO {ADMIN} WITH CHECK (true);
CREATE POLICY attach_own ON {q(EVIDENCE)} FOR INSERT TO {TOWNSHIP} WITH CHECK ({visible_case});
CREATE POLICY read_all ON {q(TOWNSHIP_LOGINS)} FOR SELECT TO {readers} USING (true);
CREATE POLICY read_own ON {q(TOWNSHIP_LOGINS)} FOR SELECT TO {TOWNSHIP} USING (login = session_user);
CREATE POLICY manage ON {q(TOWNSHIP_LOGINS)} FOR ALL TO {ADMIN} USING (true) WITH CHECK (true);
"""


def missing_roles(cursor) -> list:
    """The group roles the database cluster does not have yet."""
    cursor.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (list(GROUP_ROLES),))
    found = {name for (name,) in cursor.fetchall()}
    return [role for role in GROUP_ROLES if role not in found]


def ensure_roles(cursor) -> list:
    """Create the missing group roles (NOLOGIN; needs CREATEROLE); returns the ones created."""
    missing = missing_roles(cursor)
    for role in missing:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    return missing


def schema_version(cursor) -> Optional[int]:
    """The workspace schema version the database holds, None without a workspace schema."""
    cursor.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.{META}",))
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT value FROM {q(META)} WHERE key = 'schema_version'")
    row = cursor.fetchone()
    if row is None or not str(row[0]).isdigit():
        raise CaseStoreError(QT_TR_NOOP("The PostgreSQL schema {schema} has no readable schema version"), schema=SCHEMA)
    return int(row[0])


def create_schema(cursor, srid: int, created_at: str) -> None:
    """Every table, trigger, grant and policy of the current version, in the caller's transaction.

    The group roles must exist (``ensure_roles``): the grants name them.
    """
    cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    cursor.execute(_tables(int(srid)))
    cursor.execute(_step_rules())
    cursor.execute(_rights())
    cursor.execute(
        f"INSERT INTO {q(META)} (key, value) VALUES ('schema_version', %s), ('created_at', %s)",
        (str(SCHEMA_VERSION), created_at),
    )
