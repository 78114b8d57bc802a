"""Many counties, one command: the per-county jobs of the batch (多县批处理), their fingerprints and job list.

Every county gets a folder in the batch's work folder (beside the output) holding what its three steps
wrote: the grid (delineategrid), the codes (assignspacecodes, with a code registry of the county's own)
and the quota (quotaoverlay). A step is one ``qgis_process`` command line, so the same job runs in a
worker child of the batch or on any machine an office's GNU parallel or scheduler sends it to.

A step is redone only when its fingerprint changed: the size and modification time of every file of
its inputs (the county layer and the shared tables and layers it reads), its parameters and the plugin
version. The fingerprint is written as ``<step>.pending`` when the step is prepared and becomes
``<step>.done`` once its outputs are all there; a run finds a step up to date when ``.done`` holds the
fingerprint it computes now. The children that run the steps are started by batch_workers.
"""

import hashlib
import json
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from osgeo import gdal, ogr

from ..domain.messages import QT_TR_NOOP, DomainError, Message
from ..paths import PLUGIN_DIR
from ..store import open_workspace
from ..store.schema import REGISTRY
from . import county_inputs

GRID, CODES, QUOTA = "grid", "codes", "quota"
STEPS = (GRID, CODES, QUOTA)
ALGORITHMS = {GRID: "farmlandgrid:delineategrid", CODES: "farmlandgrid:assignspacecodes", QUOTA: "farmlandgrid:quotaoverlay"}
# Output parameter → file in the county's folder, per step.
OUTPUT_FILES = {
    GRID: {"OUTPUT": "grid_cells.gpkg", "OUTPUT_ISSUES": "grid_issues.gpkg"},
    CODES: {"OUTPUT": "coded_parcels.gpkg", "OUTPUT_LINEAGE": "code_lineage.gpkg"},
    QUOTA: {"OUTPUT_UNITS": "quota_units.gpkg", "OUTPUT_CHANGES": "quota_changes.gpkg", "OUTPUT_SUMMARY": "quota_summary.gpkg"},
}
CHANGE_OUTPUTS = ("OUTPUT_CHANGES", "OUTPUT_SUMMARY")  # written only when change patches are given
CUT_FILES = {"PBF": "pbf.gpkg", "CHANGES": "changes.gpkg"}  # the city's layers cut to the county (county_inputs)
COUNTY_WORKSPACE = "workspace.gpkg"
PREVIOUS_CODES = "coded_previous.gpkg"
PARCEL_SUFFIXES = (".gpkg", ".shp", ".gdb")
_SIDE_FILES = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")  # a shapefile's other parts


def _version() -> str:
    text = (PLUGIN_DIR / "metadata.txt").read_text(encoding="utf-8")
    found = re.search(r"^version=(.*)$", text, re.MULTILINE)
    return found.group(1).strip() if found else ""


@dataclass(frozen=True)
class County:
    """One county's parcel layer: its source as qgis_process reads it, the name users know it by and its folder."""

    source: str
    label: str
    key: str

    @property
    def files(self) -> List[Path]:
        return input_files(self.source)


def source_path(source: str) -> Path:
    """The file (or FileGDB folder) of an OGR source string such as ``a.gpkg|layername=dltb``."""
    return Path(str(source).split("|")[0])


def input_files(source: str) -> List[Path]:
    """The files whose change changes the data of ``source``: the file, a shapefile's parts, a FileGDB's files."""
    path = source_path(source)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    parts = [path]
    if path.suffix.lower() == ".shp":
        parts += [p for p in path.parent.glob(path.stem + ".*") if p.suffix.lower() in _SIDE_FILES]
    return sorted(parts)


def county_key(source: str) -> str:
    """A folder name for the county: its file name, made safe, and a short hash of the whole source."""
    path = source_path(source)
    layer = re.search(r"layername=([^|]+)", source)
    stem = path.stem if not layer or layer.group(1).lower() in ("dltb", path.stem.lower()) else f"{path.stem}_{layer.group(1)}"
    if path.stem.lower() in ("county", "dltb"):  # the usual file names: the folder says which county
        stem = f"{path.parent.name}_{stem}"
    safe = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE).strip("._") or "county"
    digest = hashlib.sha1(str(source).encode("utf-8")).hexdigest()[:8]
    return f"{safe[:40]}-{digest}"


def make_county(source: str, label: Optional[str] = None) -> County:
    return County(source=str(source), label=label or str(source), key=county_key(str(source)))


