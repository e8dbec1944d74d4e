"""Boilerplate rules on our own short texts: each rule fires on debris and stays
quiet on news text shaped a little like it."""

from __future__ import annotations

import pytest

from newsgraph.ingest.boilerplate import (
    RepeatedLines,
    clean_paragraphs,
    is_credit,
    promo_reason,
    split_credit,
    teaser_reason,
    widget_reason,
)

NEWS = [
    "The port authority said on Tuesday that shipping would resume within a week after the storm.",
    "Dock workers had warned for months that the sea wall was too low, according to union leaders.",
    "Engineers from three countries are expected to inspect the damage before repairs begin.",
    "The mayor said the city would ask the national government for emergency funds.",
    "Insurers estimate the losses at several hundred million euros, a figure that could still rise.",
    "Residents of the harbour district were allowed to return to their homes on Wednesday.",
]


def clean(lines, **kwargs):
    result = clean_paragraphs(lines, **kwargs)
    body = [line for _, line in result.kept]
    reasons = {r.text: r.reason for r in result.removed}
    return result, body, reasons


def test_news_text_is_untouched():
    result, body, reasons = clean(NEWS)
    assert body == NEWS and not reasons and not result.captions


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Advertisement", "ad"),
        ("ADVERTISEMENT:", "ad"),
        ("Sponsored Links", "ad"),
        ("Story Continued Below", "widget"),
        ("Listen to the Article!", "share"),
        ("Share this article", "share"),
        ("Print", "share"),
        ("Slideshow (6 Images)", "widget"),
    ],
)
def test_widget_labels(line, reason):
    assert widget_reason(line) == reason


@pytest.mark.parametrize("line", ["The video", "Printing money", "Share prices fell sharply on Monday."])
def test_widget_labels_do_not_take_words_in_use(line):
    assert widget_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Harbour strike spreads to two more ports",
        "Read next: Why the sea wall failed",
        "RELATED: Insurers brace for record claims",
        "See also: Timeline of the storm",
        "ALSO READ Ministers to meet on flood funds",
        "Watch: Drone footage of the flooded district",
        "( PHOTOS: The storm in pictures)",
        "Read more:",
        "Sea wall failed in two places, engineers find Read more",
    ],
)
def test_link_teasers(line):
    assert teaser_reason(line) == "link-teaser"


@pytest.mark.parametrize(
    "line",
    [
        "Read the full report on the ministry's website before Friday.",
        "Read: the council's statement, he said, was far too vague for voters to judge.",
        "More than 1,000 homes were flooded.",
        "Related cases have been heard in three other courts.",
    ],
)
def test_sentences_starting_like_teasers_stay(line):
    assert teaser_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Follow Maria Lopez on Twitter @mlopez and Instagram.",
        "Follow Tom Becker on Facebook, Twitter at @tbecker, or email him at tb@example.org.",
        "Sign up for our morning newsletter",
        "Download our app for breaking news alerts",
        "Click here to subscribe.",
        "Facebook Twitter Email",
        "Email the desk at tips@example.org",
        "Want the day's top stories in your inbox? Sign up here.",
    ],
)
def test_promo(line):
    assert promo_reason(line, in_tail=False) == "promo"


@pytest.mark.parametrize(
    "line",
    [
        "The minister announced the resignation on Twitter late on Sunday, surprising her own party.",
        "Follow the money, the prosecutor told the jury.",
        "The company said 2 million people subscribe to its newsletter, up from 1.4 million.",
        "In an email seen by reporters, the mayor wrote that the wall was safe.",
        "Protesters used Facebook groups and Telegram channels to organise the march.",
    ],
)
def test_news_about_social_media_is_not_promo(line):
    assert promo_reason(line, in_tail=True) is None


def test_promo_sentences_after_an_author_bio_go_and_the_bio_stays():
    lines = [*NEWS, "Ana Silva covers the ports for the Ledger. Follow her on Twitter @anasilva."]
    result, body, reasons = clean(lines)
    assert body[-1] == "Ana Silva covers the ports for the Ledger."
    assert reasons["Follow her on Twitter @anasilva."] == "promo"


@pytest.mark.parametrize(
    "line",
    [
        "MARIA LOPEZ/AFP/Getty Images",
        "(Tom Becker/Reuters)",
        "Photo by Ana Silva",
        "Photo: Ana Silva/Ledger Press",
        "Getty Images",
        "Image copyright AFP",
    ],
)
def test_credits(line):
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    ["ANALYSIS/OPINION:", "A poll by the Ledger/Harbour Institute found support at 40 percent.", "Either/or"],
)
def test_not_credits(line):
    assert not is_credit(line)


