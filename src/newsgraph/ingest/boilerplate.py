"""Boilerplate: the lines of a scraped page that are not the article.

Rules read the shape of a line and where it stands, never strings copied from a
corpus: promo and credits live in the first and last few paragraphs; widgets and ad
labels are short lines made only of interface words; a teaser is a short label, a
colon and a headline; a credit is names and agencies joined by slashes; a caption is
a short line beside a credit or with a position marker "(L)"; a comments section,
once it starts at the end, runs to the end. Every line taken out becomes a
`RemovedLine` with its reason, captions go to `captions`, and false positives are
treated as worse than misses: a rule that could eat news text is narrowed until it
cannot, even if some debris then survives.

`RepeatedLines` adds the one signal a single article cannot give: a short line that
an outlet prints in many of its articles is that outlet's boilerplate.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.ingest.byline import SOCIAL_NETWORKS, Byline, author_from_promo, parse_byline
from newsgraph.ingest.dates import DAY_PATTERN, MONTH_PATTERN, YEAR_PATTERN
from newsgraph.ingest.headline import is_headline
from newsgraph.ingest.widgets import strip_name_cards
from newsgraph.records import RemovedLine

HEAD = 4  # the first paragraphs, where bylines, kickers and lead-image credits live
TAIL = 6  # the last paragraphs, where promo, credits and comments live

# ---------------------------------------------------------------- vocabularies
# Interface words: a line made only of these (and filler) is a widget or an ad label.
_AD_WORDS = {"advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsor", "promoted", "paid"}
_SHARE_WORDS = {"share", "shares", "sharing", "tweet", "print", "email", "e-mail", "listen", "save", "whatsapp", "copy"}
_WIDGET_WORDS = {
    "slideshow", "gallery", "video", "videos", "photo", "photos", "image", "images", "audio", "play", "close",
    "enlarge", "toggle", "caption", "continued", "continue", "reading", "loading", "skip", "menu", "expand",
    "collapse", "playback", "replay", "fullscreen",
}
_FILLER = {
    "the", "this", "that", "article", "story", "main", "to", "links", "link", "content", "below", "above", "our",
    "now", "more", "here", "of", "a", "an", "and", "us", "on", "for", "in", "post", "page", "full", "screen", "it",
    "with", "your", "friends", "you", "via", "is", "be",
}
_SOCIAL = {s.lower() for s in SOCIAL_NETWORKS if s != "X"} | {
    "pinterest", "reddit", "tumblr", "snapchat", "whatsapp", "telegram", "flipboard", "rss", "messenger",
}
_CONNECTORS = {"follow", "like", "on", "at", "and", "or", "us", "me", "him", "her", "them", "the", "our", "find",
               "join", "connect", "with", "via", "email", "e-mail", "share", "subscribe", "tweet", "post", "x",
               "read", "this", "story", "article", "link", "here"}
# Photo agencies and credit words (general knowledge of how credits are written).
_AGENCIES = {
    "ap", "afp", "reuters", "getty", "getty images", "epa", "epa-efe", "shutterstock", "bloomberg", "pool", "sputnik",
    "tass", "xinhua", "anadolu", "anadolu agency", "nurphoto", "sopa images", "lightrocket", "corbis", "alamy",
    "sipa", "zuma", "zuma press", "redux", "invision", "handout", "aap", "pa", "dpa", "kyodo", "yonhap", "upi",
    "cq roll call", "polaris", "abaca", "ansa", "tns", "istock", "istockphoto", "wikimedia commons", "flickr",
    "white house", "the white house", "associated press", "agence france-presse", "file", "newscom", "sygma",
    "ap photo", "ap images", "getty images for", "via getty images", "bloomberg via getty images", "mct", "nyt",
    "the new york times", "the washington post", "washington post", "ria novosti", "imago", "picture alliance",
}
_WIRES = (
    r"Reuters|AP|AFP|CNN|UPI|Bloomberg|Sputnik|TASS|RIA Novosti|Interfax|Xinhua|dpa|DPA|Yonhap|Kyodo|IANS|PTI|ANI"
    r"|CNSNews(?:\.com)?|CNS|JTA|RNS|EFE|ANSA|Anadolu|Al Jazeera|BBC|NBC News|ABC News|CBS News|Fox News|AFP-JIJI"
)

# ---------------------------------------------------------------- line patterns
_WORDS = re.compile(r"[\w@.'’\-]+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b\w+\.(?:com|org|net)/\S*")
_PROMO_START = re.compile(
    r"^(?:sign(?:ing)? up|subscribe|download|get|join|support|like us|become|don't miss|never miss|receive|want"
    r"|thank(?:s| you) for|try|unlock|start your|register|donate|visit|check out|listen to|watch|read|give|"
    r"help us|we'd love|to receive|be the first|stay (?:up to date|informed|updated))\b",
    re.IGNORECASE,
)
_PROMO_OBJECT = re.compile(
    r"\b(?:newsletters?|inbox|app|apps|podcasts?|alerts|subscri\w*|sign(?:ing)? up|membership|member|donat\w*"
    r"|journalism|homepage|e-?mail updates|notifications|free trial|premium|our (?:site|website|channel)"
    r"|mailing list|the latest|breaking news|daily (?:brief|briefing|digest))\b",
    re.IGNORECASE,
)
_CLICK = re.compile(r"^(?:click|tap)\s+(?:here|for|to|on|below)\b", re.IGNORECASE)
_FOLLOW = re.compile(rf"^Follow\b.{{0,80}}?(?:\b(?:{'|'.join(SOCIAL_NETWORKS)})\b|(?<![\w.])@\w{{2,}})", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved)|\ball rights reserved\b"
    r"|\bmay not be (?:published|reproduced|redistributed|broadcast)", re.IGNORECASE
)
_TEASER_LABEL = (
    r"read more|read next|read also|also read|more|more from [\w' ]{1,30}|more on this(?: story)?|related"
    r"|related (?:coverage|content|articles?|stories|links|video|reading|news)|recommended(?: reading| for you)?"
    r"|see also|see more|watch|watch more|watch next|watch live|listen|photos|photo gallery|videos?|gallery"
    r"|must read|don't miss|trending(?: now)?|top stories|most (?:read|popular|viewed)|more news|further reading"
    r"|you may also like|editor's picks?|more coverage|latest|featured|in other news|also on [\w' ]{1,30}"
)
_TEASER = re.compile(
    rf"^[-•*>»\s]*\(?\s*(?:{_TEASER_LABEL})\s*(?:[:|»]|\.\.\.|…)\s*(?P<rest>.*?)\)?$", re.IGNORECASE
)
_TEASER_CAPS = re.compile(r"^(?:ALSO READ|READ MORE|READ NEXT|READ ALSO|MUST READ|SEE ALSO)\b[:\s]*(?P<rest>.*)$")
_TEASER_TRAILING = re.compile(r"\s(?:Read more|Read More|READ MORE)[.…»>]*$")
_TIMESTAMP = re.compile(
    r"^(?:\d+|an?|one|two|three) (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago$"
    r"|^this (?:article|story|page) is (?:more than|over) \S+ (?:days?|weeks?|months?|years?) old$"
    r"|^(?:published|updated|posted|last updated|first published|last modified)\b",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"(?:contributed|contributed reporting|contributed to this (?:report|story|article))\.?$"
    r"|^(?:contributing|additional reporting|reporting by|editing by|written by|compiled by)\b"
    r"|^[-–—\s]*with (?:assistance|additional reporting) (?:by|from)\b|^(?:with|from) [\w' ]{0,30}\bwires?\.?$"
    r"|^\(?(?:reporting|writing) by\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions) expressed\b.*\b(?:own|not (?:necessarily )?(?:reflect|represent))", re.IGNORECASE
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|join the (?:conversation|discussion|debate)|leave a (?:comment|reply)"
    r"|(?:show|view|hide|load|post|add) (?:a |all )?comments?|comments? policy|discuss this (?:article|story))[.:!]*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\W_]*$")
_MARKUP = re.compile(r"^\[[a-z_/ \-]{1,20}\]$")
_TERMINAL = re.compile(r"[.!?][\"”’')\]]*$")
_SENTENCES = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“*])")

# Credits: a whole line, or the end of a caption line.
_CREDIT_WORD = r"(?:Photo|Photograph|Picture|Image|Video|Illustration|Graphic)s?"
_CREDIT_LABEL = re.compile(
    rf"^\(?\s*(?:[A-Z][\w.&-]*\s+){{0,2}}(?:{_CREDIT_WORD}|Credit|Photographer)"
    rf"(?:\s+(?:by|credits?|courtesy(?: of)?|source)\s*:?|\s*[:/])\s*(?P<who>.{{2,80}}?)\)?$",
    re.IGNORECASE,
)
_IMAGE_META = re.compile(r"^Image (?:copyright|source|credit)\s+(?P<credit>.+?)(?:\s+Image caption\s+(?P<caption>.+))?$")
_NPR_TOGGLE = re.compile(r"^(?:Enlarge this image\s+)?toggle caption\b", re.IGNORECASE)
_CREDIT_TAILS = [
    # "(Photo: Jane Roe/Agency)", "(AP Photo/Jane Roe)", "(Reuters photo: Jane Roe)"
    re.compile(rf"\s*\((?:[A-Z][\w.&-]*\s+)?{_CREDIT_WORD}(?:\s+(?:by|credit|courtesy(?: of)?))?\s*[:/]\s*[^()]{{2,80}}\)$", re.IGNORECASE),
    # "... Photograph: Jane Roe/Reuters" after a sentence
    re.compile(rf"(?<=[.!?”\"’)])\s+(?:{_CREDIT_WORD}|Credit|Photo credit)\s*:\s*[^.]{{2,80}}$"),
    # "... 2020. REUTERS/Jane Roe"
    re.compile(r"(?<=[.!?”\"’)])\s+(?:REUTERS|AFP|EPA|AP|POOL|Reuters)\s?/\s?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}(?:\s+[A-Z]{2,}(?:\s+[A-Z]{2,})*)?$"),
    # "... the ceremony. | Getty", "| AP Photo", "| Jane Roe/AFP" (a teaser may follow the credit)
    re.compile(r"\s+\|\s+(?:Getty(?: Images)?|AP(?: Photos?)?|REUTERS|Reuters|AFP|EPA|[A-Z][\w.' \-]{1,40}/\s?(?:for\s)?[A-Z][\w.' \-]{1,40})\b.*$"),
]
# "... at Georgetown. Jane Roe/AFP/Getty Images": a name-and-slash tail, checked with is_credit.
_SLASH_TAIL = re.compile(r"(?<=[.!?”\"’)])\s+([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}\s?/\s?[A-Z][\w.'’\- ]*(?:/[A-Z][\w.'’\- ]*)*)$")
_POSITION = re.compile(
    r"\((?:L|R|C|CL|CR|L-R|R-L|(?:(?:\d|\d(?:st|nd|rd|th))\s*)?(?:L|R|left|right)|left|right|center|centre|front|"
    r"back|top|bottom|rear|pictured|inset|foreground|background|standing|seated)\)",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(r"^(?:FILE PHOTO|FILE|PHOTO)\s*(?::|\s[-–—])\s*(?P<caption>.+)$")
# Player and caption labels left in front of the text they label.
_CAPTION_LABEL = re.compile(r"^(?P<label>(?:.{0,60}?\b)?(?:Media|Image|Video|Photo) caption)\s+(?P<caption>\S.+)$")
_LABEL_PREFIX = re.compile(r"^(?P<label>(?i:story highlights|share all sharing options for:)|CLOSE)\s+(?P<rest>\S.+)$")
# A slideshow caption: "Hide caption <caption> Previous Next <credit> 3 of 9".
_SLIDE = re.compile(
    r"^(?P<label>(?:Hide|Show) caption(?:\s+\d+ of \d+)?(?:\s+Photos:)?)\s*(?P<caption>.*?)"
    r"(?:\s+(?P<credit>Previous Next\b.*))?$",
    re.IGNORECASE,
)
# A photo gallery flattened into one paragraph: "Photos: <gallery> <caption> Hide Caption 1 of 21
# Photos: <gallery> <caption> Hide Caption 2 of 21 …" — every slide ends with its counter.
# A slide may also sit alone in its paragraph (one counter), and a counter may come with
# a dotted pager ("1 of 16 • • • • • 1 of 16 Show Caption"). Interface words only, never prose.
_GALLERY_COUNTER = re.compile(
    r"\s*(?:\b\d+ of \d+(?:\s*•)+\s*\d+ of \d+\s*)?\b(?:Hide|Show) Caption(?: \d+ of \d+\b)?\s*", re.IGNORECASE
)
_SHARE_PREFIX = re.compile(
    rf"^(?P<prefix>(?:(?:{'|'.join(sorted(_SOCIAL | {'twitter', 'facebook', 'email', 'share'}))})\s+){{2,}})(?P<rest>\S.*)$",
    re.IGNORECASE,
)

# Datelines: "WASHINGTON —", "ALBANY, N.Y. (AP) —", "Moscow (Reuters) -", "Atlanta (CNN)",
# "Moscow ( –" (characters lost in scraping), "New Delhi, India -", "(Reuters) -".
_DASH = r"\s*(?:--?|–-?|—)\s*"
_PLACE_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_PLACE_MIXED = r"[A-Z][a-zA-Z.'’\-]+(?:\s+(?:[A-Z][a-zA-Z.'’\-]+|de|del|da|do|of|la|el|al|upon)){0,3}"
_REGION = r"(?:,\s+[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2}){0,2}"
_DDATE = rf"(?:,\s+(?P<date>{MONTH_PATTERN}\s+{DAY_PATTERN}(?:,\s+{YEAR_PATTERN})?))?"
_DATELINES = [
    re.compile(rf"^(?P<place>{_PLACE_CAPS}{_REGION}){_DDATE}\s*(?:\((?P<agency>[A-Za-z][\w.&' -]{{0,30}})\))?{_DASH}(?=\S)"),
    re.compile(rf"^(?P<place>{_PLACE_CAPS}{_REGION}){_DDATE}\s*\((?P<agency>[A-Za-z][\w.&' -]{{0,30}})\)\s+(?=[A-Z“\"])"),
    re.compile(rf"^(?P<place>{_PLACE_MIXED}{_REGION}){_DDATE}\s*\((?P<agency>{_WIRES})\)(?:{_DASH}|\s+)(?=\S)"),
    re.compile(rf"^(?P<place>{_PLACE_MIXED}{_REGION})\s*\(\s*{_DASH}(?=\S)"),
    re.compile(rf"^(?P<place>{_PLACE_MIXED},\s+[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){{0,2}}(?:,\s+[A-Z][A-Za-z.'’\-]+){{0,1}}){_DASH}(?=[A-Z“\"])"),
    re.compile(rf"^\((?P<agency>{_WIRES})\){_DASH}(?=\S)"),
]
_NOT_PLACES = {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "WATCH", "LIVE",
               "CORRECTION", "NOTE", "EDITOR'S", "VIDEO", "PHOTO", "PHOTOS", "FILE", "READ", "RELATED", "ALERT",
               "FINAL", "URGENT", "DEVELOPING", "REPORT", "REVIEW", "COMMENTARY", "OP-ED"}
_PARTY = re.compile(r"^[RDI](?:-[A-Za-z.]+)?$")


# ---------------------------------------------------------------- single lines


def _words(line: str) -> list[str]:
    return _WORDS.findall(line.lower())


def widget_reason(line: str) -> str | None:
    """"ad", "share" or "widget" for a short line made only of interface words."""
    words = [w.strip(".'’-") for w in _words(line)]
    words = [w for w in words if w and not w.isdigit()]
    if not words or len(words) > 12 or words[0] in ("the", "a", "an", "this", "that"):
        return None  # interface labels are bare words; "The video" is a sub-heading
    vocabulary = _AD_WORDS | _SHARE_WORDS | _WIDGET_WORDS
    if not all(w in vocabulary or w in _FILLER for w in words):
        return None
    if any(w in _AD_WORDS for w in words):
        return "ad"
    if any(w in _SHARE_WORDS for w in words):
        return "share"
    if any(w in _WIDGET_WORDS for w in words):
        return "widget"
    return None


def _social_dominated(line: str) -> bool:
    """A short line made of social network names, @handles, e-mail addresses and
    the words that join them ("Facebook Twitter Email", "Follow @desk")."""
    tokens = line.replace(",", " ").replace(":", " ").split()
    if not tokens or len(tokens) > 15:
        return False
    social = 0
    for token in tokens:
        bare = token.strip(".!|·•()").lower()
        if bare in _SOCIAL or _HANDLE.fullmatch(bare) or _EMAIL.fullmatch(bare) or _URL.match(bare):
            social += 1
        elif bare and bare not in _CONNECTORS:
            return False
    return social > 0


def _promo_sentence(sentence: str) -> bool:
    sentence = sentence.lstrip("-–•*>([ ").strip()
    if _FOLLOW.match(sentence) or _CLICK.match(sentence):
        return True
    if _PROMO_START.match(sentence) and _PROMO_OBJECT.search(sentence):
        return True
    return bool(re.match(r"^(?:e-?mail|contact|send tips?|reach|write to)\b", sentence, re.IGNORECASE)
                and _EMAIL.search(sentence))


def promo_reason(line: str, *, in_tail: bool) -> str | None:
    """"promo" for follow/subscribe/app/newsletter/contact lines: the line opens with
    the promo, is made of social names and handles, or is a short contact line with
    an e-mail address (longer ones only in the last paragraphs). A line that ends in
    promo after real sentences is `split_promo_tail`'s business."""
    words = len(line.split())
    if words <= 60 and _promo_sentence(line):
        return "promo"
    if _social_dominated(line):
        return "promo"
    if _EMAIL.search(line) and (words <= 20 or (in_tail and words <= 50)):
        if re.search(r"\b(?:e-?mail|contact|tips?|write|reach|send|let us know|questions?|feedback)\b", line, re.IGNORECASE):
            return "promo"
    return None


