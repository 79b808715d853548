"""The full-text index over search entries, in the database's own form.

SQLite: an FTS5 external-content table (`search_text`) whose rows are the
entries', kept in step by triggers, ranked by bm25 with the title worth ten times
the body. PostgreSQL: a stored, weighted tsvector column with a GIN index.

On SQLite, a later migration that rebuilds the `search_searchentry` table drops
these triggers with it: such a migration must make them again
(tests/test_index.py checks they are there).
"""

from django.db import migrations

SQLITE = [
    """
    CREATE VIRTUAL TABLE search_text USING fts5(
        title, body,
        content='search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO search_text(search_text, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
    """
    CREATE TRIGGER search_entry_added AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_text(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER search_entry_removed AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_text(search_text, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER search_entry_changed AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_text(search_text, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_text(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS search_entry_changed",
    "DROP TRIGGER IF EXISTS search_entry_removed",
    "DROP TRIGGER IF EXISTS search_entry_added",
    "DROP TABLE IF EXISTS search_text",
]

POSTGRESQL = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_vector_gin ON search_searchentry USING GIN (search_vector)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX IF EXISTS search_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        )
    ]
