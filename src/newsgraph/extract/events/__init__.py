"""Events: who did what to whom, and how sure we are.

Rules read the parse through the event lexicon and propose; candidates widen the set to
every pair a predicate joins; a model trained on our own labelled news sentences decides
each candidate's type, status and confidence. Modules: `rules`, `candidates`,
`assertion`, `features`, `model`, `coder`.
"""

from newsgraph.extract.events.coder import FLOOR, candidate_features, find_events
from newsgraph.extract.events.model import EventModel, default_model

__all__ = ["FLOOR", "EventModel", "candidate_features", "default_model", "find_events"]