def split_promo_tail(line: str) -> tuple[str, str] | None:
    """(text, promo) when a line ends in promo sentences after real ones: "Jane Roe
    covers Congress. Follow her on Twitter @janeroe." keeps the first sentence."""
    sentences = _SENTENCES.split(line)
    for k in range(1, len(sentences)):
        if _promo_sentence(sentences[k]) and len(" ".join(sentences[k:]).split()) <= 70:
            return " ".join(sentences[:k]).strip(), " ".join(sentences[k:]).strip()
    return None


def _headline_shaped(text: str) -> bool:
    text = text.strip()
    if not text:
        return True
    if len(text.split()) > 25:
        return False
    end = text.rstrip("\"”’')»]")
    return not end.endswith((".", ",", ";", ":")) or bool(re.search(r"(?:\b[A-Z]\.){2,}$", end))


def teaser_reason(line: str) -> str | None:
    """"link-teaser" for "Read more: <headline>", "RELATED", "( PHOTOS: ...)",
    "<headline> Read more": a short label, a colon, and a headline or nothing."""
    m = _TEASER.match(line) or _TEASER_CAPS.match(line)
    if m and _headline_shaped(m["rest"]):
        return "link-teaser"
    if _TEASER_TRAILING.search(line) and len(line.split()) <= 30:
        return "link-teaser"
    return None


