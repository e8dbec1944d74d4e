"""Sentences with offsets into the clean text: the evidence every later fact points to."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.records import Sentence


def sentences(article_id: str, doc: Doc) -> tuple[Sentence, ...]:
    """Each sentence trimmed of surrounding whitespace, with its paragraph index.

    Paragraphs are separated by blank lines in `Article.text`, so the paragraph of a
    sentence is the number of blank-line breaks before it.
    """
    text = doc.text
    out: list[Sentence] = []
    paragraph = 0
    cursor = 0
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        paragraph += text.count("\n\n", cursor, start)
        cursor = start
        out.append(Sentence(article_id, len(out), paragraph, start, end, text[start:end]))
    return tuple(out)
