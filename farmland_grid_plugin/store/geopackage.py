"""The case store in a workspace GeoPackage, written through the QGIS OGR provider.

Every write is one short transaction through the QGIS OGR provider (``QgsTransaction`` over the
layers involved): it takes the write lock first, waiting at most ``busy_timeout_ms`` for another
writer, reads what it needs, writes, and commits, or rolls back everything on any failure. So the
layers may stay open in QGIS while the store writes, and readers (QGIS layers, sqlite3, another
user) see either the whole change or nothing of it. QGIS 3.22 switches a local GeoPackage to WAL
mode while it has it open for writing and back to a rollback journal when it closes its last handle
on the file: in WAL mode readers never wait; with the rollback journal a reader only holds up the
commit for as long as its own read lasts.

One limit comes from the OGR provider: a transaction runs on the first data set QGIS has open for
writing on the file. While a case layer of the workspace is being edited in the same QGIS session,
that is the editing layer's, and the store's write fails after GDAL's lock wait (about 5 s) with a
message asking to save those edits; nothing is written.

The tables themselves are made and migrated by ``store/schema.py`` when the store is opened.
"""

import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsTransaction,
    QgsVectorLayer,
)
from qgis.PyQt import sip

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP
from .cases import (
    EVIDENCE_CHECK_NUMBERS,
    EVIDENCE_CHECK_TEXTS,
    CaseRecord,
    CaseStore,
    CaseStoreError,
    EvidenceRecord,
)
from .rows import (
    VERDICT_ACTIONS,
    WGS84,
    case_check_values,
    changed_values,
    evidence_actor,
    evidence_rows,
    issue_rows,
    new_only,
    transform_to,
    verdict_event,
)
from .schema import CASES, DEFAULT_CRS, EVENTS, EVIDENCE, prepare, read_meta, write_error
from .turns import writer_turn
from .values import (
    CrsLike,
    attributes_of,
    case_event,
    case_state,
    equals,
    new_feature,
    to_qgis,
    write_time,
)


class _Changed(Exception):
    """The case has more events than the caller saw: the transaction is rolled back, then ``CaseChanged`` raised."""


class _Writer:
    """The layers of one transaction."""

    def __init__(self, store, layers):
        self.store = store
        self.layers = layers

    def check(self, ok, layer_name):
        if ok:
            return
        provider = self.layers[layer_name].dataProvider()
        errors = "; ".join(provider.errors()) if provider.hasErrors() else ""
        raise write_error(self.store.path, errors or layer_name)

    def add(self, layer_name, features):
        ok, added = self.layers[layer_name].dataProvider().addFeatures(features)
        self.check(ok, layer_name)
        return [feature.id() for feature in added]

    def change(self, layer_name, fid, values):
        layer = self.layers[layer_name]
        changes = {layer.fields().indexOf(name): to_qgis(value) for name, value in values.items()}
        self.check(layer.dataProvider().changeAttributeValues({fid: changes}), layer_name)


