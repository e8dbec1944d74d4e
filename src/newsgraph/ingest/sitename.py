"""The outlet of an HTML page: the name the site gives itself, or nothing.

A page says who published it in fields made for that — `og:site_name`, a JSON-LD
`publisher` — and in places that are not names at all: the title's tagline ("The
Gateway Pundit | Where Hope Finally Made a Comeback"), a JSON-LD WebSite name that
may be the tagline, a `twitter:site` handle ("@SputnikInt"). Only the first kind is
read here, and even a site-name field is refused when it is a handle or reads like
a tagline (four words or more, fewer than half of them in the page's host, nor its
initials). With no name left, the
caller falls back to the URL's host, so the outlet is never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

_TAGLINE_WORDS = 4  # a name with this many words and nothing in common with the host is a slogan
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "of", "and", "a", "an", "for", "on", "in", "at", "de", "la", "le", "el"})


def site_name(tree: Any) -> str | None:
    """The site's name for itself from an lxml HTML tree, or None (see the module)."""
    host = _host(_page_url(tree))
    handles = {_handle_key(value) for value in _meta(tree, "twitter:site", "twitter:creator") if value}
    for candidate in [*_meta(tree, "og:site_name"), *_publishers(tree)]:
        name = " ".join(candidate.split())
        if name and not _refused(name, host, handles):
            return name
    return None


def _refused(name: str, host: str | None, handles: set[str]) -> bool:
    if name.startswith(("@", "http://", "https://")) or _handle_key(name) in handles:
        return True  # a handle, or a URL: the host says it better
    return host is not None and len(name.split()) >= _TAGLINE_WORDS and not _shares_with_host(name, host)


def _shares_with_host(name: str, host: str) -> bool:
    """True when half the words of `name` appear in the host ("The Gateway Pundit" /
    thegatewaypundit.com), or its initials do ("The Wall Street Journal Europe" / wsj.com)."""
    words = [w for w in _WORD.findall(name.casefold()) if w not in _STOP]
    squashed = host.replace(".", "").replace("-", "")
    found = sum(len(w) >= 3 and w in squashed for w in words)
    initials = "".join(w[0] for w in words)
    runs = {initials[i:j] for i in range(len(initials)) for j in range(i + 3, len(initials) + 1)}
    return 2 * found >= len(words) or any(run in squashed for run in runs | {initials} if len(run) >= 2)


def _handle_key(value: str) -> str:
    return value.strip().lstrip("@").casefold()


def _meta(tree: Any, *names: str) -> Iterator[str]:
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in names and (content := (element.get("content") or "").strip()):
            yield content


def _page_url(tree: Any) -> str | None:
    for element in tree.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            return element.get("href")
    return next(_meta(tree, "og:url"), None)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host and "." in host else None


def _publishers(tree: Any) -> Iterator[str]:
    """Names of JSON-LD publishers, in document order; broken JSON-LD is skipped."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        yield from _publisher_names(data, depth=0)


def _publisher_names(data: Any, depth: int) -> Iterator[str]:
    if depth > 8:  # JSON-LD nests a few levels; deeper is not worth following
        return
    if isinstance(data, list):
        for item in data:
            yield from _publisher_names(item, depth + 1)
    elif isinstance(data, dict):
        publisher = data.get("publisher")
        if isinstance(publisher, str):
            yield publisher
        elif isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            yield publisher["name"]
        elif isinstance(publisher, list):
            yield from (p["name"] for p in publisher if isinstance(p, dict) and isinstance(p.get("name"), str))
        if isinstance(data.get("@graph"), list):
            yield from _publisher_names(data["@graph"], depth + 1)
