"""A trigram FTS5 table over the entries' bodies on SQLite, ``search_body_trigrams``.

A copied fragment (``search/backends.py``) is a substring test on title, 发文字号 and body: reading every body
the fragment's inner words bring cost 0.05-0.07 ms a body, seconds for a law's boilerplate sentence at
100,000 entries. The trigram tokenizer answers "which bodies may contain this string" from the index (a
phrase of trigrams, folded for case); the bodies it names are then checked as before, so the result is the
same. The full-text triggers of migration ``0005`` are recreated to keep the four tables in step (and fire on
a body changed alone). Nothing on PostgreSQL.
"""

from django.db import migrations

TOKEN_COLUMNS = "title_tokens, number_tokens, body_tokens"
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_body_trigrams USING fts5(body, content='search_searchentry', "
    "content_rowid='id', tokenize='trigram')",
    "INSERT INTO search_body_trigrams(search_body_trigrams) VALUES ('rebuild')",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    f"""CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_words(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_ids(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
      INSERT INTO search_body_trigrams(rowid, body) VALUES (new.id, new.body);
    END""",
    f"""CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_ids(search_ids, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
      INSERT INTO search_body_trigrams(search_body_trigrams, rowid, body) VALUES ('delete', old.id, old.body);
    END""",
    f"""CREATE TRIGGER search_entry_au AFTER UPDATE OF {TOKEN_COLUMNS}, title, doc_number, body
    ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_ids(search_ids, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
      INSERT INTO search_body_trigrams(search_body_trigrams, rowid, body) VALUES ('delete', old.id, old.body);
      INSERT INTO search_words(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_ids(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
      INSERT INTO search_body_trigrams(rowid, body) VALUES (new.id, new.body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_body_trigrams",
]


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in SQLITE_FORWARD:
        schema_editor.execute(sql)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in SQLITE_BACKWARD:
        schema_editor.execute(sql)
    # The triggers of migration 0005, without search_body_trigrams.
    from importlib import import_module

    previous = import_module("gongkai.search.migrations.0005_search_ids")
    for sql in previous.SQLITE_FORWARD:
        if sql.lstrip().startswith("CREATE TRIGGER search_entry_"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_postgres_body_lz4")]

    operations = [migrations.RunPython(_forward, _backward)]
