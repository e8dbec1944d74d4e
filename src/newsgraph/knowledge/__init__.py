"""The actor knowledge base: countries, places, organisations, role words and people.

Data lives in ``knowledge/data/*.tsv`` (format and sector scheme in
``docs/actors.md``); ``load.py`` reads it, ``check.py`` validates it
(``python -m newsgraph.knowledge.check``). Most callers want ``default()``, the
shipped base built once per process, and its lookups.
"""

from .load import (
    Country,
    KnowledgeBase,
    Office,
    Org,
    Person,
    Place,
    Role,
    default,
    load_countries,
    load_orgs,
    load_people,
    load_places,
    load_roles,
    name_key,
)

__all__ = [
    "Country",
    "KnowledgeBase",
    "Office",
    "Org",
    "Person",
    "Place",
    "Role",
    "default",
    "load_countries",
    "load_orgs",
    "load_people",
    "load_places",
    "load_roles",
    "name_key",
]
