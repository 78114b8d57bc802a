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

import dataclasses
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsTransaction,
    QgsVectorLayer,
)
from qgis.PyQt import sip

from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP, DomainError
from .cases import (
    EVIDENCE_CHECK_NUMBERS,
    EVIDENCE_CHECK_TEXTS,
    ISSUE_FIELDS,
    CaseRecord,
    CaseStore,
    CaseStoreError,
    EvidenceRecord,
)
from .schema import CASES, DEFAULT_CRS, EVENTS, EVIDENCE, prepare, read_meta, write_error
from .turns import writer_turn
from .values import (
    CrsLike,
    as_date,
    as_flag,
    as_geometry,
    as_number,
    as_text,
    attributes_of,
    case_event,
    case_state,
    equals,
    from_qgis,
    local_date,
    new_feature,
    qgs_crs,
    to_qgis,
    write_time,
)

WGS84 = "EPSG:4326"
VERDICT_ACTIONS = (domain.REPORT, domain.SEND_BACK, domain.APPROVE)  # their events keep the evidence flags


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
        # Copies of the file keep it; another workspace has its own (field packages are refused there).
        self.identity = read_meta(self.path, "created_at") or str(self.path.resolve())
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
        if crs is None:
            return None
        source = qgs_crs(crs)
        if source == self.crs:
            return None
        context = self.transform_context or QgsProject.instance().transformContext()
        return QgsCoordinateTransform(source, self.crs, context)

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
        transform = self._transform(crs)
        rows = []
        for index, patch in enumerate(patches, start=1):
            values = {name: as_text(patch.get(name)) for name in ISSUE_FIELDS}
            values["case_id"] = values["case_id"] or values["patch_id"]
            if values["case_id"] is None:
                raise CaseStoreError(
                    QT_TR_NOOP("Patch number {index} has neither a case id nor a patch id, so it cannot be issued"), index=index
                )
            for name in ("area_mu", "pbf_mu", "farmland_mu"):
                values[name] = as_number(patch.get(name))
            unit = str(values["unit_code"] or "")
            if len(unit) >= 9 and not values["township_code"]:
                values["township_code"] = unit[:9]
            if len(unit) >= 12 and not values["village_code"]:
                values["village_code"] = unit[:12]
            values["accountable"] = as_flag(patch.get("accountable"))
            values["issued_on"] = as_date(patch.get("issued_on")) or local_date(now)
            due = as_date(patch.get("due_date"))
            values["due_date"] = due or domain.due_date(values["issued_on"], values["accountable"], rule)
            values.update(status=domain.ISSUED, updated_at=now, checks=checks.NO_PHOTO, photo_count=0, flagged_photos=0)
            geometry = as_geometry(patch.get("geometry"))
            if geometry is not None and not geometry.isNull():
                geometry.convertToMultiType()
                if transform is not None:
                    geometry.transform(transform)
            rows.append((values, geometry, domain.issue_event(values["case_id"], actor, now, note)))

        created, skipped = [], []
        with self._transaction(CASES, EVENTS) as writer:
            layer = writer.layers[CASES]
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["case_id"], layer.fields())
            taken = {feature["case_id"] for feature in layer.getFeatures(request)}
            features, events = [], []
            for values, geometry, event in rows:
                if values["case_id"] in taken:
                    skipped.append(values["case_id"])
                    continue
                taken.add(values["case_id"])
                features.append(new_feature(layer, values, geometry))
                events.append(event)
                created.append(values["case_id"])
            if features:
                writer.add(CASES, features)
                self._append_events(writer, events)
        return created, skipped

    def cases(
        self,
        status: Union[str, Sequence[str], None] = None,
        unit_prefix: Optional[str] = None,
        person: Optional[str] = None,
        overdue_on=None,
    ) -> List[CaseRecord]:
        clauses = []
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            clauses.append(f'"status" IN ({", ".join(QgsExpression.quotedValue(s) for s in statuses) or "NULL"})')
        if person is not None:
            clauses.append(equals("person", person))
        request = QgsFeatureRequest()
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
    ) -> Tuple[domain.CaseState, domain.CaseEvent]:
        now = write_time(now)
        photos = [(Path(e.path).name, e.checks) for e in self.evidence(case_id)] if action in VERDICT_ACTIONS else []
        with self._transaction(CASES, EVENTS) as writer:
            layer = writer.layers[CASES]
            request = QgsFeatureRequest().setFilterExpression(equals("case_id", case_id))
            request.setFlags(QgsFeatureRequest.NoGeometry)
            feature = next(layer.getFeatures(request), None)
            if feature is None:
                raise CaseStoreError(
                    QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                )
            state = case_state(attributes_of(feature))
            new_state, event = domain.transition(state, action, actor, note, now, verdict, verdict_reason, rectification)
            if action in VERDICT_ACTIONS:
                summary = "; ".join(filter(None, [checks.flag_summary(feature["checks"], photos), *seen_checks]))
                event = dataclasses.replace(event, checks=summary)
            changed = {
                field.name: getattr(new_state, field.name)
                for field in dataclasses.fields(new_state)
                if getattr(new_state, field.name) != getattr(state, field.name)
            }
            changed["updated_at"] = now
            writer.change(CASES, feature.id(), changed)
            self._append_events(writer, [event])
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
        actor = (actor or "").strip()
        if not actor:
            raise DomainError(QT_TR_NOOP("Case {case_id}: the actor is missing; every step records who took it"), case_id=case_id)
        transform = self._transform(crs)
        from_wgs84 = self._transform(WGS84)
        rows = []
        for index, record in enumerate(records, start=1):
            path = as_text(record.get("path"))
            if path is None:
                raise CaseStoreError(
                    QT_TR_NOOP("Evidence number {index} for case {case_id} has no file path"), index=index, case_id=case_id
                )
            taken = from_qgis(record.get("taken"))
            if isinstance(taken, datetime):
                taken = domain.iso_utc(taken) if taken.tzinfo else taken.isoformat(timespec="seconds")
            values = {
                "case_id": case_id,
                "path": path,
                "taken": as_text(taken),
                "space_code": as_text(record.get("space_code")),
                "added_at": now,
                "added_by": actor,
            }
            for name in ("lon_wgs84", "lat_wgs84", "direction_deg", *EVIDENCE_CHECK_NUMBERS):
                values[name] = as_number(record.get(name))
            for name in EVIDENCE_CHECK_TEXTS:
                value = from_qgis(record.get(name))
                values[name] = domain.iso_utc(value) if isinstance(value, datetime) else as_text(value)
            size = as_number(record.get("size_bytes"))
            values["size_bytes"] = None if size is None else int(size)
            # '' is a clean photo; None one that was never checked.
            values["checks"] = None if record.get("checks") is None else checks.join_checks(checks.parse_checks(record["checks"]))
            geometry = as_geometry(record.get("geometry"))
            if geometry is not None and not geometry.isNull():
                if transform is not None:
                    geometry.transform(transform)
            elif values["lon_wgs84"] is not None and values["lat_wgs84"] is not None:
                geometry = QgsGeometry.fromPointXY(QgsPointXY(values["lon_wgs84"], values["lat_wgs84"]))
                if from_wgs84 is not None:
                    geometry.transform(from_wgs84)
            rows.append((values, geometry))

        added, skipped = [], []
        with self._transaction(CASES, EVIDENCE) as writer:
            request = QgsFeatureRequest().setFilterExpression(equals("case_id", case_id)).setFlags(QgsFeatureRequest.NoGeometry)
            case = next(writer.layers[CASES].getFeatures(request), None)
            if case is None:
                raise CaseStoreError(
                    QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=str(self.path)
                )
            layer = writer.layers[EVIDENCE]
            known = {feature["path"] for feature in layer.getFeatures(QgsFeatureRequest(request))}
            features = []
            for values, geometry in rows:
                if values["path"] in known:
                    skipped.append(values["path"])
                    continue
                known.add(values["path"])
                features.append(new_feature(layer, values, geometry))
            if features:
                added = writer.add(EVIDENCE, features)
                self._check_case(writer, case.id(), layer, request, rules)
        return added, skipped

    def _check_case(self, writer, case_fid, evidence_layer, request, rules):
        """The case's own flags, photo count and spread of directions, over all its evidence now."""
        directions, flagged = [], 0
        for feature in evidence_layer.getFeatures(QgsFeatureRequest(request)):
            attributes = attributes_of(feature)
            directions.append(attributes.get("direction_deg"))
            flagged += bool(checks.parse_checks(attributes.get("checks")))
        result = checks.check_case(directions, rules)
        values = {"checks": result.checks, "photo_count": result.photo_count, "view_spread_deg": result.spread_deg}
        writer.change(CASES, case_fid, {**values, "flagged_photos": flagged})

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