def _is_agency(part: str) -> bool:
    bare = part.strip(" ().,").lower()
    return bare in _AGENCIES or "getty" in bare or bare.endswith(" pool")


def is_credit(line: str) -> bool:
    """True for a photo credit standing alone: "MAXIM ROE/AFP/Getty Images",
    "(Jane Roe/Reuters)", "Photo by Jane Roe", "Getty Images", "Image copyright AFP"."""
    text = line.strip()
    words = text.split()
    if _NPR_TOGGLE.match(text) and len(words) <= 30:
        return True
    if not words or len(words) > 14:
        return False
    if re.match(r"^Image (?:copyright|source|credit)\b", text):
        return True
    if _is_agency(text):
        return True
    m = _CREDIT_LABEL.match(text)
    if m and len(words) <= 12 and ("/" in m["who"] or _is_agency(m["who"].split(",")[-1]) or len(m["who"].split()) <= 4):
        return True
    inner = text.strip("()")
    if ":" in inner:  # "(Reuters: Jane Roe)"
        label, who = (p.strip() for p in inner.split(":", 1))
        return _is_agency(label) and 1 <= len(who.split()) <= 5
    parts = [p.strip() for p in re.split(r"\s*/\s*", inner)]
    if len(parts) < 2 or any(not p or len(p.split()) > 5 or p.endswith(":") for p in parts):
        return False
    if not all(p[0].isupper() or p[0].isdigit() for p in parts):
        return False
    if any(_is_agency(p) for p in parts):
        return True
    letters = [c for c in inner if c.isalpha()]
    upper_share = sum(c.isupper() for c in letters) / max(1, len(letters))
    return upper_share >= 0.6 and any(len(p.split()) >= 2 for p in parts)  # "JANE ROE/AGENCY"


