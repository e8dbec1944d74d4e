"""Training newsgraph's learned components from labelled data kept in the repository.

    corpus     labelled sentences: references into ../shared rebuilt into text, and our own
    sample     how sentences are drawn from the AllSides corpus for labelling (seeded)
    events     the event coder's model: candidates → features → classifier → weights

Run `python -m newsgraph.train events` to rebuild the shipped weights. Labels live in
`labels/` at the repository root (references, not publishers' text); evaluation sets
(the PLOVER GSR, the PETRARCH tests, the seeds) are never read here.
"""
