"""Where training reads from: the labels in the repository and the corpora beside it."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
LABELS = REPO / "labels"
SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "allsides" / "articles.jsonl.gz"
