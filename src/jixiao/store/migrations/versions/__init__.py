"""The revisions, one module each (Alembic loads them by path; this file only makes the folder
a package so it ships)."""