@pytest.mark.parametrize(
    "line, caption, credit",
    [
        ("Workers clear the quay on Monday. (Photo: Ana Silva/Ledger)", "Workers clear the quay on Monday.",
         "(Photo: Ana Silva/Ledger)"),
        ("Workers clear the quay, May 4, 2021. REUTERS/Ana Silva", "Workers clear the quay, May 4, 2021.",
         "REUTERS/Ana Silva"),
        ("Workers clear the quay on Monday. (AP Photo/Tom Becker)", "Workers clear the quay on Monday.",
         "(AP Photo/Tom Becker)"),
        ("The harbour master (Tom Becker/Reuters)", "The harbour master", "(Tom Becker/Reuters)"),
    ],
)
def test_caption_with_credit(line, caption, credit):
    assert split_credit(line) == (caption, credit)


def test_file_photo_lines_are_captions():
    line = "FILE - In this 2019 file photo, cranes stand idle at the container terminal."
    result, body, _ = clean([line, *NEWS])
    assert result.captions == ("In this 2019 file photo, cranes stand idle at the container terminal.",)
    assert body == NEWS


def test_player_and_slideshow_labels():
    lines = [
        "Story highlights The strike ended after nine days",
        "Hide caption Cranes stand idle at the terminal. Previous Next Ana Silva/Ledger 2 of 5",
        "Media caption Workers explain why they walked out",
        *NEWS,
    ]
    result, body, reasons = clean(lines)
    assert body == ["The strike ended after nine days", *NEWS]
    assert result.captions == ("Cranes stand idle at the terminal.", "Workers explain why they walked out")
    assert reasons["Previous Next Ana Silva/Ledger 2 of 5"] == "credit"


@pytest.mark.issue(11)
def test_a_photo_gallery_flattened_into_a_paragraph_is_captions():
    gallery = ("Photos: The harbour strike Dockers march past the customs house on Monday. Hide Caption 1 of 3 "
               "Photos: The harbour strike The union leader speaks to reporters. Hide Caption 2 of 3 "
               "Photos: The harbour strike Police watch the gates. Hide Caption 3 of 3")
    result, body, reasons = clean([*NEWS, gallery])
    assert body == NEWS  # nothing of the gallery is analysed as the article's own sentences
    assert len(result.captions) == 3 and any(c.endswith("The union leader speaks to reporters.") for c in result.captions)
    assert reasons["Hide Caption 2 of 3"] == "widget"


@pytest.mark.issue(17)
def test_gallery_slides_one_per_paragraph_and_dotted_pagers_are_captions():
    slides = [
        "Photos: The harbour strike Dockers march past the customs house. Hide Caption 1 of 3",
        '"We will not go back," a docker told the crowd. The union leader speaks to reporters. Hide Caption 2 of 3 '
        "Photos: The harbour strike",
        "Police watch the gates at dawn. 1 of 3 • • • • 1 of 3 Show Caption Police watch the gates at dawn. Ana Silva/Ledger",
    ]
    result, body, reasons = clean([*NEWS, *slides])
    assert body == NEWS
    assert any(c.startswith('"We will not go back,"') for c in result.captions)
    assert reasons["Hide Caption 2 of 3"] == "widget"
    assert any(r.text.startswith("1 of 3 •") for r in result.removed)


def test_a_poll_in_parentheses_is_not_a_credit():
    assert split_credit("Support for the plan stands at 41 percent (Ledger/Ipsos).") is None


def test_caption_before_a_credit_line_and_position_markers():
    lines = [
        "Harbour Strike Ends After Nine Days",
        "Union leader Ana Silva (L) shakes hands with the port director",
        "TOM BECKER/AFP/Getty Images",
        *NEWS,
    ]
    result, body, reasons = clean(lines)
    assert result.captions == ("Union leader Ana Silva (L) shakes hands with the port director",)
    assert reasons["TOM BECKER/AFP/Getty Images"] == "credit"
    assert body == [lines[0], *NEWS]


def test_party_labels_are_not_position_markers():
    line = "Sen. Ana Silva (R) said the bill would not pass the chamber this year"
    result, body, _ = clean([*NEWS[:3], line, *NEWS[3:]])
    assert line in body and not result.captions


def test_comments_section_runs_to_the_end():
    lines = [*NEWS, "COMMENTS", "Please keep the discussion civil.", "Comments are moderated."]
    result, body, reasons = clean(lines)
    assert body == NEWS
    assert [reasons[line] for line in lines[-3:]] == ["comments"] * 3


def test_a_comments_word_in_the_middle_does_not_cut():
    lines = [NEWS[0], "Comments", *NEWS[1:]] + [f"Further detail number {i} was given by officials." for i in range(8)]
    _, body, _ = clean(lines)
    assert body[-1].startswith("Further detail number 7")


def test_byline_lines_are_removed_and_parsed():
    lines = ["Harbour Strike Ends", "By Maria Lopez | June 3, 2021 | 8:00 AM", *NEWS]
    result, body, reasons = clean(lines)
    assert reasons[lines[1]] == "byline"
    assert result.bylines[0].authors == ("Maria Lopez",) and result.bylines[0].date == "2021-06-03"


