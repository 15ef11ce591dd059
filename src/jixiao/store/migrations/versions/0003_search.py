"""The search index ``search_text``: one row per searchable text, filled from the stored rows.

Texts: project names (kind ``project``), goals (``goal``), indicator names (``indicator``) and
targets (``target``: the 实施周期 text, and the 年度 text where it differs). Empty texts are
left out. The row id orders hits and says what a row is:
``kind_rank × 2⁴⁴ + 2 × source id + (1 for an annual target, else 0)``, kind ranks 1–4 in the
order above (source id: the project's or the indicator's).

* SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34), which stores its own copy
  of each text (so a hand edit of the plain tables cannot corrupt it). Its column ``tail``
  holds the last two characters of the text and two U+001F, so that every one- or
  two-character substring begins some indexed trigram; ``search_text_terms`` (fts5vocab) lists
  the trigrams, so a short term is looked up by prefix instead of scanning every text.
* PostgreSQL: a plain table with a GIN trigram index (``pg_trgm``, created if missing; it is
  one per database, so concurrent first opens of several schemas take a lock for it) for
  terms of three characters or more, and a GIN index on ``jixiao_grams(text)`` (the distinct
  lower-cased one- and two-character substrings) for shorter terms.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlite3

from alembic import op
from sqlalchemy import text

from jixiao.errors import StoreError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KIND = 17592186044416  # 2⁴⁴


def fill_sql(sqlite: bool) -> str:
    """``INSERT`` of every searchable text of the stored rows (this revision's encoding)."""
    sources = [
        (1, "name", "'project'", "'name'", "projects", "id", "CAST(NULL AS INTEGER)", "0", ""),
        (2, "goal", "'goal'", "'goal'", "projects", "id", "CAST(NULL AS INTEGER)", "0", ""),
        (3, "name", "'indicator'", "'name'", "indicators", "project_id", "id", "0", ""),
        (4, "cycle_text", "'target'", "'cycle'", "indicators", "project_id", "id", "0", ""),
        (4, "annual_text", "'target'", "'annual'", "indicators", "project_id", "id", "1",
         " AND annual_text <> cycle_text"),
    ]  # fmt: skip
    tail = ", substr({0}, -2) || char(31, 31)" if sqlite else ""
    selects = [
        f"SELECT {rank} * {KIND} + 2 * CAST(id AS BIGINT) + {sub}, {column}"
        f"{tail.format(column)}, {kind}, {field}, document_id, {project}, {indicator} "
        f"FROM {table} WHERE {column} <> ''{extra}"
        for rank, column, kind, field, table, project, indicator, sub, extra in sources
    ]
    columns = "rowid, text, tail" if sqlite else "id, text"
    return (
        f"INSERT INTO search_text ({columns}, kind, field, document_id, project_id, "
        f"indicator_id) " + " UNION ALL ".join(selects)
    )


GRAMS = r"""
CREATE FUNCTION jixiao_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_remove(
        regexp_split_to_array(lower(value), '')
        || string_to_array(regexp_replace(lower(value), '(..)', '\1' || chr(31), 'g'), chr(31))
        || string_to_array(
            regexp_replace(substr(lower(value), 2), '(..)', '\1' || chr(31), 'g'), chr(31)),
        '')
$$
"""
"""The lower-cased one- and two-character substrings of a text (PostgreSQL; repeats are
left in, GIN keeps each key once). Pairs are cut at even and at odd positions by two regular
expressions: a function without a loop, so an insert pays microseconds per text."""


def _version(value: str) -> None:
    op.execute(f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if sqlite3.sqlite_version_info < (3, 34):
            raise StoreError(
                f"SQLite {sqlite3.sqlite_version} 不支持中文全文检索（trigram 分词）",
                expected="SQLite 3.34 或更新的版本",
            )
        op.execute(
            "CREATE VIRTUAL TABLE search_text USING fts5(text, tail, kind UNINDEXED,"
            " field UNINDEXED, document_id UNINDEXED, project_id UNINDEXED,"
            " indicator_id UNINDEXED, tokenize = 'trigram')"
        )
        op.execute("CREATE VIRTUAL TABLE search_text_terms USING fts5vocab(search_text, 'row')")
        op.execute(fill_sql(sqlite=True))
    else:
        bind.execute(text("SELECT pg_advisory_xact_lock(hashtext('jixiao pg_trgm'))"))
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # The operator class where the extension lives (not always on the search path).
        trgm = bind.scalar(
            text(
                "SELECT extnamespace::regnamespace::text FROM pg_extension"
                " WHERE extname = 'pg_trgm'"
            )
        )
        op.execute(
            "CREATE TABLE search_text ("
            " id BIGINT PRIMARY KEY,"
            " text TEXT NOT NULL,"
            " kind VARCHAR NOT NULL,"
            " field VARCHAR NOT NULL,"
            " document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
            " project_id INTEGER NOT NULL,"
            " indicator_id INTEGER)"
        )
        op.execute("CREATE INDEX ix_search_text_document ON search_text (document_id)")
        op.execute(
            f"CREATE INDEX ix_search_text_trgm ON search_text USING gin (text {trgm}.gin_trgm_ops)"
        )
        op.execute(GRAMS)
        op.execute(
            "CREATE INDEX ix_search_text_grams ON search_text USING gin (jixiao_grams(text))"
        )
        op.execute(fill_sql(sqlite=False))
    _version("3")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_text_terms")
        op.execute("DROP TABLE search_text")
    else:
        op.execute("DROP TABLE search_text")  # pg_trgm stays: other schemas may use it
        op.execute("DROP FUNCTION jixiao_grams(text)")
    _version("2")
