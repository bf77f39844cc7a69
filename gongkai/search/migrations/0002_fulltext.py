"""The full-text structures over ``search_searchentry``, per database vendor (see ``search/models.py``)."""

from django.db import migrations

SQLITE_FORWARD = [
    # Words: external content over the token columns, so the index keeps no second copy of the tokens.
    "CREATE VIRTUAL TABLE search_words USING fts5(title_tokens, number_tokens, body_tokens, "
    "content='search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    # Trigrams over the raw title and number: phrases and 发文字号 fragments, where word segmentation fails. Not
    # over the body: that tripled the index time and doubled its size (bench/search.py); body phrases are
    # checked on the candidates of the word index instead.
    "CREATE VIRTUAL TABLE search_trigrams USING fts5(title, doc_number, "
    "content='search_searchentry', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_words(rowid, title_tokens, number_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, title_tokens, number_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF title_tokens, number_tokens, body_tokens, title, doc_number
    ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, title_tokens, number_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
      INSERT INTO search_words(rowid, title_tokens, number_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_trigrams",
    "DROP TABLE IF EXISTS search_words",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector",
    "CREATE INDEX search_entry_tsv ON search_searchentry USING gin (tsv)",
    "CREATE INDEX search_entry_title_trgm ON search_searchentry USING gin (title gin_trgm_ops)",
    "CREATE INDEX search_entry_number_trgm ON search_searchentry USING gin (doc_number gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_number_trgm",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
