"""Analysis over a store: what needs many articles at once.

Every function here reads an open `Store` (SQL over its tables where possible) and
returns plain data (dicts and lists), so the CLI, the HTML report and a notebook
show the same figures. Nothing is written back: results are computed on demand.

- `stories`: articles about the same events (near-duplicates too), linked into threads
- `claims`: statements on one proposition that disagree across outlets or speakers
- `compare`: how each outlet names, judges and quotes one actor
- `dyads`: cooperation and conflict between pairs of countries, by period
"""

from __future__ import annotations

from .actors import find_actor
from .claims import conflicting_claims
from .compare import compare_actor
from .dyads import dyad_timeline
from .stories import find_stories

__all__ = ["compare_actor", "conflicting_claims", "dyad_timeline", "find_actor", "find_stories"]
