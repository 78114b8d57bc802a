"""How the batch's steps are started: the job list (one ``qgis_process`` line per step) and the batch's own workers.

The batch's own workers start one child per county (farmlandgrid:countysteps, see batch_steps): QGIS and
the plugin start once per county, not once per step. So that the workers end together, the last counties
(as many as would leave a worker idle at the end) run step by step, each step a ``qgis_process`` child of
its own, longest first. Every child has its own process group: cancelling kills it and what it started.
"""

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Sequence

from ..domain.messages import QT_TR_NOOP, Canceled, DomainError
from ..i18n import user_locale
from ..paths import PLUGIN_DIR
from .batch import ALGORITHMS, CODES, GRID, QUOTA, County, Job
from .batch_steps import arguments_to_parameters, step_seconds, write_steps

COUNTY_STEPS = "farmlandgrid:countysteps"
STEPS_FILE, STEPS_LOG = "steps.json", "steps.log"
# A step's time per parcel relative to the grid's (bench at 500,000 parcels: grid 8.7 s, codes 29.3 s, quota with
# the county's PBF ≈ 12–26 s): which steps to start first.
STEP_WEIGHT = {CODES: 3.0, QUOTA: 2.0, GRID: 1.0}


def qgis_process_executable() -> str:
    """qgis_process.bin where it exists (Debian's qgis_process wrapper is broken), else qgis_process."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name)
        if found:
            return found
    raise DomainError(QT_TR_NOOP("qgis_process was not found on the PATH: the batch starts its workers with it"))


def child_environment(work: Path) -> Dict[str, str]:
    """What a child needs besides the caller's environment: this plugin found and enabled in a profile of the batch's
    own (the user's settings stay untouched), shapely from the Python this runs in, the user's language, headless Qt."""
    import shapely

    profile = work / "qgis-profile"
    settings = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        f"[PythonPlugins]\n{PLUGIN_DIR.name}=true\n\n[locale]\noverrideFlag=true\nuserLocale={user_locale()}\n",
        encoding="utf-8",
    )
    site = str(Path(shapely.__file__).resolve().parents[1])
    return {
        "QGIS_PLUGINPATH": os.pathsep.join([str(PLUGIN_DIR.parent), *filter(None, [os.environ.get("QGIS_PLUGINPATH")])]),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys([site, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])),
        "QGIS_CUSTOM_CONFIG_PATH": str(profile),
        "QT_QPA_PLATFORM": "offscreen",
        **({"PROJ_DATA": os.environ["PROJ_DATA"]} if os.environ.get("PROJ_DATA") else {}),
    }


def job_line(job: Job, executable: str, environment: Dict[str, str]) -> str:
    """The job as one shell command line, its output into its log as the batch's own workers write it."""
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
    command = " ".join(shlex.quote(a) for a in [executable, *job.arguments])
    return f"env {env} {command} > {shlex.quote(str(job.log))} 2>&1"


def write_job_list(path: Path, jobs: Sequence[Job], executable: str, environment: Dict[str, str]) -> None:
    Path(path).write_text("".join(job_line(job, executable, environment) + "\n" for job in jobs), encoding="utf-8")


def _size(county: County) -> int:
    return sum(f.stat().st_size for f in county.files if f.exists())


def children(jobs: Sequence[Job], workers: int) -> List[List[Job]]:
    """The jobs as the children to start, in order: each county's steps together, largest county first; then the last
    counties' (number of counties modulo workers, all when fewer counties than workers) one step each, longest first."""
    by_county: Dict[str, List[Job]] = {}
    for job in jobs:
        by_county.setdefault(job.county.key, []).append(job)
    counties = sorted(by_county.values(), key=lambda group: -_size(group[0].county))
    workers = max(1, workers)
    split = len(counties) if len(counties) < workers else len(counties) % workers
    whole, rest = counties[: len(counties) - split], counties[len(counties) - split :]
    steps = sorted((job for group in rest for job in group), key=lambda job: -STEP_WEIGHT[job.step] * _size(job.county))
    return whole + [[job] for job in steps]


_PROGRESS = re.compile(r"(\d+)\.\.\.")


def _progress(job: Job) -> float:
    """A step's own progress from its log (qgis_process prints 0...10...20...), 0–1; 1 once it printed its results."""
    text = job.log.read_text(encoding="utf-8", errors="replace") if job.log.exists() else ""
    if "\nResults\n" in text:
        return 1.0
    found = _PROGRESS.findall(text)
    return min(int(found[-1]), 100) / 100 if found else 0.0


class _Child:
    """One worker process: a single step as its qgis_process line, or a county's steps through countysteps."""

    def __init__(self, jobs: List[Job], executable: str, environment: Dict[str, str]):
        self.jobs = jobs
        self.started = time.monotonic()
        arguments, log = jobs[0].arguments, jobs[0].log
        if len(jobs) > 1:
            steps = jobs[0].folder / STEPS_FILE
            listed = [{"algorithm": ALGORITHMS[j.step], "parameters": arguments_to_parameters(j.arguments)} for j in jobs]
            write_steps(steps, [{**step, "log": str(job.log)} for step, job in zip(listed, jobs)])
            arguments, log = ["run", COUNTY_STEPS, "--", f"STEPS={steps}"], jobs[0].folder / STEPS_LOG
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [executable, *arguments],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **environment},
                start_new_session=True,  # its own process group: cancelling ends it and anything it started
            )

    def progress(self) -> float:
        return sum(_progress(job) for job in self.jobs)

    def results(self):
        """(job, return code, seconds) of each of its steps, once it ended."""
        elapsed = time.monotonic() - self.started
        if len(self.jobs) == 1:
            return [(self.jobs[0], self.process.returncode, elapsed)]
        return [(job, 0 if job.succeeded() else 1, step_seconds(job.log) or 0.0) for job in self.jobs]

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def run_jobs(jobs: Sequence[Job], workers: int, executable: str, environment: Dict[str, str], on_finish, on_progress, canceled):
    """Run the jobs in up to ``workers`` children at once; ``on_finish(job, returncode, seconds)`` after each,
    ``on_progress(fraction of all)`` while they run. ``canceled()`` true: every child is killed, Canceled raised."""
    waiting, running, finished = children(jobs, workers), [], 0
    try:
        while waiting or running:
            if canceled():
                raise Canceled()
            while waiting and len(running) < max(1, workers):
                running.append(_Child(waiting.pop(0), executable, environment))
            for child in [c for c in running if c.process.poll() is not None]:
                running.remove(child)
                for job, returncode, seconds in child.results():
                    finished += 1
                    on_finish(job, returncode, seconds)
            on_progress((finished + sum(c.progress() for c in running)) / max(len(jobs), 1))
            time.sleep(0.2)
    finally:
        for child in running:
            child.kill()
            for job in child.jobs:
                job.discard()