def test_name_and_outlet_lines_of_a_byline_block():
    lines = ["Maria Lopez", "Harbour Ledger", *NEWS]
    result, body, reasons = clean(lines, outlet="Harbour Ledger")
    assert body == NEWS and reasons == {"Maria Lopez": "byline", "Harbour Ledger": "byline"}


def test_author_names_repeated_at_the_end_are_all_removed():
    lines = [*NEWS, "Maria Lopez", "Maria Lopez", "Maria Lopez"]
    result, body, _ = clean(lines)
    assert body == NEWS
    assert [r.reason for r in result.removed] == ["repeated"] * 3


def test_repeated_sentence_in_the_body_keeps_its_first_copy():
    quote = "“We will rebuild the wall higher than before,” the mayor said at the quay."
    lines = [NEWS[0], quote, *NEWS[1:4], quote, *NEWS[4:]]
    result, body, reasons = clean(lines)
    assert body.count(quote) == 1 and reasons[quote] == "repeated"


@pytest.mark.parametrize(
    "first, place, rest",
    [
        ("LISBON — The port authority said shipping would resume.", "LISBON", "The port authority"),
        ("PORTO, Portugal (AP) — The port authority said shipping would resume.", "PORTO, Portugal", "The port"),
        ("Lisbon (Reuters) - The port authority said shipping would resume.", "Lisbon", "The port"),
        ("Lisbon ( – The port authority said shipping would resume.", "Lisbon", "The port"),
        ("LISBON, June 3 (Reuters) - The port authority said shipping would resume.", "LISBON", "The port"),
    ],
)
def test_datelines(first, place, rest):
    result, body, reasons = clean([first, *NEWS])
    assert body[0].startswith(rest)
    assert result.dateline is not None and result.dateline.place == place
    assert [r.reason for r in result.removed] == ["dateline"]


@pytest.mark.parametrize(
    "first",
    [
        "Senator Ana Silva (D-Lisbon) said the bill would fail.",
        "Ana Silva — the port director — said shipping would resume.",
        "UPDATE — The port reopened on Friday.",
    ],
)
def test_not_datelines(first):
    result, body, _ = clean([first, *NEWS])
    assert result.dateline is None and body[0] == first


def test_dateline_date_is_kept_as_a_stated_date():
    result, _, _ = clean(["LISBON, June 3 (Reuters) - The port authority said shipping would resume.", *NEWS])
    assert result.stated_dates == ("June 3",)


def test_subheadings_and_one_line_quotes_survive():
    lines = [
        NEWS[0],
        "What happens next",
        "“It is over,” the union leader said.",
        *NEWS[1:],
        "Read between the lines, officials say, and the plan is already dead.",
    ]
    _, body, reasons = clean(lines)
    assert body == lines and not reasons


def test_separators_timestamps_and_copyright():
    lines = [NEWS[0], "***", *NEWS[1:], "Updated at 4:10 p.m. ET", "Copyright 2021 Harbour Ledger. All rights reserved."]
    _, body, reasons = clean(lines)
    assert body == NEWS
    assert reasons == {"***": "separator", "Updated at 4:10 p.m. ET": "timestamp",
                       "Copyright 2021 Harbour Ledger. All rights reserved.": "copyright"}


def _outlet_batch(lines_per_article):
    repeated = RepeatedLines()
    for lines in lines_per_article:
        repeated.observe("Ledger", lines)
    return repeated


def test_repeated_lines_across_an_outlets_articles():
    promo_line = "Ledger readers get the morning briefing free"
    articles = [[f"Story {i} text about the harbour and its workers.", promo_line] for i in range(4)]
    articles += [[f"Story {i} text about the harbour and its workers."] for i in range(4, 12)]
    repeated = _outlet_batch(articles)
    assert repeated.is_repeated("Ledger", promo_line)  # 4 of 12 articles: 33%
    assert not repeated.is_repeated("Other Outlet", promo_line)
    assert not repeated.is_repeated("Ledger", "Story 1 text about the harbour and its workers.")


def test_repeated_lines_need_three_articles_and_a_fifth_of_them():
    line = "Ledger readers get the morning briefing free"
    two = _outlet_batch([[line], [line], ["Other text here."]])
    assert not two.is_repeated("Ledger", line)
    rare = _outlet_batch([[line]] * 0 + [[line, f"x{i}"] for i in range(3)] + [[f"y{i}"] for i in range(20)])
    assert not rare.is_repeated("Ledger", line)  # 3 of 23 articles: 13%


def test_the_same_article_observed_twice_counts_once():
    line = "Ledger readers get the morning briefing free"
    repeated = _outlet_batch([[line, "Same story."]] * 5)
    assert not repeated.is_repeated("Ledger", line)


def test_clean_uses_repeated_lines():
    promo_line = "Ledger readers get the morning briefing free"
    repeated = _outlet_batch([[f"Story {i}.", promo_line] for i in range(3)])
    _, body, reasons = clean([*NEWS, promo_line], outlet="Ledger", repeated=repeated)
    assert body == NEWS and reasons[promo_line] == "outlet-repeat"
