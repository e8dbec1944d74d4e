"""Line shapes of scraped-page debris, shared by the tests that check the seeds are clean.

Shapes, not copied lines: each pattern describes a kind of boilerplate.
"""

import re

BOILERPLATE_SHAPES = [
    re.compile(r"^Follow .*(Facebook|Twitter)"),
    re.compile(r"^(Read more|Read next):"),
    re.compile(r"^Sponsored Links$"),
    re.compile(r"^COMMENTS$"),
    re.compile(r"^Please let us know"),
    re.compile(r"^Listen to the Article"),
    re.compile(r"^By .+\|.+\d{4}"),
    re.compile(r"/(AFP|Getty Images)"),
    re.compile(r"\(Photo:"),
    re.compile(r"^\w+ \( [–-]"),
]