def split_credit(line: str) -> tuple[str, str] | None:
    """(caption, credit) for a caption line that ends with its photo credit:
    "... (AP Photo/Jane Roe)", "... REUTERS/Jane Roe", "... (Jane Roe/Reuters)"."""
    matches = [m for m in (p.search(line) for p in _CREDIT_TAILS) if m]
    for pattern in (re.compile(r"\s*(\([^()]{3,80}\))$"), _SLASH_TAIL):
        if (m := pattern.search(line)) and is_credit(m.group(1)):
            matches.append(m)
    for m in matches:
        caption, credit = line[: m.start()].strip(), m.group(0).strip(" |")
        if m.start() > 0 and 2 <= len(caption.split()) <= 80:
            return caption, credit
    return None


# ---------------------------------------------------------------- the article


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (and date, if given) a dateline prefix stated, and the prefix itself."""

    place: str | None
    date: str | None
    prefix: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What cleaning made of an article's paragraphs."""

    kept: tuple[tuple[int, str], ...]  # (paragraph index in the raw text, text)
    removed: tuple[RemovedLine, ...]
    captions: tuple[str, ...]
    bylines: tuple[Byline, ...]
    promo_authors: tuple[str, ...]
    dateline: Dateline | None
    stated_dates: tuple[str, ...]  # lines that state when the article was published


