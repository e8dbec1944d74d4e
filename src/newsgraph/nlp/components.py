"""Our own spaCy pipeline components, registered by name (spaCy's factory registry).

Importing this module registers them; `load_pipeline` adds them to the model.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Cleaned article text keeps one paragraph per line block; a sentence never runs
    across a paragraph (a headline or sub-heading has no full stop, and the parser
    would otherwise glue it to the next paragraph). Set before the parser, which
    respects boundaries that are already fixed.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
