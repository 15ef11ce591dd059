"""Alembic migrations of the store, shipped in the package and run by :class:`~jixiao.store.Store`.

``env.py`` runs on the connection the store hands it (``config.attributes["connection"]``),
inside the store's own transaction; ``versions/`` holds the hand-written revisions, named by
number (``0001`` is the schema the store had before migrations; every revision also sets
``meta.schema_version`` to its number). :mod:`jixiao.store.migrate` configures Alembic
programmatically, so no ``alembic.ini`` is needed.
"""
