"""Where the shared real-world corpus is: beside the checkout (../shared), else at the workplace's /work/shared."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
if not CORPUS.is_dir():  # a checkout elsewhere (CI's fresh clone)
    CORPUS = Path("/work/shared/corpus")
