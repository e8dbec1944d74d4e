"""Quotes: who said what, attributed to canonical speakers.

Three passes over a parsed article, all general mechanisms:

1. Quote marks. Straight and curly double marks (and single marks as a second
   level, e.g. in headlines) are paired per paragraph. Whether a mark opens or
   closes is read from the characters around it, so an apostrophe inside a word
   (Russia’s, don’t) never opens a quote. A paragraph left open whose next
   paragraph reopens the mark continues the quote (one record per paragraph).
2. Kind. A quote that starts its sentence, or follows ":" / "," / a cue, is a
   full (direct) quote; a fragment inside the author's own sentence is partial.
   Clauses reported by a cue verb ("said that …", "…, officials said",
   "according to X, …") are indirect.
3. Speaker. The cue nearest the quote (lexicon in `knowledge/data/cues.tsv`)
   gives the speaker by its syntax: the subject, the agent of a passive, the
   object of "quote X as saying", the object of "according to". The speaker span
   maps to the actor `Mention` that covers it; a pronoun goes to the most recent
   earlier person (he/she) or body (it/they); a document ("the statement")
   goes to its issuer. A direct quote with no cue continues the previous
   quote's speaker; a scare quote with no cue stays unattributed.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.cues import Cues, load_cues
from newsgraph.extract.gender import PRONOUN_GENDER, genders_in
from newsgraph.records import Actor, Mention, Quote

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER = "“„«", "”»", '"‟'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER = "‘‚‹", "’›", "'"
OPENING_CONTEXT = " \t([{—–-/…"  # what may stand before an opening mark
# "― Jane Doe" after a quote, closing its paragraph: a signed quote.
SIGNATURE = re.compile(r"^[\s\u00a0]*[―—–-]+[\s\u00a0]*([A-Z][^\W\d_]*(?:[ .'’-]+[A-Z][^\s,;]*){0,5})[\s\u00a0.,]*$")
PERSONAL = frozenset({"he", "she", "him", "her"})
IMPERSONAL = frozenset({"it", "they", "them"})
PRONOUNS = PERSONAL | IMPERSONAL | frozenset({"i", "we", "you"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Verbs that report what a text or a fact implies, not what anyone said.
INFERENCE_VERBS = frozenset("suggest show indicate imply mean reflect demonstrate prove signal".split())
PERSON_HOW = ("dictionary:person", "dictionary:surname", "title", "apposition", "alias:earlier-mention",
              "office-holder", "name")


@dataclass(slots=True)
class _Marked:
    """A span inside quote marks (offsets include the marks)."""

    start: int
    end: int
    paragraph: int
    continued: bool = False  # reopens a quote the previous paragraph left open
    continues: bool = False  # left open; the next paragraph reopens it


def find_quotes(article_id: str, doc: Doc, mentions: Sequence[Mention], actors: Sequence[Actor],
                kb=None) -> list[Quote]:
    """Every direct, partial and indirect quote of a parsed article, with its speaker.

    `kb` is the knowledge base the mentions were resolved with (the shipped one by
    default), so role words added by a user's dictionary count here too.
    """
    if kb is None:
        from newsgraph.knowledge import default

        kb = default()
    return _Finder(article_id, doc, mentions, load_cues(), {a.id: a.sector for a in actors}, kb).run()


# -- 1. quote marks ---------------------------------------------------------------------
def quote_spans(text: str) -> list[_Marked]:
    """Spans inside quote marks, paragraph by paragraph (a paragraph is a line)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found: list[_Marked] = []
    for p, (a, b) in enumerate(lines):
        spans, open_at = _pair(text, a, b, DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER)
        if open_at is not None:
            end = a + len(text[a:b].rstrip())
            nxt = lines[p + 1] if p + 1 < len(lines) else None
            if nxt is not None and text[_first_char(text, *nxt)] in DOUBLE_OPEN + DOUBLE_EITHER:
                spans.append(_Marked(open_at, end, p, continues=True))
            elif open_at == _first_char(text, a, b):
                spans.append(_Marked(open_at, end, p))  # the closing mark was forgotten
        spans = [*spans, *_singles_outside(text, a, b, spans)]
        for s in spans:
            s.paragraph = p
        found.extend(sorted(spans, key=lambda s: s.start))
    # A paragraph that reopens continues the previous one's quote.
    for prev, cur in zip(found, found[1:]):
        if prev.continues and cur.paragraph == prev.paragraph + 1:
            cur.continued = True
    return found