@dataclass
class _State:
    lines: list[str | None]  # None once removed or moved to captions
    removed: list[RemovedLine] = field(default_factory=list)
    captions: list[tuple[int, str]] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    promo_authors: list[str] = field(default_factory=list)
    stated: list[str] = field(default_factory=list)
    photo_credits: set[int] = field(default_factory=set)  # lines that credit a photo and nothing else

    def drop(self, index: int, reason: str, text: str | None = None) -> None:
        self.removed.append(RemovedLine(text if text is not None else self.lines[index] or "", reason, index))
        self.lines[index] = None

    def caption(self, index: int, caption: str) -> None:
        self.captions.append((index, caption))
        self.lines[index] = None


def clean_paragraphs(
    paragraphs: Sequence[str],
    *,
    outlet: str | None = None,
    authors: Sequence[str] = (),
    repeated: RepeatedLines | None = None,
) -> Cleaned:
    """Split an article's paragraphs into body, removed lines and captions.

    `authors` and `outlet` (from metadata) let a line that only repeats them be
    recognised as part of the byline; `repeated` holds what other articles of the
    same outlet print (see `RepeatedLines`).
    """
    state = _State(list(paragraphs))
    n = len(paragraphs)
    known = {_key(a) for a in authors if a} | ({_key(outlet)} if outlet else set())
    _cut_comments(state, n)
    for i in range(n):
        if state.lines[i] is not None:
            _classify(state, i, n, known)
    _names_before_bylines(state, paragraphs)
    _captions_before_credits(state, paragraphs)
    _drop_repeats(state, n)
    if repeated is not None:
        for i, line in enumerate(state.lines):
            if line is None or not repeated.is_repeated(outlet, line):
                continue
            # inside the article, a recurring sub-heading or attribution is content
            if HEAD <= i < n - TAIL and (is_headline(line) or parse_byline(line)):
                continue
            state.drop(i, "outlet-repeat")
    dateline = _strip_dateline(state)
    state.removed.sort(key=lambda r: r.paragraph)
    return Cleaned(
        kept=tuple((i, line) for i, line in enumerate(state.lines) if line),
        removed=tuple(state.removed),
        captions=tuple(dict.fromkeys(c for _, c in sorted(state.captions))),
        bylines=tuple(state.bylines),
        promo_authors=tuple(dict.fromkeys(state.promo_authors)),
        dateline=dateline,
        stated_dates=tuple(state.stated),
    )


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w@]+", " ", text.casefold()).split())


