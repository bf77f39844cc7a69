"""A second FTS5 table over the same token columns on SQLite, ``search_ids``: rowids only (``detail=none``).

It answers what needs no positions from small doclists: which entries match, for counts and facet counts of a
common word's tens of thousands of matches (``search/backends.py``); ranking stays on the positional
``search_words``. (``detail=column`` was measured first for a cheap BM25 first stage: its ``bm25()`` re-tokenizes
each matching row's content, 1.1 s for 1,361 matches.) The full-text triggers of migration ``0002`` are
recreated to keep the three tables in step. Nothing on PostgreSQL.
"""

from django.db import migrations

TOKEN_COLUMNS = "title_tokens, number_tokens, body_tokens"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_ids USING fts5({TOKEN_COLUMNS}, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0', detail='none')",
    "INSERT INTO search_ids(search_ids) VALUES ('rebuild')",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    f"""CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_words(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_ids(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
    END""",
    f"""CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_ids(search_ids, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
    END""",
    f"""CREATE TRIGGER search_entry_au AFTER UPDATE OF {TOKEN_COLUMNS}, title, doc_number
    ON search_searchentry BEGIN
      INSERT INTO search_words(search_words, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_ids(search_ids, rowid, {TOKEN_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
      INSERT INTO search_trigrams(search_trigrams, rowid, title, doc_number)
        VALUES ('delete', old.id, old.title, old.doc_number);
      INSERT INTO search_words(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_ids(rowid, {TOKEN_COLUMNS})
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
      INSERT INTO search_trigrams(rowid, title, doc_number) VALUES (new.id, new.title, new.doc_number);
    END""",
]
# The index's version stamp: a new random value on any write to the entry table, so that what a process keeps
# from it (``search/facetcache.py``: each public entry's facet columns) is rebuilt after a publication, a
# withdrawal, a re-index. Random rather than counted: a rolled-back write restores the stamp with the rows.
STAMP_FORWARD = [
    "CREATE TABLE search_stamp (id integer PRIMARY KEY CHECK (id = 1), n integer NOT NULL)",
    "INSERT INTO search_stamp (id, n) VALUES (1, 0)",
    """CREATE TRIGGER search_stamp_ai AFTER INSERT ON search_searchentry BEGIN
      UPDATE search_stamp SET n = random() WHERE id = 1;
    END""",
    """CREATE TRIGGER search_stamp_ad AFTER DELETE ON search_searchentry BEGIN
      UPDATE search_stamp SET n = random() WHERE id = 1;
    END""",
    """CREATE TRIGGER search_stamp_au AFTER UPDATE ON search_searchentry BEGIN
      UPDATE search_stamp SET n = random() WHERE id = 1;
    END""",
]
SQLITE_FORWARD += STAMP_FORWARD
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_stamp_au",
    "DROP TRIGGER IF EXISTS search_stamp_ad",
    "DROP TRIGGER IF EXISTS search_stamp_ai",
    "DROP TABLE IF EXISTS search_stamp",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_ids",
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
    # The triggers of migration 0002, without search_ids.
    from importlib import import_module

    fulltext = import_module("gongkai.search.migrations.0002_fulltext")
    for sql in fulltext.SQLITE_FORWARD:
        if sql.lstrip().startswith("CREATE TRIGGER"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_text_stamp")]

    operations = [migrations.RunPython(_forward, _backward)]