def _first_char(text: str, a: int, b: int) -> int:
    return a + len(text[a:b]) - len(text[a:b].lstrip())


def _role(text: str, i: int, opens: str, closes: str, either: str) -> str | None:
    """"open", "close" or None for the mark at i, read from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return None  # inside a word: an apostrophe (don’t, Russia’s)
    if ch in opens:
        return "open" if not nxt.isspace() else None
    if ch in closes:
        return "close" if not prev.isspace() else None
    if prev.isspace() or prev in OPENING_CONTEXT or prev == "\n" or i == 0:
        return "open" if not nxt.isspace() else None
    return "close" if not prev.isspace() else None


def _pair(text: str, a: int, b: int, opens: str, closes: str, either: str) -> tuple[list[_Marked], int | None]:
    spans: list[_Marked] = []
    open_at: int | None = None
    marks = opens + closes + either
    for i in range(a, b):
        if text[i] not in marks:
            continue
        role = _role(text, i, opens, closes, either)
        if role is None:
            continue
        if open_at is None:
            if role == "open":
                open_at = i
        elif role == "close" or text[i] in either and i > open_at + 1:
            spans.append(_Marked(open_at, i + 1, 0))
            open_at = None
        elif role == "open":
            open_at = i  # an opening mark inside an open quote: the earlier one was stray
    return spans, open_at


def _singles_outside(text: str, a: int, b: int, doubles: list[_Marked]) -> list[_Marked]:
    """Single-mark quotes outside double-quoted text, closed within the paragraph."""
    spans, _ = _pair(text, a, b, SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER)
    return [s for s in spans if not any(d.start <= s.start < d.end for d in doubles)
            and s.end - s.start > 3]


# -- 2 and 3. kinds and speakers -----------------------------------------------------------
@dataclass(slots=True)
class _Speaker:
    text: str | None
    start: int | None
    end: int | None
    actor_id: str | None


class _Finder:
    def __init__(self, article_id: str, doc: Doc, mentions: Sequence[Mention], cues: Cues,
                 sectors: dict[str, str | None] | None = None, kb=None) -> None:
        self.article_id, self.doc, self.cues = article_id, doc, cues
        self.sectors = sectors or {}
        self.kb = kb
        self.text = doc.text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.token_starts = [t.idx for t in doc]
        self.person_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        self.phrase_starts = frozenset(words[0] for words in cues.phrases)
        self.issuer: _Speaker | None = None  # the last body known to issue a statement
        self.genders = genders_in(self.mentions)  # "she said" never goes to a man the text named

    # -- driving ----------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        marked = quote_spans(self.text)
        self.marked = marked
        self.quoted_tokens: set[int] = set()  # token indices inside quote marks, for O(1) tests
        for span in marked:
            lo = bisect.bisect_left(self.token_starts, span.start)
            hi = bisect.bisect_left(self.token_starts, span.end)
            self.quoted_tokens.update(range(lo, hi))
        quotes: list[Quote] = []
        last: Quote | None = None
        for span in marked:
            q = self._marked_quote(span, last)
            quotes.append(q)
            if q.kind == "direct":
                last = q
        indirect = self._indirect(marked)
        quotes = [self._inside_reported(q, indirect) for q in quotes] + indirect
        return sorted(quotes, key=lambda q: q.start)

    def _inside_reported(self, q: Quote, indirect: list[Quote]) -> Quote:
        """A partial quote inside someone's reported speech is theirs ("the minister said
        Ankara would reject “any outside pressure”" quotes the minister, not Ankara)."""
        if q.kind != "partial":
            return q
        outer = next((r for r in indirect if r.start <= q.start and q.end <= r.end + 2 and r.speaker_id), None)
        if outer is None or self.sectors.get(outer.speaker_id) == "MED" and q.speaker_id:
            return q  # an agency reporting the sentence does not own the words quoted in it
        return dataclasses.replace(q, cue=outer.cue, speaker_text=outer.speaker_text, speaker_id=outer.speaker_id,
                                   speaker_start=outer.speaker_start, speaker_end=outer.speaker_end)

    def _has_verb(self, span: _Marked) -> bool:
        lo = bisect.bisect_left(self.token_starts, span.start)
        hi = bisect.bisect_left(self.token_starts, span.end)
        # a clause has a verb that is not just a modifier ("creeping annexation")
        return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in self.doc[lo:hi])

    def _marked_quote(self, span: _Marked, last: Quote | None) -> Quote:
        sent = self._sent_index(span.start)
        pre = self._before(span)
        inner = self.text[span.start + 1:span.end - 1].strip(" \t,.;:")
        cue, speaker = self._attribute(span, "direct")
        opening = inner[:1].isupper() or inner[:1].isdigit() or inner[:1] in "…."
        full = span.continued or pre == "" or pre[-1] in ":—–" or self._ends_with_cue(span.start) or (
            pre[-1] == "," and (opening or cue is not None))
        full = full and (opening or pre != "") and (len(inner.split()) >= 3 or cue is not None or span.continued)
        if full and not opening and not span.continued and not self._has_verb(span):
            full = False  # denouncing "unilateral sanction restrictions": a quoted phrase, not speech
        kind = "direct" if full else "partial"
        if kind == "partial":
            cue, speaker = self._attribute(span, kind)
        if speaker is None and kind == "direct":
            speaker = self._signature(span)
        if speaker is None and kind == "direct" and last is not None and self._continues(span, last):
            cue, speaker = None, _Speaker(last.speaker_text, last.speaker_start, last.speaker_end, last.speaker_id)
        if speaker is None and kind == "direct" and (pre.endswith(":") or pre == "" and self._after_colon(span.start)):
            speaker = self._colon_speaker(span.start)
        return self._quote(sent, span.start, span.end, kind, cue, speaker)

    def _signature(self, span: _Marked) -> _Speaker | None:
        """"“…” ― Jane Doe": a dash and a short name closing the paragraph sign the quote."""
        line_end = self.text.find("\n", span.end)
        rest = self.text[span.end:line_end if line_end >= 0 else len(self.text)]
        match = SIGNATURE.match(rest)
        if match is None:
            return None
        a, b = span.end + match.start(1), span.end + match.end(1)
        mention = self._mention_at(a)
        if mention is not None:
            return _Speaker(mention.text, mention.start, mention.end, mention.actor_id)
        return _Speaker(self.text[a:b], a, b, None)

    def _continues(self, span: _Marked, last: Quote) -> bool:
        """A cue-less quote goes on in the last speaker's voice: it reopens their
        paragraph, sits in the same paragraph, or opens the next one."""
        if last.speaker_id is None and last.speaker_text is None:
            return False
        between = self.text[last.end:span.start]
        return span.continued or between.count("\n") == 0 or (
            self._before(span) == "" and not self._paragraph_has_speech(last.end, span.start))

    def _paragraph_has_speech(self, a: int, b: int) -> bool:
        """Whether text between two quotes has a sentence of its own (author's narration)."""
        return len(self.text[a:b].strip().split()) > 3

    # -- quote frames ---------------------------------------------------------------------
    def _sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def _before(self, span: _Marked) -> str:
        """Text of the sentence before the opening mark (after any earlier quote)."""
        start = self.sent_starts[self._sent_index(span.start)]
        for other in self.marked:
            if other.end <= span.start and other.end > start:
                start = other.end
        return self.text[start:span.start].strip()

    def _ends_with_cue(self, char: int) -> bool:
        i = bisect.bisect_left(self.token_starts, char) - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        return i >= 0 and self._is_cue(self.doc[i]) and self.doc[i].sent == self.doc[min(i + 1, len(self.doc) - 1)].sent

    def _inside_marks(self, token: Token) -> bool:
        return token.i in self.quoted_tokens

    def _frame(self, span: _Marked) -> list[Token]:
        """Tokens outside quote marks in the sentences the quote touches, and the
        sentence right after it when the quote ends its own sentence."""
        first, last = self._sent_index(span.start), self._sent_index(max(span.start, span.end - 1))
        after = self._sent_index(span.end)
        rest = self.text[span.end:]
        if after == last + 1 and rest[:1] in (" ", "") and "\n" not in rest[:2]:
            last = after
        tokens = [t for s in self.sents[first:last + 1] for t in s if not t.is_space]
        return [t for t in tokens if not self._inside_marks(t)]

    # -- cues --------------------------------------------------------------------------------
    def _is_cue(self, token: Token) -> bool:
        # a participle modifying a noun ("the so-called “reset”") describes; nobody speaks
        return (token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.cues.verbs and token.lemma_ != "be"
                and token.dep_ != "amod")

    def _phrase_at(self, token: Token) -> tuple[tuple[str, ...], Token] | None:
        if token.lower_ not in self.phrase_starts:
            return None
        for words in self.cues.phrases:
            end = token.i + len(words)
            if end <= len(self.doc) and tuple(t.lower_ for t in self.doc[token.i:end]) == words:
                return words, self.doc[end - 1]
        return None

    def _attribute(self, span: _Marked, kind: str) -> tuple[str | None, _Speaker | None]:
        frame = self._frame(span)
        if kind == "partial":
            first, last = self._sent_index(span.start), self._sent_index(span.end - 1)
            frame = [t for t in frame if first <= self._sent_index(t.idx) <= last]
        cues: list[tuple[int, Token, str]] = []
        for t in frame:
            distance = span.start - t.idx if t.idx < span.start else t.idx - span.end
            if self._is_cue(t):
                cues.append((distance, t, "verb"))
            elif self._phrase_at(t):
                cues.append((distance, t, "phrase"))
        reporter = None
        for _, token, how in sorted(cues, key=lambda c: c[0]):
            found = self._speaker_of_cue(token, how)
            if found is None:
                continue
            if how == "phrase" and self.sectors.get(found[1].actor_id or "") == "MED":
                # "…, according to AFP": the agency reports; a speaking subject in the
                # same sentence ("the minister criticised …, calling …") is the speaker.
                reporter = reporter or found
                continue
            return found
        if reporter is not None:
            # No speaking verb: the subject of the sentence the agency reports on.
            root = self.doc[bisect.bisect_right(self.token_starts, span.start) - 1].sent.root
            subject = self._subject(root) if root.pos_ in ("VERB", "AUX") else None
            if subject is not None and subject.lower_ not in PRONOUNS:
                speaker = self._speaker_from(subject)
                if speaker.actor_id and self.sectors.get(speaker.actor_id) != "MED":
                    return root.text, speaker
            return reporter
        if kind == "direct":
            for t in frame:  # "the statement added" with an unlisted verb
                if t.dep_ in SUBJECTS and t.lemma_.lower() in self.cues.documents:
                    return t.head.text, self._document_issuer(t)
        return (cues[0][1].text if cues else None), None

    def _speaker_of_cue(self, cue: Token, how: str) -> tuple[str, _Speaker] | None:
        if how == "phrase":
            words, last = self._phrase_at(cue)  # type: ignore[misc]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            return " ".join(words), self._speaker_from(obj)
        slot = self.cues.verbs[cue.lemma_.lower()]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        token: Token | None = None
        if slot == "object" and not passive:
            token = next((c for c in cue.children if c.dep_ == "dobj"), None)
        elif passive and slot != "object":
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            token = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        else:
            token = self._subject(cue)
            if token is None or self._inside_marks(token):
                # "…," said the minister: an inverted subject the parser hung elsewhere
                token = next((c for c in cue.rights if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                              and c.pos_ in ("PROPN", "NOUN") and not self._inside_marks(c)
                              and c.ent_type_ not in ("DATE", "TIME")), None)  # "said Monday": when, not who
        if token is None or self._inside_marks(token):
            return None
        return cue.text, self._speaker_from(token)

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject, or that of the verb it is coordinated with or serves."""
        if verb.dep_ == "csubj" and verb.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in verb.children):
            return self._actor_before(verb.head)  # "Criticising the EU for …, the minister said": the minister criticises
        for _ in range(3):
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if subject is not None and subject.dep_ == "csubj" and subject.tag_ == "VBG":
                # "Criticising the EU for …, the minister has said": the parser often makes
                # the fronted participle the subject; the actor just before the verb is.
                before = self._actor_before(verb)
                if before is not None:
                    return before
            if subject is not None:
                return subject
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head is verb:
                return None
            verb = verb.head
        return None

    def _actor_before(self, verb: Token) -> Token | None:
        """The last token of an actor mention that ends right before the verb (its
        auxiliaries aside)."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
            i -= 1
        if i < 0:
            return None
        mention = self._mention_at(self.doc[i].idx)
        return self.doc[i] if mention is not None and mention.kind == "actor" else None

    # -- speakers ----------------------------------------------------------------------------
    def _speaker_from(self, token: Token) -> _Speaker:
        if token.lemma_.lower() in self.cues.documents:
            return self._document_issuer(token)
        if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "the rebels, who said …": a relative pronoun speaks for the noun its clause describes
            return self._speaker_from(token.head.head)
        if token.lower_ in PRONOUNS:
            actor = self._antecedent(token)
            return _Speaker(token.text, token.idx, token.idx + len(token), actor)
        mention = self._mention_at(token.idx) or self._mention_within(token)
        if mention is not None:
            return _Speaker(mention.text, mention.start, mention.end, mention.actor_id)
        words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct", "prep", "appos")
                 and (t.i == token.i or t.head.i == token.i or t.head.head.i == token.i)] or [token]
        a, b = min(t.idx for t in words), max(t.idx + len(t) for t in words)
        a, b = min(a, token.idx), max(b, token.idx + len(token))
        return _Speaker(self.text[a:b], a, b, None)

    def _document_issuer(self, doc_token: Token) -> _Speaker:
        """"the ministry's statement", "a statement from the ministry", "the statement"."""
        for child in doc_token.children:
            if child.dep_ in ("poss", "compound") and not child.is_punct:
                return self._speaker_from(child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "in"):  # "an editorial in the Global Times"
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self._speaker_from(obj)
        if self.issuer is not None:
            return self.issuer
        earlier = [m for m in self.mentions if m.end <= doc_token.idx and not self._is_person(m) and m.kind == "actor"
                   and not self._quoted(m)]
        if earlier:
            m = earlier[-1]
            return _Speaker(m.text, m.start, m.end, m.actor_id)
        return _Speaker(doc_token.text, doc_token.idx, doc_token.idx + len(doc_token), None)

    def _mention_at(self, char: int) -> Mention | None:
        i = bisect.bisect_right(self.mention_starts, char) - 1
        while i >= 0 and i >= bisect.bisect_right(self.mention_starts, char) - 3:
            m = self.mentions[i]
            if m.start <= char < m.end:
                return m
            i -= 1
        return None

    def _mention_within(self, token: Token) -> Mention | None:
        """The first actor mention inside the speaker's phrase ("the Agence France-Presse (AFP)")."""
        lo = min(t.idx for t in token.subtree)
        hi = max(t.idx + len(t) for t in token.subtree)
        for m in self.mentions[bisect.bisect_left(self.mention_starts, lo):]:
            if m.start >= hi:
                break
            if m.end <= hi and m.kind != "location":
                return m
        return None

    def _quoted(self, m: Mention) -> bool:
        """A mention inside quote marks: the speaker's words, not the narration."""
        return any(s.start <= m.start < s.end for s in self.marked)

    def _is_person(self, m: Mention) -> bool:
        if m.how.startswith(PERSON_HOW) or any(a < m.end and m.start < b for a, b in self.person_ents):
            return True
        # "the diplomat", "the ambassador": a role that names one person
        role = self.kb.role(m.role) if m.role and m.how.startswith("alias:earlier-role") else None
        return bool(role and role.person)

    def _antecedent(self, pronoun: Token) -> str | None:
        """The most recent earlier actor of the pronoun's kind, preferring subjects
        of the last few sentences (news refers back to who was acting)."""
        if pronoun.lower_ in ("i", "we", "you", "me", "us") and not self._inside_marks(pronoun):
            # Outside quote marks "I" and "we" are the writer, or someone quoted at length
            # without marks: never the last person the article named.
            return None
        personal = pronoun.lower_ in PERSONAL
        wanted = PRONOUN_GENDER.get(pronoun.lower_)
        earlier = [m for m in self.mentions if m.end <= pronoun.idx and m.kind == "actor"
                   and self._is_person(m) == personal and not self._quoted(m)
                   and self.genders.get(m.actor_id, wanted) == wanted]
        if not earlier:
            return None
        here = self._sent_index(pronoun.idx)
        for m in reversed(earlier):
            if here - m.sentence > 3:
                break
            token = self.doc[bisect.bisect_right(self.token_starts, m.start) - 1]
            root = next((t for t in self.doc[token.i:] if t.idx >= m.end or t.head.idx < m.start or t.head.idx >= m.end), token)
            if root.dep_ in SUBJECTS or token.dep_ in SUBJECTS:
                return m.actor_id
        return earlier[-1].actor_id

    def _after_colon(self, char: int) -> bool:
        """The quote opens a paragraph introduced by the one before ("He wrote:")."""
        return self.text[:char].rstrip().endswith(":")

    def _colon_speaker(self, char: int) -> _Speaker | None:
        """"Caddell continued:" / "The minister:" before a quote: the subject of the
        clause before the colon, or the noun phrase itself."""
        i = bisect.bisect_left(self.token_starts, char) - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].text == ":"):
            i -= 1
        if i < 0:
            return None
        sent = self.doc[i].sent
        head = [t for t in sent if t.i <= i and not self._inside_marks(t)]
        verbs = [t for t in head if t.pos_ in ("VERB", "AUX") and self._subject(t) is not None]
        if verbs:
            return self._speaker_from(self._subject(verbs[-1]))  # type: ignore[arg-type]
        names = [t for t in head if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if names and len(head) <= 8:
            return self._speaker_from(names[-1])
        return None

    # -- indirect ---------------------------------------------------------------------------
    def _indirect(self, marked: list[_Marked]) -> list[Quote]:
        quotes: list[Quote] = []
        for index, sent in enumerate(self.sents):
            for token in sent:
                if self._inside_marks(token):
                    continue
                if self._is_cue(token):
                    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                    if clause is None and token.dep_ == "parataxis" and token.head.i < token.i:
                        a, b = sent.start, min(t.i for t in token.subtree)
                    elif clause is not None:
                        a, b = min(t.i for t in clause.subtree), max(t.i for t in clause.subtree) + 1
                    else:
                        continue
                    subject = self._subject(token)
                    if token.lemma_.lower() in INFERENCE_VERBS and subject is not None and (
                            subject.lemma_.lower() in self.cues.documents or subject.lower_ == "it"):
                        continue  # "the statement suggests that …": the author's reading, not speech
                    found = self._speaker_of_cue(token, "verb")
                elif (phrase := self._phrase_at(token)) is not None and token.dep_ == "prep":
                    last = phrase[1]
                    sub = list(token.subtree)
                    lo, hi = sub[0].i, sub[-1].i + 1
                    a, b = (hi, sent.end) if lo - sent.start <= 1 else (sent.start, lo)
                    found = self._speaker_of_cue(token, "phrase") if any(c.dep_ == "pobj" for c in last.children) else None
                else:
                    continue
                q = self._clause_quote(index, a, b, found, marked)
                if q is not None:
                    quotes.append(q)
        return quotes

    def _clause_quote(self, index: int, a: int, b: int, found, marked: list[_Marked]) -> Quote | None:
        doc = self.doc
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b - a < 3:
            return None
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        inside = sum(min(end, s.end) - max(start, s.start) for s in marked if s.start < end and start < s.end)
        if inside > 0.5 * (end - start):
            return None  # a quote in marks, already found
        cue, speaker = found if found else (None, None)
        if speaker is None or speaker.actor_id is None and (speaker.text or "").lower() in ("i", "we"):
            # a reported clause nobody says ("It is worth noting that …"), or the writer's
            # own "I would say that …", is narration
            return None
        return self._quote(index, start, end, "indirect", cue, speaker)

    # -- records ------------------------------------------------------------------------------
    def _quote(self, sent: int, start: int, end: int, kind: str, cue: str | None, speaker: _Speaker | None) -> Quote:
        if speaker is not None and cue is not None and "statement" in self.text[max(0, start - 80):end + 80].lower() \
                and speaker.actor_id is not None:
            self.issuer = speaker
        about: list[str] = []
        lo = bisect.bisect_left(self.mention_starts, start)
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if m.end <= end and m.actor_id not in about:
                about.append(m.actor_id)
        sp = speaker or _Speaker(None, None, None, None)
        return Quote(
            article_id=self.article_id, sentence=sent, start=start, end=end, text=self.text[start:end], kind=kind,
            cue=cue, speaker_text=sp.text, speaker_id=sp.actor_id, speaker_start=sp.start, speaker_end=sp.end,
            about=tuple(about),
        )