def _cut_comments(state: _State, n: int) -> None:
    """Once a comments label starts in the last paragraphs, the rest is comments."""
    for i in range(max(0, n - TAIL - 2), n):
        if _COMMENTS.match(state.lines[i] or ""):
            for j in range(i, n):
                state.drop(j, "comments")
            return


def _classify(state: _State, i: int, n: int, known: set[str]) -> None:
    line = state.lines[i] or ""
    in_head, in_tail = i < HEAD, i >= n - TAIL
    line, cards = strip_name_cards(line)  # "President Trump Donald John TrumpTeaser … MORE on Sunday"
    if cards:
        state.removed.extend(RemovedLine(card, "widget", i) for card in cards)
        state.lines[i] = line
    if m := _SHARE_PREFIX.match(line):  # "Facebook Twitter Pinterest <caption>"
        state.removed.append(RemovedLine(m["prefix"].strip(), "share", i))
        line = state.lines[i] = m["rest"]
    if m := _LABEL_PREFIX.match(line):  # "Story highlights <text>": the label goes, the text stays
        state.removed.append(RemovedLine(m["label"], "widget", i))
        line = state.lines[i] = m["rest"]
    if _SEPARATOR.match(line) or _MARKUP.match(line):
        state.drop(i, "separator")
        return
    if m := _IMAGE_META.match(line):  # "Image copyright AGENCY Image caption <caption>"
        if m["caption"]:
            state.removed.append(RemovedLine(line[: m.start("caption")].replace(" Image caption", "").strip(), "credit", i))
            state.caption(i, m["caption"])
        else:
            state.drop(i, "credit")
        return
    counters = _GALLERY_COUNTER.findall(line)
    if counters and not (len(counters) == 1 and _SLIDE.match(line)):
        # a gallery, or one slide of it: each slide's caption goes to captions, the counters are widgets
        for counter in counters:
            state.removed.append(RemovedLine(counter.strip(), "widget", i))
        slides = [c.strip() for c in _GALLERY_COUNTER.split(line) if len(c.split()) >= 2]
        state.lines[i] = None
        for slide in slides:
            state.caption(i, slide)
        return
    if m := _SLIDE.match(line):
        state.removed.append(RemovedLine(m["label"], "widget", i))
        if m["credit"]:
            state.removed.append(RemovedLine(m["credit"], "credit", i))
        if len(m["caption"].split()) >= 2:
            state.caption(i, m["caption"])
        else:
            state.lines[i] = None
        return
    if (m := _CAPTION_LABEL.match(line)) and len(m["label"].split()) <= 10:
        state.removed.append(RemovedLine(m["label"], "widget", i))
        state.caption(i, m["caption"])
        return
    if reason := widget_reason(line) or teaser_reason(line):
        state.drop(i, reason)
        return
    if split := split_credit(line):
        state.removed.append(RemovedLine(split[1], "credit", i))
        state.caption(i, _FILE_PHOTO.sub(r"\g<caption>", split[0]))
        return
    if is_credit(line):
        if not (_NPR_TOGGLE.match(line) or line.startswith("Image ")):  # those carry no caption beside them
            state.photo_credits.add(i)
        state.drop(i, "credit")
        return
    if m := _FILE_PHOTO.match(line):
        state.caption(i, m["caption"])
        return
    if reason := _copyright_reason(line) or promo_reason(line, in_tail=in_tail):
        if reason == "promo" and (author := author_from_promo(line)):
            state.promo_authors.append(author)
        state.drop(i, reason)
        return
    if reason := _timestamp_reason(state, line) or (_edge_reason(line) if in_tail else None):
        state.drop(i, reason)
        return
    if in_tail and (split := split_promo_tail(line)):  # "<author bio>. Follow her on Twitter @x."
        keep, promo = split
        if author := author_from_promo(promo):
            state.promo_authors.append(author)
        state.removed.append(RemovedLine(promo, "promo", i))
        state.lines[i] = keep
        return
    if (in_head or in_tail) and _key(line) in known:
        state.drop(i, "byline")
        return
    if byline := _byline(line, in_head):
        state.bylines.append(byline)
        state.drop(i, "byline")
        return
    if i > 0 and len(line.split()) <= 40 and not _TERMINAL.search(line):
        markers = [m.strip("()") for m in _POSITION.findall(line)]
        if any(not _PARTY.match(m) for m in markers) or len(markers) > 1:
            state.caption(i, line)


