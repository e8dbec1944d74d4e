from newsgraph.extract.sentences import sentences


def test_offsets_point_into_the_text_and_paragraphs_are_counted(nlp):
    text = "Rains hit the coast\n\nThe storm closed two ports. Ferries stopped.\n\nOfficials said repairs would take a week."
    result = sentences("a1", nlp(text))
    assert [s.text for s in result] == [
        "Rains hit the coast",
        "The storm closed two ports.",
        "Ferries stopped.",
        "Officials said repairs would take a week.",
    ]
    assert [s.paragraph for s in result] == [0, 1, 1, 2]
    assert [s.index for s in result] == [0, 1, 2, 3]
    for s in result:
        assert text[s.start:s.end] == s.text
        assert s.article_id == "a1"
