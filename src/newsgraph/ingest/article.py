"""RawDoc → Article: the cleaning steps in order, and who wins when sources disagree.

    normalise → boilerplate, captions, dateline → title → id → byline → date

The id hashes the normalised raw text without the headline line (see `body_id`),
so where a headline came from — a metadata field, or the first line of a text —
does not change which article it is.

Precedence, strongest first: the user's word (`outlet`, `date` arguments, i.e. the
CLI's --outlet/--date), then the input's metadata, then what the text states, then
what can be inferred. Nothing is invented: no outlet without a source, no date
without evidence (the evidence is kept in `meta["date_evidence"]`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import Errors, InputFailure, UsageError
from newsgraph.ingest.boilerplate import Cleaned, RepeatedLines, clean_paragraphs
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.dating import infer_date, url_date
from newsgraph.ingest.headline import choose_title
from newsgraph.ingest.normalize import article_id, normalize_text, paragraphs
from newsgraph.records import Article, RawDoc, RemovedLine


def outlet_from_url(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.example.com/a" → "example.com")."""
    if not url or not isinstance(url, str):
        return None
    candidate = url.strip() if "//" in url else "//" + url.strip()
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in ("www.", "www1.", "www2.", "www3."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def _text_field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _authors(byline: str | None) -> list[str]:
    """The names in a metadata byline ("Jane Roe, John Doe and Max Roe")."""
    if not byline:
        return []
    text = byline.replace(" and ", ", ").replace(" & ", ", ").replace(";", ",")
    return [part.strip(" \"'") for part in text.split(",") if part.strip(" \"'")]


def build_article(
    raw: RawDoc,
    *,
    outlet: str | None = None,
    date: str | None = None,
    repeated: RepeatedLines | None = None,
) -> Article:
    """Clean one input into an Article.

    Raises InputFailure("E104") when no body text is left after cleaning, and
    UsageError("E402") when the user's `date` cannot be read as a date.
    """
    fields = raw.fields or {}
    text = normalize_text(raw.text or "")
    raw_paragraphs = paragraphs(text)
    if not raw_paragraphs:
        raise InputFailure("E104")

    outlet_name, outlet_source = _outlet(outlet, fields)
    meta_byline = _text_field(fields, "byline")
    cleaned = clean_paragraphs(raw_paragraphs, outlet=outlet_name, authors=_authors(meta_byline), repeated=repeated)
    body = [line for _, line in cleaned.kept]
    removed = list(cleaned.removed)
    meta: dict[str, Any] = dict(fields.get("meta") or {})
    warnings = [str(w) for w in fields.get("warnings") or ()]

    title, title_source, title_index = choose_title(body, _text_field(fields, "title"))
    title_raw_index = None
    if title_index is not None:
        title_raw_index = cleaned.kept[title_index][0]
        removed.append(RemovedLine(body[title_index], "title", title_raw_index))
        del body[title_index]
    if not body:
        raise InputFailure("E104")
    ident = body_id(raw_paragraphs, title_raw_index)
    if title_source:
        meta["title_source"] = title_source
    if cleaned.dateline:
        meta["dateline"] = cleaned.dateline.place or cleaned.dateline.prefix
    if outlet_source:
        meta["outlet_source"] = outlet_source

    byline, byline_source = _byline(meta_byline, cleaned)
    if byline_source:
        meta["byline_source"] = byline_source

    clean_text = "\n\n".join(body)
    found = _date(date, fields, cleaned, clean_text, warnings)
    if found["evidence"]:
        meta["date_evidence"] = list(found["evidence"])

    captions = [" ".join(str(c).split()) for c in fields.get("captions") or () if str(c).strip()]
    return Article(
        article_id=ident,
        input_id=_text_field(fields, "id"),
        path=raw.path,
        line=raw.line,
        format=raw.format,
        outlet=outlet_name,
        url=_text_field(fields, "url"),
        title=title,
        byline=byline,
        date=found["date"],
        date_source=found["source"],
        date_precision=found["precision"],
        text=clean_text,
        removed=tuple(sorted(removed, key=lambda r: r.paragraph)),
        captions=tuple(dict.fromkeys([*captions, *cleaned.captions])),
        meta=meta,
        warnings=tuple(warnings),
    )


def body_id(raw_paragraphs: list[str], title_index: int | None) -> str:
    """The article id: a hash of the raw paragraphs, less the one that is the headline.

    The same article arrives as a JSONL row with a `title` field and as a .txt whose
    first line is that title; hashing the text whole gave them two ids and the store
    kept both. Everything else is hashed as it came, before boilerplate removal, so a
    better cleaning rule does not change ids; only finding the headline does.
    """
    kept = raw_paragraphs if title_index is None else [*raw_paragraphs[:title_index], *raw_paragraphs[title_index + 1 :]]
    return article_id("\n\n".join(kept))


def _outlet(user: str | None, fields: dict[str, Any]) -> tuple[str | None, str | None]:
    if user and user.strip():
        return user.strip(), "user"
    if name := _text_field(fields, "outlet"):
        return name, "metadata"
    if host := outlet_from_url(_text_field(fields, "url")):
        return host, "url"
    return None, None


def _byline(meta_byline: str | None, cleaned: Cleaned) -> tuple[str | None, str | None]:
    if meta_byline:
        return meta_byline, "metadata"
    for found in cleaned.bylines:
        if found.authors:
            return found.text, "text"
    if cleaned.promo_authors:
        return cleaned.promo_authors[0], "promo"
    return None, None


def _date(
    user: str | None, fields: dict[str, Any], cleaned: Cleaned, text: str, warnings: list[str]
) -> dict[str, Any]:
    """The date, its precision and source, by precedence user > metadata > a day in the URL >
    byline > text, else inferred from evidence (`ingest.dating`)."""
    if user is not None:
        parsed = parse_date(user)
        if parsed is None:
            raise UsageError("E402", option="--date", expected="a date such as 2019-08-19", value=user)
        return {"date": parsed[0], "precision": parsed[1], "source": "user", "evidence": ()}
    meta_date = fields.get("date")
    if meta_date not in (None, ""):
        parsed = parse_date(str(meta_date))
        if parsed:
            return {"date": parsed[0], "precision": parsed[1], "source": "metadata", "evidence": ()}
        warnings.append(f"[E130] {Errors.E130.format(value=str(meta_date))}")
    url = _text_field(fields, "url")
    in_url = url_date(url)
    if in_url and in_url[1] == "day":
        return {"date": in_url[0], "precision": "day", "source": "url",
                "evidence": ({"kind": "url", "text": in_url[2]},)}
    for found in cleaned.bylines:
        if found.date:
            return {"date": found.date, "precision": found.precision, "source": "byline", "evidence": ()}
    estimate = infer_date(text, stated=cleaned.stated_dates, within=in_url[0] if in_url else None)
    return {
        "date": estimate.date,
        "precision": estimate.precision,
        "source": estimate.source,
        "evidence": estimate.evidence,
    }
