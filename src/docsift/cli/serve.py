"""``docsift serve``: the API (native and KlearStack-compatible) with the background workers."""

from __future__ import annotations

from typing import Annotated

import typer

from docsift.cli.app import app


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[
        int | None, typer.Option(help="worker processes for documents (default DOCSIFT_WORKERS, else cores)")
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the API on http://HOST:PORT (OpenAPI at /docs) and process uploads in the background.

    The database and blob store are those DOCSIFT_DATA_DIR / DOCSIFT_DATABASE_URL point to; the
    first start on an empty database creates a company and an admin user and prints the login.
    """
    import uvicorn

    from docsift.errors import DocsiftError
    from docsift.service.app import create_app
    from docsift.settings import get_settings

    settings = get_settings()
    if workers is not None:
        settings = settings.model_copy(update={"workers": workers})
    try:
        settings.check()
    except DocsiftError as e:
        typer.echo(f"error: {e.message}", err=True)
        raise typer.Exit(2) from e
    typer.echo(f"docsift: serving on http://{host}:{port} (API docs at /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)
