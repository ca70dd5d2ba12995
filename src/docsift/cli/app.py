"""The typer application every command module registers on."""

import typer

app = typer.Typer(
    name="docsift",
    help="docsift: read, extract, check and serve documents (invoices, receipts and more).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """docsift: read, extract, check and serve documents."""