def counties_in_folder(folder: Path, layer_name: str) -> Tuple[List[County], List[Tuple[str, str]]]:
    """The county layers of ``folder`` (GeoPackages, Shapefiles, FileGDBs at its top) and the files refused, with why.

    A GeoPackage or FileGDB gives its layer ``layer_name`` (any case), else its only polygon layer.
    """
    counties, refused = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in PARCEL_SUFFIXES or path.name.startswith("."):
            continue
        if path.suffix.lower() == ".shp":
            counties.append(make_county(str(path)))
            continue
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
        if dataset is None:
            refused.append((str(path), QT_TR_NOOP("GDAL cannot open it")))
            continue
        layers = [dataset.GetLayer(i) for i in range(dataset.GetLayerCount())]
        named = [lyr.GetName() for lyr in layers if lyr.GetName().lower() == layer_name.lower()]
        polygons = [lyr.GetName() for lyr in layers if ogr.GT_Flatten(lyr.GetGeomType()) in (ogr.wkbPolygon, ogr.wkbMultiPolygon)]
        chosen = named or (polygons if len(polygons) == 1 else [])
        if chosen:
            counties.append(make_county(f"{path}|layername={chosen[0]}"))
        else:
            refused.append((str(path), QT_TR_NOOP("it has no layer of that name and not exactly one polygon layer")))
    return counties, refused


@dataclass(frozen=True)
class BatchSettings:
    """What every county's steps share: field names, the quota level and the city-wide inputs (OGR sources or "")."""

    code_field: str = "ZLDWDM"
    class_field: str = "DLBM"
    farmland_classes: str = "0101,0102,0103"
    area_field: str = "TBDLMJ"
    quota_level: int = 1  # quotaoverlay's LEVEL choice: 0 county, 1 township, 2 village, 3 group
    roster: str = ""
    targets: str = ""
    pbf: str = ""
    changes: str = ""

    def step_parameters(self, step: str) -> Dict[str, str]:
        """The step's parameters other than the county layer, its outputs and its own files."""
        fields = {"CODE_FIELD": self.code_field, "CLASS_FIELD": self.class_field, "FARMLAND_CLASSES": self.farmland_classes}
        if step == GRID:
            return {**fields, "AREA_FIELD": self.area_field, **({"ROSTER": self.roster} if self.roster else {})}
        if step == CODES:
            return fields
        shared = {"PBF": self.pbf, "TARGETS": self.targets, "CHANGES": self.changes}
        return {**fields, "AREA_FIELD": self.area_field, "LEVEL": str(self.quota_level), **{k: v for k, v in shared.items() if v}}

    def shared_inputs(self, step: str) -> List[str]:
        return [v for k, v in self.step_parameters(step).items() if k in ("ROSTER", "PBF", "TARGETS", "CHANGES")]


def _stat(path: Path):
    try:
        info = path.stat()
    except OSError:
        return [str(path), None, None]
    return [str(path), info.st_size, info.st_mtime_ns]


def fingerprint(county: County, step: str, settings: BatchSettings, extra=None) -> str:
    """What decides a step's result: its inputs' files (size, time), its parameters and the plugin version
    (``extra``: anything else it depends on, JSON)."""
    files = [*county.files, *(f for source in settings.shared_inputs(step) for f in input_files(source))]
    record = {
        "step": step,
        "source": county.source,
        "parameters": settings.step_parameters(step),
        "files": [_stat(f) for f in files],
        "plugin": _version(),
        **({"extra": extra} if extra is not None else {}),
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass
class Job:
    """One step of one county: the qgis_process arguments, the log it writes and the fingerprint it fulfils."""

    county: County
    step: str
    folder: Path
    fingerprint: str
    files: Dict[str, str] = field(default_factory=dict)  # output parameter → file in the folder
    arguments: List[str] = field(default_factory=list)  # after the executable

    @property
    def name(self) -> str:
        return f"{self.county.key}:{self.step}"

    @property
    def log(self) -> Path:
        return self.folder / f"{self.step}.log"

    def outputs(self) -> List[Path]:
        return [self.folder / name for name in self.files.values()]

    def complete(self) -> bool:
        """Every output is there and opens."""
        for path in self.outputs():
            dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY) if path.exists() else None
            if dataset is None:
                return False
        return True

    def succeeded(self) -> bool:
        """The child ran to its end: qgis_process prints its Results only then (a child killed half-way may leave
        files that open but hold part of the features)."""
        return "Results" in (line.strip() for line in _lines(self.log)) and self.complete()

    def error(self) -> str:
        """The child's own error message from its log: qgis_process ends a failed run with an ``ERROR:`` line (earlier
        ones are reported problems it went on after); else the last lines it printed."""
        lines = _lines(self.log)
        errors = [line.split(":", 1)[1].strip() for line in lines if line.startswith("ERROR:")]
        return errors[-1] if errors else " / ".join([line.strip() for line in lines if line.strip()][-3:])

    def discard(self) -> None:
        """Remove what a failed child wrote, so that nobody takes it for a result."""
        for path in self.outputs():
            path.unlink(missing_ok=True)


