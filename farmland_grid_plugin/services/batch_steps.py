"""Several steps of the batch run in one process, each as its own ``qgis_process run`` line would run it.

The batch's own workers start one child per county (farmlandgrid:countysteps) instead of one per step:
QGIS and the plugin start once, not three times. Every step gets what qgis_process would give it (a
fresh algorithm and context, its parameters as the strings of its job line, the parameter check first)
and writes its log as qgis_process does (messages, ``ERROR:`` lines, progress, the ``Results`` block at
the end of a run that succeeded), so the batch collects both kinds of child the same way.
"""

import gc
import json
import time
from pathlib import Path
from typing import Dict, List, Sequence

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from ..domain.messages import QT_TR_NOOP, Message
from ..i18n import render

STEP_TIME = "Step time:"  # last line of a step's log written here: its seconds


def write_steps(path: Path, steps: Sequence[dict]) -> None:
    """The steps file of a child: one {"algorithm", "parameters" (name → text), "log"} per step."""
    Path(path).write_text(json.dumps(list(steps), ensure_ascii=False, indent=1), encoding="utf-8")


def read_steps(path: Path) -> List[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def arguments_to_parameters(arguments: Sequence[str]) -> Dict[str, str]:
    """``KEY=value`` arguments of a job line (after ``--``) as the parameters qgis_process makes of them."""
    return dict(a.split("=", 1) for a in arguments[arguments.index("--") + 1 :])


class _LogFeedback(QgsProcessingFeedback):
    """Writes what qgis_process prints for a run into the step's log; cancelled with the child's run."""

    def __init__(self, log, outer: QgsProcessingFeedback):
        super().__init__()
        self._log, self._outer, self._shown = log, outer, -10
        self.progressChanged.connect(self._progress)

    def _write(self, text: str) -> None:
        self._log.write(text + "\n")
        self._log.flush()

    def _progress(self, value: float) -> None:
        while value >= self._shown + 10:  # qgis_process: 0...10...20...
            self._shown += 10
            self._log.write(f"{self._shown}...")
        self._log.flush()

    def isCanceled(self):  # noqa: N802 - the QGIS name
        return self._outer.isCanceled() or super().isCanceled()

    def pushInfo(self, info):  # noqa: N802
        self._write(info)

    def pushCommandInfo(self, info):  # noqa: N802
        self._write(info)

    def pushDebugInfo(self, info):  # noqa: N802
        self._write(info)

    def pushConsoleInfo(self, info):  # noqa: N802
        self._write(info)

    def pushWarning(self, warning):  # noqa: N802
        self._write(f"WARNING:\t{warning}")

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self._write(f"ERROR:\t{error}")


def run_step(step: dict, outer_context: QgsProcessingContext, outer: QgsProcessingFeedback) -> bool:
    """Run one step as qgis_process would, its log written; True when it succeeded."""
    start = time.perf_counter()
    with open(step["log"], "w", encoding="utf-8") as log:
        feedback = _LogFeedback(log, outer)
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(step["algorithm"])
        if algorithm is None:
            feedback.reportError(render(Message(QT_TR_NOOP("Algorithm {name} not found"), name=step["algorithm"])))
            return False
        parameters = dict(step["parameters"])
        log.write("\n----------------\nInputs\n----------------\n\n")
        log.write("".join(f"{k}:\t{v}\n" for k, v in sorted(parameters.items())) + "\n\n")
        context = QgsProcessingContext()
        context.setProject(outer_context.project())
        context.setTransformContext(outer_context.transformContext())
        context.setInvalidGeometryCheck(outer_context.invalidGeometryCheck())
        context.setEllipsoid(outer_context.ellipsoid())
        valid, message = algorithm.checkParameterValues(parameters, context)
        if not valid:
            feedback.reportError(message)
            return False
        results, ok = algorithm.run(parameters, context, feedback)
        if ok:
            log.write("\n----------------\nResults\n----------------\n\n")
            log.write("".join(f"{k}:\t{v}\n" for k, v in sorted(results.items())))
        log.write(f"\n{STEP_TIME}\t{time.perf_counter() - start:.1f}\n")
    del context, algorithm  # what the step loaded goes before the next step starts
    gc.collect()
    return bool(ok)


def step_seconds(log: Path):
    """The seconds a step took as written in its log here, or None (run by qgis_process, or not finished)."""
    if not log.exists():
        return None
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith(STEP_TIME):
            return float(line.split("\t", 1)[1])
    return None
