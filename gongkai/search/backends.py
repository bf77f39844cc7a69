"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL ``tsvector``.

Both index the same tokens (``segment``) and answer the same questions: the visible entries matching a parsed
query, each with a first-stage relevance score (FTS5 ``bm25`` with column weights; ``ts_rank_cd`` with weights
A/B/D), and the facet columns the selector filters and counts in Python. Exact phrases go through trigrams
(FTS5 ``trigram`` tokenizer; ``pg_trgm``), 发文字号 through the canonical number column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from gongkai.search.query import ParsedQuery

# Column weights of the first stage: title, 发文字号, body (tuned with bench/search.py).
TITLE_WEIGHT = 10.0
NUMBER_WEIGHT = 5.0
BODY_WEIGHT = 1.0
COLUMNS = (
    "e.id, e.title, e.doc_number, e.published_on, e.validity, e.organisation_id, e.org_path, e.year, "
    "e.theme_id, e.doc_kind, e.kind"
)
# Only the columns counts, filters and facets read (title and number left empty, no score): the matches past
# the first stage's best RANK_CANDIDATES, which re-ranking does not look at.
LIGHT_COLUMNS = (
    "e.id, NULL, '', '', e.published_on, e.validity, e.organisation_id, e.org_path, e.year, "
    "e.theme_id, e.doc_kind, e.kind"
)
RANK_CANDIDATES = 300
TSV_MAX_POSITION = 16383


