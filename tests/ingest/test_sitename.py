"""The outlet of an HTML page: a site-name field or the URL's host, never a tagline or a handle.

Pages of our own in the shapes found on real sites (a JSON-LD WebSite named by its
slogan, a title with a tagline, a twitter:site handle and nothing else).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from newsgraph.ingest.readers import read_raw
from newsgraph.ingest.sitename import site_name

BODY = """<article><h1>Ferry service resumes</h1>
<p>The lake ferry carried its first passengers in two months on Wednesday morning.</p>
<p>Operators replaced the engine after a fire in April forced the service to stop.</p>
<p>Commuters said the road detour had added an hour to their journeys each day.</p></article>"""


def page(head: str) -> str:
    return f"<!doctype html><html><head>{head}</head><body>{BODY}</body></html>"


def outlet_of(tmp_path: Path, head: str) -> str | None:
    path = tmp_path / "page.html"
    path.write_text(page(head), encoding="utf-8")
    (doc,) = list(read_raw([str(path)]))
    return doc.fields.get("outlet")


CANONICAL = '<link rel="canonical" href="https://www.lakesidecourier.example/local/ferry">'
SLOGAN_SITE = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite", '
    '"name": "Where the Lake Still Tells the Truth", "url": "https://www.lakesidecourier.example/"}</script>'
)


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # the site-name field wins over everything
        (f'<title>Ferry | Lakeside Courier</title><meta property="og:site_name" content="Lakeside Courier">{CANONICAL}',
         "Lakeside Courier"),
        # a JSON-LD publisher is a site-name field too
        (f'{CANONICAL}<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Ferry",'
         ' "publisher": {"@type": "NewsMediaOrganization", "name": "Lakeside Courier"}}</script>', "Lakeside Courier"),
        # ... also inside an @graph
        (f'{CANONICAL}<script type="application/ld+json">{{"@graph": [{{"@type": "WebPage"}},'
         ' {"@type": "Article", "publisher": {"name": "Lakeside Courier"}}]}</script>', "Lakeside Courier"),
        # a slogan as the title's tagline and as the WebSite's name: the host instead
        (f"<title>Lakeside Courier | Where the Lake Still Tells the Truth</title>{SLOGAN_SITE}{CANONICAL}",
         "lakesidecourier.example"),
        # a slogan in the site-name field itself, sharing nothing with the host
        (f'<meta property="og:site_name" content="Where the Lake Still Tells the Truth">{CANONICAL}',
         "lakesidecourier.example"),
        # a handle and nothing else: the host
        (f'<meta name="twitter:site" content="@LakeCourierIntl">{CANONICAL}', "lakesidecourier.example"),
        # a site-name field that only repeats the handle
        (f'<meta property="og:site_name" content="LakeCourierIntl"><meta name="twitter:site" content="@LakeCourierIntl">'
         f"{CANONICAL}", "lakesidecourier.example"),
    ],
)  # fmt: skip
def test_outlet_is_a_site_name_or_the_host(tmp_path: Path, head: str, expected: str) -> None:
    assert outlet_of(tmp_path, head) == expected


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("name", "host"),
    [("The Wall Street Journal Europe", "wsj.com"), ("Al Arabiya English News", "english.alarabiya.net"),
     ("The Times of India Online", "timesofindia.indiatimes.com")],
)
def test_long_names_that_match_their_host_are_kept(name: str, host: str) -> None:
    tree = html.fromstring(page(f'<meta property="og:site_name" content="{name}">'
                                f'<link rel="canonical" href="https://{host}/a">'))
    assert site_name(tree) == name


def test_a_short_name_unlike_its_host_is_kept() -> None:
    """A one-word brand need not be in its domain (a news agency on a national domain)."""
    tree = html.fromstring(page('<meta property="og:site_name" content="Nordwire">'
                                '<link rel="canonical" href="https://english.news.example/a">'))
    assert site_name(tree) == "Nordwire"


def test_broken_json_ld_is_skipped() -> None:
    tree = html.fromstring(page('<script type="application/ld+json">{"publisher": </script>'
                                '<meta property="og:site_name" content="Lakeside Courier">'))
    assert site_name(tree) == "Lakeside Courier"
