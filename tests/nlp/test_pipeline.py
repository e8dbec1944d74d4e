import pytest

from newsgraph.errors import ModelError
from newsgraph.nlp import load_pipeline


def test_pipeline_is_loaded_once_per_process(nlp):
    assert load_pipeline() is nlp
    assert "newsgraph_paragraphs" in nlp.pipe_names
    assert nlp.pipe_names.index("newsgraph_paragraphs") < nlp.pipe_names.index("parser")


def test_a_sentence_never_crosses_a_paragraph(nlp):
    # A headline has no full stop; without the paragraph component the parser
    # glues it to the lede.
    doc = nlp("Ministers meet in Geneva\n\nThe talks began on Monday. They ended late.")
    texts = [s.text.strip() for s in doc.sents]
    assert texts == ["Ministers meet in Geneva", "The talks began on Monday.", "They ended late."]


def test_missing_model_is_a_coded_error_naming_the_install_command():
    with pytest.raises(ModelError) as info:
        load_pipeline("no_such_model_package")
    assert info.value.code == "E301"
    assert "requirements/model.txt" in str(info.value)
