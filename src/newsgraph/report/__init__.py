"""The HTML report: one self-contained file describing a store.

`write_report(store, path)` gathers the analyses (`build.report_data`), draws the
charts (`svg`) and fills the packaged template (`templates/report.html`, Jinja2 with
autoescaping). The file fetches nothing: no scripts, no fonts, no images; its
Content-Security-Policy forbids any request, so it reads the same offline, from an
e-mail attachment or an archive years later.
"""

from __future__ import annotations

from .build import render_report, report_data, write_report

__all__ = ["render_report", "report_data", "write_report"]

import sys as _sys  # noqa: E402

from newsgraph import _callable_package  # noqa: E402

_callable_package(_sys.modules[__name__])  # `newsgraph.report(out, store)` is also the Python API's function