class GeoPackageCaseStore(CaseStore):
    """Cases in a workspace GeoPackage (created on first use, migrated to ``SCHEMA_VERSION``).

    ``crs`` is the CRS of the case and evidence layers when they are created; an existing file
    keeps its own. ``busy_timeout_ms`` is how long a write waits for another writer to finish.
    ``transform_context``: the datum transformations to reproject with (a Processing algorithm passes
    its context's; the project's by default, on the main thread). ``create=False`` is for readers:
    a missing file or one without cases is refused (``schema.prepare``).
    """

    def __init__(
        self,
        path: Union[str, Path],
        crs: CrsLike = DEFAULT_CRS,
        busy_timeout_ms: int = 10000,
        transform_context: Optional[QgsCoordinateTransformContext] = None,
        *,
        create: bool = True,
    ):
        self.path = Path(path)
        self.transform_context = transform_context
        self.busy_timeout_ms = int(busy_timeout_ms)
        self.schema_version = prepare(self.path, crs, create=create)
        # Copies of the file keep it, and so does a workspace migrated from another (it records that one's identity);
        # another workspace has its own (field packages are refused there).
        self.identity = read_meta(self.path, "identity") or read_meta(self.path, "created_at") or str(self.path.resolve())
        with self._reading(CASES) as layer:
            self.crs = QgsCoordinateReferenceSystem(layer.crs())

    # -- layers and transactions

    def _layer(self, name):
        options = QgsVectorLayer.LayerOptions(False, False)  # no default style, no extent from XML
        layer = QgsVectorLayer(f"{self.path}|layername={name}", name, "ogr", options)
        if not layer.isValid():
            error = layer.dataProvider().error().message() if layer.dataProvider() else name
            sip.delete(layer)
            raise CaseStoreError(
                QT_TR_NOOP("The workspace {path} is not a usable GeoPackage: {error}"), path=str(self.path), error=error or name
            )
        return layer

    @contextmanager
    def _reading(self, name):
        layer = self._layer(name)
        try:
            yield layer
        finally:
            sip.delete(layer)

    @contextmanager
    def _transaction(self, *names):
        """One transaction over the named layers through the OGR provider; rolled back on any exception.

        The OGR provider only joins layers to a transaction while their data set is open for update,
        so the layers enter update mode first and leave it afterwards (QGIS then reopens them read-only).
        """
        deadline = time.monotonic() + self.busy_timeout_ms / 1000.0
        with writer_turn(self.path, deadline):
            yield from self._transaction_in_turn(names, deadline)

    def _transaction_in_turn(self, names, deadline):
        layers, entered, transaction = {}, [], None
        try:
            for name in names:
                layers[name] = self._layer(name)
            for layer in layers.values():
                if not layer.dataProvider().enterUpdateMode():
                    raise write_error(self.path, layer.name())
                entered.append(layer)
            transaction = QgsTransaction.create(set(layers.values()))
            if transaction is None:
                raise write_error(self.path, "QgsTransaction")
            self._begin_with_write_lock(transaction, names, deadline)
            try:
                yield _Writer(self, layers)
            except BaseException:
                transaction.rollback()
                raise
            ok, error = transaction.commit()
            if not ok:
                transaction.rollback()
                raise write_error(self.path, error)
        finally:
            if transaction is not None:
                sip.delete(transaction)  # detaches the layers from it
            for layer in entered:
                layer.dataProvider().leaveUpdateMode()
            for layer in layers.values():
                sip.delete(layer)

    def _begin_with_write_lock(self, transaction, names, deadline):
        """Begin the transaction holding the database's write lock, so that no other writer slips in
        between what the operation reads and what it writes; wait up to ``busy_timeout_ms`` for it.

        QgsTransaction begins with a plain (deferred) BEGIN, so the lock is taken by a first write:
        touching ``last_change`` in ``gpkg_contents``, which GeoPackage readers expect anyway. SQLite
        does not wait for a lock where waiting could deadlock (in rollback-journal mode, while this
        transaction holds a read lock and another writer commits), so a refused attempt is rolled
        back and tried again until the time is up.
        """
        tables = ", ".join(f"'{name}'" for name in names)
        lock = f"UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name IN ({tables})"
        while True:
            ok, error = transaction.begin()
            if not ok:
                raise write_error(self.path, error)
            remaining_ms = max(int((deadline - time.monotonic()) * 1000), 0)
            transaction.executeSql(f"PRAGMA busy_timeout = {min(remaining_ms, 1000)}")
            gdal.PushErrorHandler("CPLQuietErrorHandler")  # a busy database is no error yet: stay out of the log
            try:
                ok, error = transaction.executeSql(lock)
            finally:
                gdal.PopErrorHandler()
            if ok:
                return
            transaction.rollback()
            if time.monotonic() >= deadline:
                raise write_error(self.path, error)
            time.sleep(0.05)

    def _transform(self, crs):
        return transform_to(self.crs, crs, self.transform_context)

    # -- cases

    def issue(
        self,
        patches: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        note: str = "",
        rule: domain.DueRule = domain.DEFAULT_DUE_RULE,
        crs: Optional[CrsLike] = None,
    ) -> Tuple[List[str], List[str]]:
        now = write_time(now)
        rows = issue_rows(patches, actor, now, note, rule, self._transform(crs))
        with self._transaction(CASES, EVENTS) as writer:
            layer = writer.layers[CASES]
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["case_id"], layer.fields())
            taken = (feature["case_id"] for feature in layer.getFeatures(request))
            rows, skipped = new_only(rows, lambda row: row[0]["case_id"], taken)
            if rows:
                writer.add(CASES, [new_feature(layer, values, geometry) for values, geometry, _ in rows])
                self._append_events(writer, [event for _, _, event in rows])
        return [values["case_id"] for values, _, _ in rows], skipped

    def cases(
        self,
        status: Union[str, Sequence[str], None] = None,
        unit_prefix: Optional[str] = None,
        person: Optional[str] = None,
        overdue_on=None,
        geometry: bool = True,
    ) -> List[CaseRecord]:
        clauses = []
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            clauses.append(f'"status" IN ({", ".join(QgsExpression.quotedValue(s) for s in statuses) or "NULL"})')
        if person is not None:
            clauses.append(equals("person", person))
        request = QgsFeatureRequest()
        if not geometry:
            request.setFlags(QgsFeatureRequest.NoGeometry)
        if clauses:
            request.setFilterExpression(" AND ".join(clauses))
        records = self._records(request)
        if unit_prefix:
            records = [r for r in records if (r.attributes.get("unit_code") or "").startswith(unit_prefix)]
        if overdue_on is not None:
            records = [r for r in records if domain.is_overdue(r.state, overdue_on)]
        return records

    def case(self, case_id: str) -> Optional[CaseRecord]:
        found = self._records(QgsFeatureRequest().setFilterExpression(equals("case_id", case_id)))
        return found[0] if found else None

    def _records(self, request):
        with self._reading(CASES) as layer:
            records = []
            for feature in layer.getFeatures(request):
                attributes = attributes_of(feature)
                geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
                records.append(CaseRecord(feature.id(), case_state(attributes), attributes, geometry))
        return sorted(records, key=lambda r: r.fid)

    def events(self, case_id: str) -> List[domain.CaseEvent]:
        with self._reading(EVENTS) as layer:
            rows = sorted(
                (feature.id(), attributes_of(feature))
                for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression(equals("case_id", case_id)))
            )
        return [case_event(attributes) for _, attributes in rows]

    def apply(
        self,
        case_id: str,
        action: str,
        actor: str,
        note: str = "",
        now: Optional[datetime] = None,
        verdict: Optional[str] = None,
        verdict_reason: Optional[str] = None,
        rectification: Optional[str] = None,
        seen_checks: Sequence[str] = (),
        seen_events: Optional[int] = None,
    ) -> Tuple[domain.CaseState, domain.CaseEvent]:
        now = write_time(now)
        photos = [(e.path, e.checks) for e in self.evidence(case_id)] if action in VERDICT_ACTIONS else []
        try:
            with self._transaction(CASES, EVENTS) as writer:
                layer = writer.layers[CASES]
                request = QgsFeatureRequest().setFilterExpression(equals("case_id", case_id))
                request.setFlags(QgsFeatureRequest.NoGeometry)
                feature = next(layer.getFeatures(request), None)
                if feature is None:
                    raise CaseStoreError(
                        QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                    )
                if seen_events is not None:
                    events = QgsFeatureRequest(request).setNoAttributes()
                    if sum(1 for _ in writer.layers[EVENTS].getFeatures(events)) > seen_events:
                        raise _Changed()
                state = case_state(attributes_of(feature))
                new_state, event = domain.transition(state, action, actor, note, now, verdict, verdict_reason, rectification)
                if action in VERDICT_ACTIONS:
                    event = verdict_event(event, feature["checks"], photos, seen_checks)
                writer.change(CASES, feature.id(), changed_values(state, new_state, now))
                self._append_events(writer, [event])
        except _Changed:
            raise self.changed(case_id) from None
        return new_state, event

    def _append_events(self, writer, events):
        """The only write to ``case_events``: new rows at the end."""
        fields = writer.layers[EVENTS].fields()
        features = []
        for event in events:
            feature = QgsFeature(fields)
            feature["case_id"] = event.case_id
            feature["action"] = event.action
            feature["from_status"] = event.from_status
            feature["to_status"] = event.to_status
            feature["actor"] = event.actor
            feature["time"] = domain.iso_utc(event.time)
            feature["note"] = event.note
            feature["checks"] = event.checks
            features.append(feature)
        return writer.add(EVENTS, features)

    # -- evidence

    def add_evidence(
        self,
        case_id: str,
        records: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        crs: Optional[CrsLike] = None,
        rules: checks.CheckRules = checks.DEFAULT_RULES,
    ) -> Tuple[List[int], List[str]]:
        now = write_time(now)
        actor = evidence_actor(case_id, actor)
        rows = evidence_rows(case_id, records, actor, now, self._transform(crs), self._transform(WGS84))
        added = []
        with self._transaction(CASES, EVIDENCE) as writer:
            request = QgsFeatureRequest().setFilterExpression(equals("case_id", case_id)).setFlags(QgsFeatureRequest.NoGeometry)
            case = next(writer.layers[CASES].getFeatures(request), None)
            if case is None:
                raise CaseStoreError(
                    QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                )
            layer = writer.layers[EVIDENCE]
            known = (feature["path"] for feature in layer.getFeatures(QgsFeatureRequest(request)))
            rows, skipped = new_only(rows, lambda row: row[0]["path"], known)
            if rows:
                added = writer.add(EVIDENCE, [new_feature(layer, values, geometry) for values, geometry in rows])
                attached = [attributes_of(f) for f in layer.getFeatures(QgsFeatureRequest(request))]
                values = case_check_values(((a.get("direction_deg"), a.get("checks")) for a in attached), rules)
                writer.change(CASES, case.id(), values)
        return added, skipped

    def evidence(self, case_id: str) -> List[EvidenceRecord]:
        return self._evidence(QgsFeatureRequest().setFilterExpression(equals("case_id", case_id)))

    def all_evidence(self) -> List[EvidenceRecord]:
        return self._evidence(QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry))

    def _evidence(self, request):
        with self._reading(EVIDENCE) as layer:
            found = []
            for feature in layer.getFeatures(request):
                a = attributes_of(feature)
                geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
                found.append(
                    EvidenceRecord(
                        evidence_id=feature.id(),
                        case_id=a["case_id"],
                        path=a["path"],
                        taken=a.get("taken"),
                        lon_wgs84=a.get("lon_wgs84"),
                        lat_wgs84=a.get("lat_wgs84"),
                        direction_deg=a.get("direction_deg"),
                        space_code=a.get("space_code"),
                        added_at=domain.parse_iso_utc(a["added_at"]) if a.get("added_at") else None,
                        added_by=a.get("added_by") or "",
                        geometry=geometry,
                        **{
                            name: a.get(name) for name in ("checks", *EVIDENCE_CHECK_NUMBERS, *EVIDENCE_CHECK_TEXTS, "size_bytes")
                        },
                    )
                )
        return sorted(found, key=lambda r: r.evidence_id)