def _lines(path: Path) -> List[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


class Batch:
    """The counties of one batch in the work folder: which steps are to do, their preparation and their outcome."""

    def __init__(self, work: Path, counties: Sequence[County], settings: BatchSettings):
        self.work = Path(work)
        self.counties = list(counties)
        self.settings = settings
        repeated = sorted({c.key for c in self.counties if [d.key for d in self.counties].count(c.key) > 1})
        if repeated:
            raise DomainError(QT_TR_NOOP("The county layer {name} is given more than once"), name=repeated[0])
        self._boxes: Dict[str, Dict[str, Optional[county_inputs.Box]]] = {}
        self._rest: Optional[List[int]] = None

    def boxes(self, name: str) -> Optional[Dict[str, county_inputs.Box]]:
        """Every county's box in the CRS of the shared layer ``name`` (PBF, CHANGES) when it is cut per county, else None."""
        source = {"PBF": self.settings.pbf, "CHANGES": self.settings.changes}[name]
        if county_inputs.cuttable(source) is None:
            return None
        if name not in self._boxes:
            self._boxes[name] = county_inputs.boxes({c.key: c.source for c in self.counties}, source)
        found = self._boxes[name]
        return found if found and None not in found.values() else None

    def rest(self) -> List[int]:
        """The ids of the change patches meeting no county's box: the first county's cut holds them."""
        if self._rest is None:
            self._rest = county_inputs.rest_fids(self.settings.changes, list(self.boxes("CHANGES").values()))
        return self._rest

    def holds_rest(self, county: County) -> bool:
        """The county whose cut of the change patches also holds the patches of no county's box: the first one."""
        return bool(self.counties) and county.key == self.counties[0].key

    def folder(self, county: County) -> Path:
        return self.work / county.key

    def job(self, county: County, step: str) -> Job:
        folder = self.folder(county)
        files = OUTPUT_FILES[step]
        if step == QUOTA and not self.settings.changes:
            files = {k: v for k, v in files.items() if k not in CHANGE_OUTPUTS}
        extra = None
        if step == QUOTA and self.holds_rest(county) and self.boxes("CHANGES"):
            extra = hashlib.sha256(json.dumps(self.rest()).encode("utf-8")).hexdigest()  # the patches of no county's box
        job = Job(county, step, folder, fingerprint(county, step, self.settings, extra), files)
        parameters = {"INPUT" if step != QUOTA else "PARCELS": county.source, **self.settings.step_parameters(step)}
        if step == QUOTA:
            for name, file_name in CUT_FILES.items():
                if name in parameters and self.boxes(name):
                    parameters[name] = f"{folder / file_name}|layername={county_inputs.cuttable(parameters[name])[1]}"
        if step == CODES:
            parameters["WORKSPACE"] = str(folder / COUNTY_WORKSPACE)
            if (folder / PREVIOUS_CODES).exists() or (folder / OUTPUT_FILES[CODES]["OUTPUT"]).exists():
                parameters["PREVIOUS"] = str(folder / PREVIOUS_CODES)  # codes stay stable across re-runs
        job.arguments = ["run", ALGORITHMS[step], "--", *(f"{k}={v}" for k, v in parameters.items())]
        job.arguments += [f"{k}={folder / v}" for k, v in files.items()]
        return job

    def up_to_date(self, job: Job) -> bool:
        return _read(job.folder / f"{job.step}.done") == job.fingerprint and job.complete()

    def plan(self) -> Tuple[List[Job], List[Job]]:
        """(jobs to run, jobs up to date), county by county in step order."""
        todo, fresh = [], []
        for county in self.counties:
            for step in STEPS:
                job = self.job(county, step)
                (fresh if self.up_to_date(job) else todo).append(job)
        return todo, fresh

    def prepare(self, job: Job, city_workspace: Optional[Path]) -> None:
        """Make the job ready to run anywhere: old outputs gone (the codes kept as the previous year's), the county's
        registry holding every code the city has issued, the fingerprint pending."""
        job.folder.mkdir(parents=True, exist_ok=True)
        (job.folder / f"{job.step}.done").unlink(missing_ok=True)
        if job.step == CODES:
            coded = job.folder / OUTPUT_FILES[CODES]["OUTPUT"]
            if coded.exists():
                shutil.move(str(coded), str(job.folder / PREVIOUS_CODES))
            seed_registry(job.folder / COUNTY_WORKSPACE, city_workspace)
        if job.step == QUOTA:
            self._cut(job.county)
        for path in job.outputs():
            path.unlink(missing_ok=True)
        job.log.unlink(missing_ok=True)
        (job.folder / f"{job.step}.pending").write_text(job.fingerprint, encoding="utf-8")

    def _cut(self, county: County) -> None:
        """The county's share of the city's PBF and change patches, in its folder (see county_inputs)."""
        for name, file_name in CUT_FILES.items():
            found = self.boxes(name)
            if not found:
                continue
            rest = self.rest() if name == "CHANGES" and self.holds_rest(county) else ()
            source = self.settings.pbf if name == "PBF" else self.settings.changes
            county_inputs.cut_layer(source, found[county.key], self.folder(county) / file_name, rest)

    def collect(self, job: Job):
        """After the job ran (here or elsewhere): None when it fulfilled its fingerprint (now done), else why not
        (the child's own error text, or a Message)."""
        if self.up_to_date(job):
            return None
        pending = _read(job.folder / f"{job.step}.pending")
        if pending != job.fingerprint:
            return Message(QT_TR_NOOP("its input changed after the job list was written, or it was never prepared; run again"))
        if job.succeeded():
            (job.folder / f"{job.step}.pending").rename(job.folder / f"{job.step}.done")
            return None
        return (job.error() if job.log.exists() else "") or Message(
            QT_TR_NOOP("it has not run, or stopped without a message; see {log}"), log=str(job.log)
        )


def seed_registry(county_workspace: Path, city_workspace: Optional[Path]) -> None:
    """Create the county's workspace and copy in the city registry's codes, so that the county's coding knows every
    code issued before (retired ones included) and never issues one again."""
    open_workspace(county_workspace).close()
    if city_workspace is None or not Path(city_workspace).exists():
        return
    with sqlite3.connect(str(county_workspace)) as db:
        db.execute("ATTACH DATABASE ? AS city", (str(city_workspace),))
        has = db.execute("SELECT count(*) FROM city.sqlite_master WHERE name = ?", (REGISTRY,)).fetchone()[0]
        if has:
            db.execute(f'INSERT OR REPLACE INTO main."{REGISTRY}" SELECT * FROM city."{REGISTRY}"')
        db.commit()
        db.execute("DETACH DATABASE city")


def crs_problem(source: str) -> Optional[Message]:
    """Why the county layer cannot join the city (no CRS, or coordinates that do not fit its CRS), or None."""
    from osgeo import osr

    dataset = gdal.OpenEx(str(source_path(source)), gdal.OF_VECTOR | gdal.OF_READONLY)
    if dataset is None:
        return Message(QT_TR_NOOP("GDAL cannot open it"))
    layer_name = re.search(r"layername=([^|]+)", source)
    layer = dataset.GetLayerByName(layer_name.group(1)) if layer_name else dataset.GetLayer(0)
    if layer is None:
        return Message(QT_TR_NOOP("it has no such layer"))
    srs = layer.GetSpatialRef()
    if srs is None:
        return Message(QT_TR_NOOP("it has no CRS, so it cannot be placed beside the other counties: set its CRS"))
    west, east, south, north = layer.GetExtent()
    target = osr.SpatialReference()
    target.ImportFromEPSG(4490)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    name = srs.GetAuthorityName(None) and f"{srs.GetAuthorityName(None)}:{srs.GetAuthorityCode(None)}" or srs.GetName()
    try:
        corners = osr.CoordinateTransformation(srs, target).TransformPoints([(west, south), (east, north)])
    except RuntimeError:
        corners = [(float("inf"), float("inf"))] * 2
    if not all(70 <= lon <= 140 and 0 <= lat <= 60 for lon, lat, *_ in corners):
        return Message(
            QT_TR_NOOP("its coordinates ({x:.0f}, {y:.0f}) do not lie in China in its CRS {crs}: the CRS is wrong"),
            x=west,
            y=south,
            crs=name,
        )
    return None