def _copyright_reason(line: str) -> str | None:
    return "copyright" if len(line.split()) <= 40 and _COPYRIGHT.search(line) else None


def _timestamp_reason(state: _State, line: str) -> str | None:
    if len(line.split()) <= 12 and _TIMESTAMP.match(line):
        if re.match(r"^(?:published|updated|posted|last updated|first published|last modified)\b", line, re.IGNORECASE):
            if not re.search(r"\d", line):
                return None  # "Updated with comment from ..." is an editor's note, not a stamp
            state.stated.append(line)
        return "timestamp"
    return None


def _edge_reason(line: str) -> str | None:
    """Credits and disclaimers, recognised only in the last paragraphs."""
    words = len(line.split())
    if words <= 30 and _CONTRIBUTED.search(line):
        return "credit"
    if words <= 45 and _DISCLAIMER.search(line):
        return "disclaimer"
    return None


def _byline(line: str, in_head: bool) -> Byline | None:
    """A byline line: one starting with "By" anywhere; "Name, Agency" or
    "Name | date" only among the first paragraphs."""
    if not (in_head or re.match(r"^(?:By|BY)\s", line)):
        return None
    if len(line.split()) > 20 or (line.endswith(".") and not re.search(r"\b[A-Z]\.$", line)):
        return None
    return parse_byline(line)


def _names_before_bylines(state: _State, paragraphs: Sequence[str]) -> None:
    """A line of names alone right before a byline line ("Jane Roe" above "USA TODAY")
    is part of the byline block."""
    bylines = {r.paragraph for r in state.removed if r.reason == "byline"}
    for i in range(min(HEAD, len(paragraphs) - 1)):
        line = state.lines[i]
        if line and i + 1 in bylines and (found := parse_byline("By " + line)) and not found.affiliation:
            state.bylines.append(found)
            state.drop(i, "byline")


