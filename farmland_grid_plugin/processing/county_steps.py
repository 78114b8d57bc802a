"""farmlandgrid:countysteps — internal to the batch (runcounties): one county's steps in one worker process."""

from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingOutputNumber, QgsProcessingParameterFile

from ..services import batch_steps
from .base import FarmlandGridAlgorithm

STEPS = "STEPS"
SUCCEEDED = "SUCCEEDED"


@dataclass(frozen=True)
class CountyStepsParams:
    steps: tuple  # dicts of services.batch_steps


class CountyStepsAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "countysteps"
    GROUP = "grid"

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.FlagHideFromToolbox | QgsProcessingAlgorithm.FlagHideFromModeler

    def displayName(self):
        return self.tr("One county's batch steps (internal)")

    def shortHelpString(self):
        return self.tr(
            "Used by the batch (runcounties) for its own workers: runs the steps of one county listed in STEPS (a "
            "file the batch writes: each step's algorithm, parameters and log) one after another in this process, "
            "each as its qgis_process line in the job list would run it.\n\n"
            "Out comes SUCCEEDED, the number of steps that ran to their end; each step writes its own outputs and log.\n\n"
            "Example: a county's grid, codes and quota with QGIS started once instead of three times."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(STEPS, self.tr("Steps of the county (JSON)"), extension="json"))
        self.addOutput(QgsProcessingOutputNumber(SUCCEEDED, self.tr("Steps that succeeded")))

    def read(self, parameters, context, feedback) -> CountyStepsParams:
        return CountyStepsParams(tuple(batch_steps.read_steps(Path(self.parameterAsFile(parameters, STEPS, context)))))

    def execute(self, params: CountyStepsParams, context, feedback, outputs):
        succeeded = 0
        for n, step in enumerate(params.steps):
            if feedback.isCanceled():
                break
            feedback.pushInfo(self.tr("Step {0} of {1}: {2}").format(n + 1, len(params.steps), step["algorithm"]))
            succeeded += batch_steps.run_step(step, context, feedback)
            feedback.setProgress(100 * (n + 1) / len(params.steps))
        return {SUCCEEDED: succeeded}
