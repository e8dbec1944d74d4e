"""Scoring newsgraph against gold files in shared formats, so users can measure it
on their own material: `newsgraph eval actors|…`."""