def _captions_before_credits(state: _State, paragraphs: Sequence[str]) -> None:
    """A short line right before a photo credit is the photo's caption, when it does
    not end like a sentence or names positions ("(R)"); the first line only with a
    position marker (otherwise it is more often the headline); never a line ending
    in ":" (it introduces what follows)."""
    for i in sorted(state.photo_credits):
        j = i - 1
        line = state.lines[j] if j >= 0 else None
        if not line or line.endswith(":") or not 3 <= len(line.split()) <= 40:
            continue
        marked = any(not _PARTY.match(m.strip("()")) for m in _POSITION.findall(line))
        if (j >= 1 and not _TERMINAL.search(line)) or marked or (j >= 1 and _POSITION.search(line)):
            state.caption(j, line)


def _drop_repeats(state: _State, n: int) -> None:
    """Lines printed more than once: at the end (an author's name three times) none
    is kept; elsewhere the first copy stays."""
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(state.lines):
        if line and _key(line):
            positions.setdefault(_key(line), []).append(i)
    for key, where in positions.items():
        if len(where) < 2:
            continue
        if all(i >= n - TAIL for i in where) and len(key.split()) <= 12:
            for i in where:
                state.drop(i, "repeated")
        elif len(key.split()) >= 3 and not is_headline(state.lines[where[0]] or ""):
            for i in where[1:]:  # a repeated sub-heading (a roundup's "From the Right") stays
                state.drop(i, "repeated")


def _strip_dateline(state: _State) -> Dateline | None:
    """Strip a dateline from the start of the first body paragraph (the first or,
    after a headline, the second kept line)."""
    kept = [i for i, line in enumerate(state.lines) if line]
    for i in kept[:2]:
        line = state.lines[i] or ""
        for pattern in _DATELINES:
            m = pattern.match(line)
            if not m:
                continue
            place = m.groupdict().get("place")
            agency = m.groupdict().get("agency")
            rest = line[m.end():]
            if place and set(place.upper().replace(",", " ").split()) & _NOT_PLACES:
                continue
            if agency and _PARTY.match(agency.strip()):
                continue
            if len(rest.split()) < 4:
                continue
            prefix = line[: m.end()].strip()
            state.removed.append(RemovedLine(prefix, "dateline", i))
            state.lines[i] = rest.strip()
            date = m.groupdict().get("date")
            if date:
                state.stated.append(date)
            return Dateline(place=place.strip() if place else None, date=date, prefix=prefix)
    return None


# ---------------------------------------------------------------- across articles


class RepeatedLines:
    """Short lines an outlet prints in many of its articles: its boilerplate.

    A line counts when it is seen in at least `min_articles` articles and in at least
    `min_share` of the articles observed for the outlet. The pipeline observes a
    batch of inputs before cleaning them; the same article observed twice counts
    once, so the result depends only on the set of inputs. Lines are held as short
    digests, so memory stays small over large runs.
    """

    def __init__(self, *, min_articles: int = 3, min_share: float = 0.2, max_words: int = 30) -> None:
        self.min_articles = min_articles
        self.min_share = min_share
        self.max_words = max_words
        self._articles: Counter[str] = Counter()
        self._lines: Counter[tuple[str, bytes]] = Counter()
        self._seen: set[bytes] = set()

    @staticmethod
    def _outlet(outlet: str | None) -> str:
        return (outlet or "").casefold().strip()

    @staticmethod
    def _digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()

    def observe(self, outlet: str | None, paragraphs: Sequence[str]) -> None:
        """Count the short lines of one article of `outlet`."""
        name = self._outlet(outlet)
        article = self._digest(name + "\x00" + "\n".join(paragraphs))
        if article in self._seen:
            return
        self._seen.add(article)
        self._articles[name] += 1
        for key in {_key(p) for p in paragraphs if len(p.split()) <= self.max_words}:
            if key:
                self._lines[(name, self._digest(key))] += 1

    def is_repeated(self, outlet: str | None, line: str) -> bool:
        """True when `line` is boilerplate of `outlet` by the rule above."""
        if len(line.split()) > self.max_words or not _key(line):
            return False
        name = self._outlet(outlet)
        articles = self._articles[name]
        seen = self._lines[(name, self._digest(_key(line)))]
        return seen >= self.min_articles and articles > 0 and seen / articles >= self.min_share
