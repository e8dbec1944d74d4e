"""The `newsgraph` command: thin typer commands over library functions.

Heavy imports (spaCy, pyarrow, trafilatura) happen inside commands so that
`newsgraph --help` answers at once.
"""

from newsgraph.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
