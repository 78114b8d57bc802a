"""farmlandgrid:runcounties — many counties in one command: grid, codes and quota per county in parallel
worker processes, merged into one city GeoPackage with the city and province cells (多县批处理)."""

import os
import shlex
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..domain.landclass import DEFAULT_FARMLAND_CLASSES
from ..domain.messages import Message
from ..domain.roster import Roster
from ..i18n import render
from ..services import batch, batch_workers
from ..services.merge import FAILED, CountyRun, county_codes, merge_counties, merge_registries, write_runs
from ..services.sources import read_columns
from .base import FarmlandGridAlgorithm, fail

COUNTIES = "COUNTIES"
FOLDER = "FOLDER"
PARCEL_LAYER = "PARCEL_LAYER"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
ROSTER = "ROSTER"
TARGETS = "TARGETS"
PBF = "PBF"
CHANGES = "CHANGES"
LEVEL = "LEVEL"
WORKERS = "WORKERS"
MERGE_ONLY = "MERGE_ONLY"
OUTPUT = "OUTPUT"
JOB_LIST = "JOB_LIST"
MERGED = "MERGED"
FAILED_COUNT = "FAILED"
RAN = "RAN"
JOB_COUNT = "JOB_COUNT"
MERGE_COMMAND = "MERGE_COMMAND"
ROSTER_FIELDS = ("unit_code", "person", "role", "phone", "unit_name")  # the children's defaults


@dataclass(frozen=True)
class BatchParams:
    counties: tuple  # batch.County
    refused: tuple  # (file, Message): county files that cannot run at all
    settings: batch.BatchSettings
    roster_layer: object  # the roster as a source, for the city's persons
    workers: int
    merge_only: bool
    output: Path
    job_list: str
    command: tuple  # (key, value) pairs of this run, for the merge command after a job list


class RunCountiesAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "runcounties"
    GROUP = "grid"

    def displayName(self):
        return self.tr("Run many counties (batch)")

    def shortHelpString(self):
        return self.tr(
            "Runs the grid, the space codes and the quota overlay for every county of a city at once (多县批处理), in "
            "parallel, and merges them into one GeoPackage with the city and province cells on top.\n\n"
            "Give: the county parcel layers (COUNTIES) and/or a folder of county files (FOLDER, layer "
            "PARCEL_LAYER, default dltb); the field names (CODE_FIELD, CLASS_FIELD, FARMLAND_CLASSES, "
            "AREA_FIELD); the city's roster (ROSTER), targets (TARGETS), permanent basic farmland (PBF) and "
            "change patches (CHANGES), one file each for all counties; the quota level (LEVEL) and the number of "
            "worker processes (WORKERS).\n\n"
            "Out comes the city's GeoPackage (OUTPUT): grid cells of every county with the city's on top, issues, "
            "coded parcels, quota units with a 合计 row, the county checks and county_runs (each county merged or "
            "failed, and why). A county that fails is named with its error; the others are merged. A second run "
            "redoes only what changed. JOB_LIST writes the command lines instead, for a cluster; MERGE_ONLY "
            "merges what they wrote.\n\n"
            "Example: the folder of a city's county GeoPackages and the city's targets: one city GeoPackage, the "
            "city's farmland the exact sum of its counties'."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                COUNTIES, self.tr("County parcel layers (DLTB)"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                FOLDER, self.tr("Folder of county files"), QgsProcessingParameterFile.Folder, optional=True
            )
        )
        layer = QgsProcessingParameterString(PARCEL_LAYER, self.tr("Parcel layer name in the county files"), "dltb")
        # The fields every county file has, picked from the county layers (typed when the counties come from FOLDER).
        for name, label, default in (
            (CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM"),
            (CLASS_FIELD, self.tr("Land class field"), "DLBM"),
            (AREA_FIELD, self.tr("Area field in m² (empty: measure geometry)"), "TBDLMJ"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, COUNTIES, optional=name == AREA_FIELD))
        self.addParameter(
            QgsProcessingParameterString(
                FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
            )
        )
        for name, label, kinds in (
            (ROSTER, self.tr("Roster of responsible persons"), [QgsProcessing.TypeVector]),
            (TARGETS, self.tr("Targets table"), [QgsProcessing.TypeVector]),
            (PBF, self.tr("Permanent basic farmland"), [QgsProcessing.TypeVectorPolygon]),
            (CHANGES, self.tr("Change patches"), [QgsProcessing.TypeVectorPolygon]),
        ):
            self.addParameter(QgsProcessingParameterVectorLayer(name, label, kinds, optional=True))
        self.addParameter(
            QgsProcessingParameterEnum(
                LEVEL,
                self.tr("Quota unit level"),
                [self.tr("County"), self.tr("Township"), self.tr("Village"), self.tr("Villager group")],
                defaultValue=1,
            )
        )
        workers = QgsProcessingParameterNumber(
            WORKERS, self.tr("Worker processes"), QgsProcessingParameterNumber.Integer, os.cpu_count() or 1, minValue=1
        )
        workers.setHelp(self.tr("Each worker holds one county's step at a time; about 1.2 GiB for 500,000 parcels."))
        merge_only = QgsProcessingParameterBoolean(MERGE_ONLY, self.tr("Only merge (after running a job list)"), False)
        for parameter in (layer, workers, merge_only):
            if parameter is not workers:
                parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(parameter)
        self.addParameter(
            QgsProcessingParameterFileDestination(OUTPUT, self.tr("City GeoPackage"), self.tr("GeoPackage (*.gpkg)"))
        )
        job_list = QgsProcessingParameterFileDestination(
            JOB_LIST,
            self.tr("Job list instead of running (text)"),
            self.tr("Text file (*.txt)"),
            optional=True,
            createByDefault=False,
        )
        job_list.setFlags(job_list.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(job_list)
        self.addOutput(QgsProcessingOutputNumber(MERGED, self.tr("Counties merged")))
        self.addOutput(QgsProcessingOutputNumber(FAILED_COUNT, self.tr("Counties failed")))
        self.addOutput(QgsProcessingOutputString(RAN, self.tr("Steps run (county:step)")))
        self.addOutput(QgsProcessingOutputNumber(JOB_COUNT, self.tr("Jobs in the job list")))
        self.addOutput(QgsProcessingOutputString(MERGE_COMMAND, self.tr("Merge command after the job list")))

    def read(self, parameters, context, feedback) -> BatchParams:
        counties, refused = [], []
        for layer in self.parameterAsLayerList(parameters, COUNTIES, context) or []:
            if layer.providerType() != "ogr":
                refused.append((layer.name(), Message(self.tr("it is not a file layer; save it as a GeoPackage first"))))
            else:
                counties.append(batch.make_county(layer.source()))
        command = [(COUNTIES, c.source) for c in counties]
        folder = self.parameterAsFile(parameters, FOLDER, context)
        layer_name = self.parameterAsString(parameters, PARCEL_LAYER, context) or "dltb"
        if folder:
            found, bad = batch.counties_in_folder(Path(folder), layer_name)
            counties += found
            refused += [(path, Message(why)) for path, why in bad]
        if not counties and not refused:
            fail(self.tr("Give the county parcel layers or a folder of county files"))
        shared = {}
        for name in (ROSTER, TARGETS, PBF, CHANGES):
            layer = self.parameterAsVectorLayer(parameters, name, context)
            if layer is not None and layer.providerType() != "ogr":
                fail(self.tr("{0} must be a file (CSV, GeoPackage, Shapefile) for the workers to read").format(layer.name()))
            shared[name] = layer.source() if layer is not None else ""
        output = Path(self.parameterAsFileOutput(parameters, OUTPUT, context))
        if output.suffix.lower() != ".gpkg":
            output = output.with_suffix(".gpkg")
        command += [(FOLDER, folder)] if folder else []
        settings = batch.BatchSettings(
            code_field=self.parameterAsString(parameters, CODE_FIELD, context),
            class_field=self.parameterAsString(parameters, CLASS_FIELD, context),
            farmland_classes=self.parameterAsString(parameters, FARMLAND_CLASSES, context),
            area_field=self.parameterAsString(parameters, AREA_FIELD, context),
            quota_level=self.parameterAsEnum(parameters, LEVEL, context),
            roster=shared[ROSTER],
            targets=shared[TARGETS],
            pbf=shared[PBF],
            changes=shared[CHANGES],
        )
        for key in (CODE_FIELD, CLASS_FIELD, FARMLAND_CLASSES, AREA_FIELD, LEVEL):
            command.append((key, self.parameterAsString(parameters, key, context)))
        command += [(k, v) for k, v in shared.items() if v] + [(PARCEL_LAYER, layer_name), (OUTPUT, str(output))]
        return BatchParams(
            counties=tuple(counties),
            refused=tuple(refused),
            settings=settings,
            roster_layer=self.parameterAsSource(parameters, ROSTER, context) if shared[ROSTER] else None,
            workers=self.parameterAsInt(parameters, WORKERS, context),
            merge_only=self.parameterAsBool(parameters, MERGE_ONLY, context),
            output=output,
            job_list=self.parameterAsFileOutput(parameters, JOB_LIST, context) if parameters.get(JOB_LIST) else "",
            command=tuple(command),
        )

    def execute(self, params: BatchParams, context, feedback, outputs):
        work = params.output.with_name(params.output.stem + "_counties")
        work.mkdir(parents=True, exist_ok=True)
        runs = {c.key: CountyRun(c) for c in params.counties}
        failed: List[CountyRun] = [
            CountyRun(batch.make_county(path), FAILED, message=render(why)) for path, why in params.refused
        ]
        for county in params.counties:
            problem = batch.crs_problem(county.source)
            if problem is not None:
                runs[county.key].status, runs[county.key].message = FAILED, render(problem)
        usable = [c for c in params.counties if runs[c.key].status != FAILED]
        for run in [*failed, *runs.values()]:
            if run.status == FAILED:
                feedback.reportError(self.tr("County {0}: {1}").format(run.county.label, run.message))
        plan = batch.Batch(work, usable, params.settings)
        todo, fresh = plan.plan()
        executable = batch_workers.qgis_process_executable()
        environment = batch_workers.child_environment(work)
        city = params.output if params.output.exists() else None
        if params.job_list:
            for job in todo:
                plan.prepare(job, city)
            batch_workers.write_job_list(Path(params.job_list), todo, executable, environment)
            command = self._merge_command(executable, params)
            feedback.pushInfo(
                self.tr("{0} jobs written to {1}; run them, e.g. parallel < {1}, then: {2}").format(
                    len(todo), params.job_list, command
                )
            )
            return {JOB_LIST: params.job_list, JOB_COUNT: len(todo), MERGE_COMMAND: command, OUTPUT: str(params.output)}
        ran = [] if params.merge_only else self._run(plan, todo, fresh, city, params.workers, executable, environment, feedback)
        for job in todo:
            problem = plan.collect(job)
            run = runs[job.county.key]
            if problem is not None and run.status != FAILED:
                run.status = FAILED
                run.message = self.tr("{0} failed: {1}").format(
                    job.step, render(problem) if isinstance(problem, Message) else problem
                )
        for run in runs.values():
            if run.status == FAILED and any(job.county is run.county for job in todo):
                feedback.reportError(self.tr("County {0}: {1}").format(run.county.label, run.message))
        for job, seconds in ran:
            runs[job.county.key].steps_run += (job.step,)
            runs[job.county.key].seconds += seconds
        merged = [(c, plan.folder(c)) for c in usable if runs[c.key].status != FAILED]
        for county, folder in merged:
            runs[county.key].codes = tuple(county_codes(folder))
        feedback.pushInfo(self.tr("Merging {0} counties into {1}…").format(len(merged), params.output))
        start = time.perf_counter()
        if merged:
            merge_registries(params.output, [folder for _, folder in merged], batch.COUNTY_WORKSPACE)
        counts = merge_counties(params.output, merged, self._roster(params, context, feedback), feedback)
        write_runs(params.output, [*failed, *runs.values()])
        feedback.pushInfo(
            self.tr("Merged in {0:.1f} s: {1}").format(
                time.perf_counter() - start, ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        )
        return {
            OUTPUT: str(params.output),
            MERGED: len(merged),
            FAILED_COUNT: len(params.counties) + len(failed) - len(merged),
            RAN: ",".join(job.name for job, _ in ran),
        }

    def _run(self, plan, todo, fresh, city, workers, executable, environment, feedback) -> List[Tuple[object, float]]:
        """Run the steps to do in worker children; (job, seconds) of each that ran."""
        for job in fresh:
            feedback.pushInfo(self.tr("County {0}: {1} is up to date").format(job.county.label, job.step))
        for job in todo:
            plan.prepare(job, city)
        ran = []

        def finished(job, returncode, seconds):
            ran.append((job, seconds))
            if returncode == 0:
                feedback.pushInfo(self.tr("County {0}: {1} done in {2:.0f} s").format(job.county.label, job.step, seconds))
            else:
                job.discard()
                feedback.reportError(self.tr("County {0}: {1} failed: {2}").format(job.county.label, job.step, job.error()))

        if todo:
            feedback.pushInfo(self.tr("Running {0} steps in {1} worker processes…").format(len(todo), workers))
            batch_workers.run_jobs(
                todo, workers, executable, environment, finished, lambda f: feedback.setProgress(90 * f), feedback.isCanceled
            )
        return ran

    def _merge_command(self, executable: str, params: BatchParams) -> str:
        pairs = [*params.command, (MERGE_ONLY, "true")]
        return " ".join(
            [shlex.quote(executable), "run", "farmlandgrid:runcounties", "--", *(shlex.quote(f"{k}={v}") for k, v in pairs)]
        )

    def _roster(self, params: BatchParams, context, feedback) -> Optional[Roster]:
        source = params.roster_layer
        if source is None:
            return None
        present = [n for n in ROSTER_FIELDS if source.fields().lookupField(n) >= 0]
        table = read_columns(source, present, context, feedback, geometry=False, span=(90, 91))

        def column(name):
            values = table.columns.get(name) or [None] * len(table)
            return [None if v is None else str(v).strip() for v in values]

        return Roster(*(column(n) for n in ROSTER_FIELDS), ids=[str(n + 1) for n in range(len(table))])