@dataclass
class Where:
    """SQL conditions on ``e`` (the entry table) with their parameters, ANDed."""

    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1=1"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Backend:
    vendor = ""
    store_tokens = True

    def candidates(
        self, parsed: ParsedQuery, where: Where, *, relaxed: bool = False
    ) -> tuple[list[tuple], set[int]]:
        """Rows ``(id, score, title, doc_number, published_on, validity, organisation_id, org_path, year,
        theme_id, doc_kind, kind)`` of visible entries matching ``parsed`` (any clause when ``relaxed``), and
        the ids of those known to contain a long one-piece query as written.

        The union of: the word index (every clause, and each phrase's inner words, with each phrase then
        checked as a substring); entries whose 发文字号 is one the query spells; for short queries, titles
        containing them; titles or numbers containing the whole query (trigrams), which catches words the
        segmenter cut differently; and, for a fragment copied from a text, the entries containing it verbatim
        (found through its inner words: its first and last may be parts of words).
        """
        rows: dict[int, tuple] = {}
        exact: set[int] = set()
        if parsed.fragment_words and not relaxed:
            check = Where()
            self.phrase_condition(check, parsed.text)
            for row in self.fragment_match(parsed, where, check):
                rows[row[0]] = row
                exact.add(row[0])
        phrases = Where()
        for phrase in parsed.phrases:
            self.phrase_condition(phrases, phrase)
        if parsed.clauses or parsed.phrase_words:
            for row in self.match(parsed, where, phrases, relaxed=relaxed):
                rows.setdefault(row[0], row)
        if parsed.phrases and not rows:
            # No inner words to narrow by (short phrases), or they were cut differently: check every entry.
            combined = Where(where.parts + phrases.parts, where.params + phrases.params)
            for row in self._select(combined):
                rows.setdefault(row[0], row)
        if parsed.numbers:
            numbers = Where(list(where.parts), list(where.params))
            numbers.add(f"e.doc_number IN ({', '.join(['%s'] * len(parsed.numbers))})", *parsed.numbers)
            for row in self._select(numbers):
                rows.setdefault(row[0], row)
        if parsed.short:
            short = Where(list(where.parts), list(where.params))
            patterns = [f"%{_like_escape(c.surface)}%" for c in parsed.clauses]
            short.add(
                "(" + " OR ".join(["e.title LIKE %s ESCAPE '\\'"] * len(patterns)) + ")",
                *patterns,
            )
            for row in self._select(short):
                rows.setdefault(row[0], row)
        text = parsed.text
        if len(text) >= 3 and not parsed.phrases and not relaxed:
            titles = Where(list(where.parts), list(where.params))
            self.title_condition(titles, text)
            for row in self._select(titles):
                rows.setdefault(row[0], row)
        return list(rows.values()), exact

    def _select(self, where: Where) -> list[tuple]:
        sql = f"SELECT {COLUMNS.replace('e.id,', 'e.id, 0.0,', 1)} FROM search_searchentry e WHERE {where.sql()}"  # noqa: S608  (constants and placeholders only)
        with connection.cursor() as cursor:
            cursor.execute(sql, where.params)
            return cursor.fetchall()

    def contains(self, ids: list[int], text: str) -> tuple[set[int], set[int]]:
        """Of ``ids``, those whose title and those whose body contain ``text`` (case-insensitive)."""
        if not ids or not text:
            return set(), set()
        marks = ", ".join(["%s"] * len(ids))
        title, title_param = self.has("e.title", text)
        body, body_param = self.has("e.body", text)
        sql = (
            f"SELECT e.id, {title}, {body} "  # noqa: S608  (constants and placeholders only)
            f"FROM search_searchentry e WHERE e.id IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [title_param, body_param, *ids])
            rows = cursor.fetchall()
        return {r[0] for r in rows if r[1]}, {r[0] for r in rows if r[2]}

    def fragment_match(self, parsed: ParsedQuery, where: Where, check: Where) -> list[tuple]:
        """Rows of visible entries with the inner words of the fragment ``parsed`` that pass ``check``."""
        fragment = ParsedQuery(raw=parsed.raw, phrase_words=[parsed.fragment_words])
        return self.match(fragment, where, check, relaxed=False)

    # --- per vendor --------------------------------------------------------------------------------------

    def match(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> list[tuple]:
        raise NotImplementedError

    def phrase_condition(self, where: Where, phrase: str) -> None:
        raise NotImplementedError

    def title_condition(self, where: Where, text: str) -> None:
        raise NotImplementedError

    def has(self, column: str, text: str) -> tuple[str, str]:
        """SQL true where ``column`` contains ``text`` (case-insensitive where it has case), and its parameter."""
        return f"{self.instr(column, text)} > 0", text.lower()

    def instr(self, column: str, text: str = "A") -> str:
        """SQL for the position of a parameter in ``column``, case-insensitive where ``text`` has case."""
        raise NotImplementedError

    def write_vectors(self, rows: list[tuple[int, list[str], list[str], list[str]]]) -> None:
        """Store the token vectors of entries (id, title, number and body tokens) where the engine needs it."""

    def size_bytes(self) -> dict[str, int]:
        raise NotImplementedError


def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def expression(self, parsed: ParsedQuery, *, relaxed: bool) -> str:
        clauses = []
        for clause in parsed.clauses:
            alternatives = [
                "(" + " AND ".join(_fts5_string(t) for t in tokens) + ")" for tokens in clause.alternatives
            ]
            clauses.append("(" + " OR ".join(alternatives) + ")")
        expression = (" OR " if relaxed else " AND ").join(clauses)
        for words in parsed.phrase_words:
            # The inner words of a phrase stand close together in any text containing it; search mode may put
            # a long word's sub-words between them, hence NEAR with slack rather than an FTS5 phrase.
            inner = f"NEAR({' '.join(_fts5_string(t) for t in words)}, {2 * len(words) + 4})"
            expression = f"({expression}) AND {inner}" if expression else inner
        return expression

    def match(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> list[tuple]:
        expression = self.expression(parsed, relaxed=relaxed)
        conditions = Where(where.parts + phrases.parts, where.params + phrases.params)
        # The best RANK_CANDIDATES matches by BM25, with the columns re-ranking reads; bm25() runs in C over the
        # matches, but reading each match's wide row (title, body) for Python did not scale with common words.
        sql = (
            f"SELECT {COLUMNS.replace('e.id,', f'e.id, -bm25(search_words, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT}),', 1)} "  # noqa: S608  (constants and placeholders only)
            # CROSS JOIN makes SQLite read the full-text matches first; with a plain JOIN its planner
            # scanned every public entry and ran the MATCH once per row (1.7 s instead of 0.4 ms).
            "FROM search_words CROSS JOIN search_searchentry e ON e.id = search_words.rowid "
            f"WHERE search_words MATCH %s AND {conditions.sql()} ORDER BY 2 DESC LIMIT {RANK_CANDIDATES}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *conditions.params])
            ranked = cursor.fetchall()
            if len(ranked) < RANK_CANDIDATES:
                return ranked
            # The other matches: only what counts and facets read, from the narrow covering index.
            sql = (
                f"SELECT {LIGHT_COLUMNS} FROM search_searchentry e INDEXED BY search_entry_facets "  # noqa: S608  (constants and placeholders only)
                f"WHERE e.id IN (SELECT rowid FROM search_words WHERE search_words MATCH %s) AND {conditions.sql()}"
            )
            cursor.execute(sql, [expression, *conditions.params])
            seen = {row[0] for row in ranked}
            return ranked + [row for row in cursor.fetchall() if row[0] not in seen]

    def phrase_condition(self, where: Where, phrase: str) -> None:
        # LIKE, not instr(lower(…)): the same ASCII-only case folding, without copying each body (132 → 89 ms
        # over the 28 MB of bodies a common inner word brings).
        pattern = f"%{_like_escape(phrase)}%"
        where.add(
            "(e.title LIKE %s ESCAPE '\\' OR e.doc_number LIKE %s ESCAPE '\\' OR e.body LIKE %s ESCAPE '\\')",
            pattern,
            pattern,
            pattern,
        )

    def title_condition(self, where: Where, text: str) -> None:
        where.add(
            "e.id IN (SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH %s)", _fts5_string(text)
        )

    def has(self, column: str, text: str) -> tuple[str, str]:
        return f"{column} LIKE %s ESCAPE '\\'", f"%{_like_escape(text)}%"

    def instr(self, column: str, text: str = "A") -> str:
        # lower() copies the whole column; only a text with letters needs it (SQLite folds ASCII only anyway).
        return f"instr(lower({column}), %s)" if text.lower() != text.upper() else f"instr({column}, %s)"

    def size_bytes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE %s GROUP BY name", ["search%"]
                )
                for name, size in cursor.fetchall():
                    key = "words" if name.startswith("search_words") else name
                    key = "trigrams" if name.startswith("search_trigrams") else key
                    sizes[key] = sizes.get(key, 0) + int(size)
            except Exception:  # dbstat is a compile-time option
                return {}
        return sizes


def _tsquery_lexeme(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"
    store_tokens = False

    def expression(self, parsed: ParsedQuery, *, relaxed: bool) -> str:
        clauses = []
        for clause in parsed.clauses:
            alternatives = [
                "(" + " & ".join(_tsquery_lexeme(t) for t in tokens) + ")" for tokens in clause.alternatives
            ]
            clauses.append("(" + " | ".join(alternatives) + ")")
        expression = (" | " if relaxed else " & ").join(clauses)
        for words in parsed.phrase_words:
            inner = " & ".join(_tsquery_lexeme(t) for t in words)
            expression = f"({expression}) & {inner}" if expression else inner
        return expression

    def match(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> list[tuple]:
        expression = self.expression(parsed, relaxed=relaxed)
        conditions = Where(where.parts + phrases.parts, where.params + phrases.params)
        weights = f"'{{{BODY_WEIGHT / TITLE_WEIGHT}, 0.1, {NUMBER_WEIGHT / TITLE_WEIGHT}, 1.0}}'"
        sql = (
            f"SELECT {COLUMNS.replace('e.id,', f'e.id, ts_rank_cd({weights}, e.tsv, q, 1),', 1)} "  # noqa: S608  (constants and placeholders only)
            "FROM search_searchentry e, CAST(%s AS tsquery) q "
            # Every match ranked in one pass: splitting off the best few hundred (as on SQLite) read each
            # match twice and measured slower here (bench/search_speed.py).
            f"WHERE e.tsv @@ q AND {conditions.sql()}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *conditions.params])
            return cursor.fetchall()

    def phrase_condition(self, where: Where, phrase: str) -> None:
        where.add(
            f"({self.instr('e.title', phrase)} > 0 OR {self.instr('e.doc_number', phrase)} > 0 "
            f"OR {self.instr('e.body', phrase)} > 0)",
            phrase.lower(),
            phrase.lower(),
            phrase.lower(),
        )

    def title_condition(self, where: Where, text: str) -> None:
        pattern = f"%{_like_escape(text)}%"
        where.add("(e.title ILIKE %s OR e.doc_number ILIKE %s)", pattern, pattern)

    def instr(self, column: str, text: str = "A") -> str:
        return f"strpos(lower({column}), %s)" if text.lower() != text.upper() else f"strpos({column}, %s)"

    def write_vectors(self, rows: list[tuple[int, list[str], list[str], list[str]]]) -> None:
        params = []
        for entry_id, title, number, body in rows:
            parts: list[str] = []
            position = 0
            for tokens, weight in ((title, "A"), (number, "B"), (body, "")):
                for token in tokens:
                    position = min(position + 1, TSV_MAX_POSITION)
                    parts.append(f"{_tsquery_lexeme(token)}:{position}{weight}")
            params.append((" ".join(parts), entry_id))
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchentry SET tsv = CAST(%s AS tsvector) WHERE id = %s", params
            )

    def size_bytes(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_table_size('search_searchentry'), pg_indexes_size('search_searchentry'), "
                "pg_relation_size('search_entry_tsv'), pg_relation_size('search_entry_title_trgm')"
            )
            table, indexes, tsv, trgm = cursor.fetchone()
        return {"table": table, "indexes (all)": indexes, "tsv_gin": tsv, "title_trgm_gin": trgm}


def backend() -> Backend:
    """The engine of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()
