"""The web app and REST API over a store: ``create_app(settings)`` (FastAPI), run by
``jixiao serve``. Pages in :mod:`.pages`, the API (``/api/v1``) in :mod:`.api`, the error
envelope in :mod:`.errors`; docs/web.md describes both."""

from .app import create_app

__all__ = ["create_app"]
