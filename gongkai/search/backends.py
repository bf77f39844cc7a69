"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL ``tsvector``.

Both index the same tokens (``segment``) and answer the same questions: the visible entries matching a parsed
query, each with a first-stage relevance score (FTS5 ``bm25`` with column weights; ``ts_rank_cd`` with weights
A/B/D), and the facet columns the selector filters and counts in Python. Exact phrases go through trigrams
(FTS5 ``trigram`` tokenizer; ``pg_trgm``), 发文字号 through the canonical number column.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from gongkai.search import facetcache
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
# SQLite: past this many matches (more than the 3,471 laws' index has entries), a query's first stage scores its
# title matches only: BM25 over every match of a common word cost 110 ms at 100,000 entries.
MANY_MATCHES = 5000
# PostgreSQL: ts_rank_cd costs about 50 µs a match (reading and decompressing a tsvector of ~17 kB, then the
# cover density), so a common word's matches are not all ranked. Up to PG_RANK_ALL_MAX matches (counted with
# a LIMIT, from the GIN index) are ranked in one pass; past that, a first stage (``ranked``) ranks only the
# matches with the most query words in their title, shortest titles first (PG_FIRST_STAGE more than the page
# asks for), and the matches are counted by their facet columns in the same scan (``grouped``). PG_RANK_ALL
# True or False forces one way (tests, bench: False lost title MRR on the laws, 0.988; True doubled the p95
# at 100,000 entries).
PG_RANK_ALL: bool | None = None
PG_RANK_ALL_MAX = 400
PG_FIRST_STAGE = 200
PG_TRIGRAM_MIN = 3  # a phrase this long or longer is found through the trigram indexes (shorter: no trigram)
PG_WEIGHTS = f"'{{{BODY_WEIGHT / TITLE_WEIGHT}, 0.1, {NUMBER_WEIGHT / TITLE_WEIGHT}, 1.0}}'"  # D, C, B, A
GROUP_COLUMNS = "e.org_path, e.year, e.theme_id, e.doc_kind, e.validity, e.kind"
TSV_MAX_POSITION = 16383


@dataclass
class Candidates:
    """What ``Backend.candidates`` found: ``rows`` (the row layout above) to rank and show, and the counts of
    the matches by facet columns (``org_path, year, theme_id, doc_kind, validity, kind``) in ``groups``; the
    rows whose ids are in ``grouped`` are already counted there, the others are counted one by one."""

    rows: list[tuple] = field(default_factory=list)
    exact: set[int] = field(default_factory=set)
    groups: list[tuple] = field(default_factory=list)  # (org_path, year, theme, doc_kind, validity, kind, n)
    grouped: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.rows and not self.groups


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
        self,
        parsed: ParsedQuery,
        where: Where,
        *,
        narrow: Where | None = None,
        relaxed: bool = False,
        limit: int = 0,
        order: str = "relevance",
    ) -> Candidates:
        """The visible entries matching ``parsed`` (any clause when ``relaxed``): rows to rank and show, and
        the facet-column counts of all of them (see ``Candidates``).

        The union of: the word index (every clause, and each phrase's inner words, with each phrase then
        checked as a substring); entries whose 发文字号 is one the query spells; for short queries, titles
        containing them; titles or numbers containing the whole query (trigrams), which catches words the
        segmenter cut differently; and, for a fragment copied from a text, the entries containing it verbatim
        (found through its inner words: its first and last may be parts of words).

        Of the word index's matches, only the best ``limit`` (by first-stage score, or by date when ``order`` is
        ``"date"``) that also pass ``narrow`` (the facet filters) come back as rows; when those are not all of
        them, all of them (without ``narrow``) are counted in SQL by their facet columns, so a common word's tens
        of thousands of matches never reach Python. The other ways of matching give few rows, all returned and counted one by one.
        """
        limit = max(limit, RANK_CANDIDATES)
        narrow = narrow or Where()
        others: dict[int, tuple] = {}
        exact: set[int] = set()
        if parsed.fragment_words and not relaxed:
            check = Where()
            self.phrase_condition(check, parsed.text)
            # The phrase of its inner words first: only the few entries holding them in a row have their body
            # checked. When that finds none (a word cut differently in the text), the looser NEAR of the words.
            found = self.fragment_phrase_match(parsed, where, check) if parsed.fragment_phrases else None
            for row in found or self.fragment_match(parsed, where, check):
                others[row[0]] = row
                exact.add(row[0])
        if parsed.numbers:
            numbers = Where(list(where.parts), list(where.params))
            numbers.add(f"e.doc_number IN ({', '.join(['%s'] * len(parsed.numbers))})", *parsed.numbers)
            for row in self._select(numbers):
                others.setdefault(row[0], row)
        if parsed.short:
            short = Where(list(where.parts), list(where.params))
            patterns = [f"%{_like_escape(c.surface)}%" for c in parsed.clauses]
            short.add(
                "(" + " OR ".join(["e.title LIKE %s ESCAPE '\\'"] * len(patterns)) + ")",
                *patterns,
            )
            for row in self._select(short):
                others.setdefault(row[0], row)
        text = parsed.text
        if len(text) >= 3 and not parsed.phrases and not relaxed:
            titles = Where(list(where.parts), list(where.params))
            self.title_condition(titles, text)
            for row in self._select(titles):
                others.setdefault(row[0], row)
        phrases = Where()
        for phrase in parsed.phrases:
            self.phrase_condition(phrases, phrase)
        result = Candidates(exact=exact)
        if (parsed.clauses or parsed.phrase_words) and self.rank_all(parsed, where, phrases, relaxed=relaxed):
            # Every match ranked and returned in one pass (the caller counts them one by one).
            # A copied fragment's own row (scored by its inner words) wins over the word match's, as before.
            rows = {row[0]: row for row in self.match(parsed, where, phrases, relaxed=relaxed)}
            for entry_id, row in others.items():
                if entry_id in exact:
                    rows[entry_id] = row
                else:
                    rows.setdefault(entry_id, row)
            result.rows = list(rows.values())
        elif parsed.clauses or parsed.phrase_words:
            expression = self.expression(parsed, relaxed=relaxed)
            conditions = Where(where.parts + phrases.parts, where.params + phrases.params)
            ranked = self.ranked(
                parsed, expression, conditions, narrow, limit=limit, order=order, include=list(others)
            )
            rows = {row[0]: row for row in ranked}
            if narrow.parts or sum(1 for i in rows if i not in others) >= limit:
                # Not every match is among the rows: count them all in SQL, by their facet columns.
                result.groups = self.grouped(expression, conditions, exclude=list(others))
                result.grouped = {i for i in rows if i not in others}
            for entry_id, row in others.items():
                rows.setdefault(entry_id, row)
            result.rows = list(rows.values())
        else:
            result.rows = list(others.values())
        if parsed.phrases and not result.rows and not result.groups:
            # No inner words to narrow by (short phrases), or they were cut differently: check every entry.
            combined = Where(where.parts + phrases.parts, where.params + phrases.params)
            result.rows = self._select(combined)
        return result

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

    def fragment_phrase_match(self, parsed: ParsedQuery, where: Where, check: Where) -> list[tuple] | None:
        """Like ``fragment_match``, narrowed first by the fragment's inner words as one positional phrase of the
        word index (checked in the engine, before any body is read); None where the engine has no such phrase."""
        return None

    def _titles(self, rows: list[tuple]) -> list[tuple]:
        """``rows`` (ranked without their wide columns) with their title and number filled in."""
        if not rows:
            return rows
        marks = ", ".join(["%s"] * len(rows))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, title, doc_number FROM search_searchentry WHERE id IN ({marks})",  # noqa: S608  (placeholders only)
                [row[0] for row in rows],
            )
            wide = {r[0]: r[1:] for r in cursor.fetchall()}
        return [(row[0], row[1], *wide.get(row[0], ("", "")), *row[4:]) for row in rows]

    # --- per vendor --------------------------------------------------------------------------------------

    def rank_all(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> bool:
        """Whether the word index's matches of ``parsed`` are all ranked and read in one pass (no first
        stage)."""
        return False

    def expression(self, parsed: ParsedQuery, *, relaxed: bool) -> str:
        raise NotImplementedError

    def match(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> list[tuple]:
        """Every visible entry of the word index matching ``parsed`` that passes ``phrases``, as rows."""
        raise NotImplementedError

    def grouped(self, expression: str, conditions: Where, *, exclude: list[int]) -> list[tuple]:
        """The word index's matches of ``expression`` passing ``conditions``, less ``exclude``, counted by
        their facet columns: ``(org_path, year, theme_id, doc_kind, validity, kind, count)`` rows."""
        raise NotImplementedError

    def ranked(
        self,
        parsed: ParsedQuery,
        expression: str,
        conditions: Where,
        narrow: Where,
        *,
        limit: int,
        order: str,
        include: list[int],
    ) -> list[tuple]:
        """The best ``limit`` matches of ``expression`` passing ``conditions`` and ``narrow``, and those of
        ``include`` that match, as rows."""
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

    # Where the engine keeps an entry's token vector in a column of its own: (column, SQL placeholder) written
    # with the row from ``vector_value`` (the title, number and body tokens); None when triggers do it (SQLite).
    vector_column: tuple[str, str] | None = None

    def vector_value(self, title: list[str], number: list[str], body: list[str]) -> str:
        raise NotImplementedError

    def size_bytes(self) -> dict[str, int]:
        raise NotImplementedError

    def merge_pending(self) -> None:
        """After many writes: merge what the engine queued for its indexes (nothing by default)."""


def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


_FTS5_STRING = re.compile(r'"((?:[^"]|"")*)"')


def _rowids_only(expression: str) -> bool:
    """Whether ``expression`` (of ``SQLiteBackend.expression``) can run on ``search_ids``, which keeps no
    positions: no NEAR, and each string one token of the ``unicode61`` tokenizer (a string it cuts in two, such
    as ``PM2.5``, is a phrase there)."""
    if "NEAR(" in expression:
        return False
    return all(token.replace('""', '"').isalnum() for token in _FTS5_STRING.findall(expression))


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

    def fragment_phrase_match(self, parsed: ParsedQuery, where: Where, check: Where) -> list[tuple] | None:
        # The NEAR of the words as before, and each run of them as a phrase: never looser than the NEAR alone.
        fragment = ParsedQuery(raw=parsed.raw, phrase_words=[parsed.fragment_words])
        expression = " AND ".join(
            [self.expression(fragment, relaxed=False)]
            + [" + ".join(_fts5_string(t) for t in run) for run in parsed.fragment_phrases]
        )
        return self._match_checked(parsed, expression, where, check)

    def fragment_match(self, parsed: ParsedQuery, where: Where, check: Where) -> list[tuple]:
        fragment = ParsedQuery(raw=parsed.raw, phrase_words=[parsed.fragment_words])
        return self._match_checked(parsed, self.expression(fragment, relaxed=False), where, check)

    def _match_checked(self, parsed: ParsedQuery, expression: str, where: Where, check: Where) -> list[tuple]:
        """Rows of the matches of ``expression`` that pass ``where`` and ``check``; ``check`` reads each body (a
        copied fragment as a substring). Only the bodies the trigram indexes name are read (a superset of those
        holding the fragment: trigrams fold case beyond ASCII), so a law's boilerplate sentence does not read
        every body its common words bring, and the rows are the same as checking every match, with no cap."""
        narrowed = Where(list(where.parts), list(where.params))
        if len(parsed.text) >= 3:  # a trigram needs three characters (a copied fragment always has them)
            phrase = _fts5_string(parsed.text)
            narrowed.add(
                "e.id IN (SELECT rowid FROM search_body_trigrams WHERE search_body_trigrams MATCH %s "
                "UNION SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH %s)",
                phrase,
                phrase,
            )
        return self._match(expression, Where(narrowed.parts + check.parts, narrowed.params + check.params))

    def match(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> list[tuple]:
        expression = self.expression(parsed, relaxed=relaxed)
        conditions = Where(where.parts + phrases.parts, where.params + phrases.params)
        return self._match(expression, conditions)

    def _match(self, expression: str, conditions: Where) -> list[tuple]:
        # Every match passing ``conditions`` in one pass (a copied fragment's check reads each body: a second
        # pass for the matches past the best RANK_CANDIDATES read them all again), with only what counts and
        # facets read; the best RANK_CANDIDATES by BM25 then get their title and number for re-ranking, the
        # others no score (past the first stage).
        score = f"-bm25(search_words, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})"
        sql = (
            f"SELECT {LIGHT_COLUMNS.replace('e.id, NULL,', f'e.id, {score},', 1)} "  # noqa: S608  (constants and placeholders only)
            # CROSS JOIN makes SQLite read the full-text matches first; with a plain JOIN its planner
            # scanned every public entry and ran the MATCH once per row (1.7 s instead of 0.4 ms).
            "FROM search_words CROSS JOIN search_searchentry e ON e.id = search_words.rowid "
            f"WHERE search_words MATCH %s AND {conditions.sql()} ORDER BY 2 DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *conditions.params])
            rows = cursor.fetchall()
        best = self._titles(rows[:RANK_CANDIDATES])
        return best + [(row[0], None, *row[2:]) for row in rows[RANK_CANDIDATES:]]

    @staticmethod
    def _matches_table(expression: str) -> str:
        """The FTS5 table that lists the matches of ``expression`` most cheaply: ``search_ids`` (rowids only, a
        doclist a fraction of the positional one) unless the expression needs positions."""
        return "search_ids" if _rowids_only(expression) else "search_words"

    def grouped(self, expression: str, conditions: Where, *, exclude: list[int]) -> list[tuple]:
        table = self._matches_table(expression)
        if conditions.parts == ["e.public = %s"] and conditions.params == [True]:
            # The public's search (the portal, the API): the matches' ids from the full-text table, counted in
            # Python by the facet columns the process keeps (``facetcache``), not grouped by SQLite per query.
            columns = facetcache.current()
            if columns is not None:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT rowid FROM {table} WHERE {table} MATCH %s "  # noqa: S608  (a constant)
                        "AND rowid NOT IN (SELECT value FROM json_each(%s))",
                        [expression, json.dumps(exclude)],
                    )
                    return facetcache.count(columns, cursor.fetchall())
        sql = (
            f"SELECT {GROUP_COLUMNS}, COUNT(*) FROM search_searchentry e INDEXED BY search_entry_facets "  # noqa: S608  (constants and placeholders only)
            f"WHERE e.id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) "
            f"AND e.id NOT IN (SELECT value FROM json_each(%s)) AND {conditions.sql()} GROUP BY {GROUP_COLUMNS}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, json.dumps(exclude), *conditions.params])
            return cursor.fetchall()

    def ranked(
        self,
        parsed: ParsedQuery,
        expression: str,
        conditions: Where,
        narrow: Where,
        *,
        limit: int,
        order: str,
        include: list[int],
    ) -> list[tuple]:
        both = Where(conditions.parts + narrow.parts, conditions.params + narrow.params)
        if order != "date" and self._many(expression):
            # The caller adds the rows of ``include`` itself: enough others that ``limit`` of them are new.
            return self._titles(self._ranked_by_titles(expression, both, limit=limit + len(include)))
        score = f"-bm25(search_words, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})"
        by = "e.published_on DESC, e.id DESC" if order == "date" else "2 DESC"
        if include:  # first, each scored in the same pass (a MATCH per rowid cost seconds)
            by = "e.id IN (SELECT value FROM json_each(%s)) DESC, " + by  # noqa: S608  (a placeholder)
            limit += len(include)
        # The facet columns come from the narrow covering index, never from the wide entry rows (title, body,
        # tokens): a common word's matches are all scored, but only the best ``limit`` rows are read whole.
        sql = (
            f"SELECT {LIGHT_COLUMNS.replace('e.id, NULL,', f'e.id, {score},', 1)} "  # noqa: S608  (constants and placeholders only)
            # CROSS JOIN makes SQLite read the full-text matches first; with a plain JOIN its planner
            # scanned every public entry and ran the MATCH once per row (1.7 s instead of 0.4 ms).
            "FROM search_words CROSS JOIN search_searchentry e INDEXED BY search_entry_facets "
            "ON e.id = search_words.rowid "
            f"WHERE search_words MATCH %s AND {both.sql()} ORDER BY {by} LIMIT {int(limit)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *both.params, *([json.dumps(include)] if include else [])])
            return self._titles(cursor.fetchall())

    def _many(self, expression: str) -> bool:
        """Whether ``expression`` matches more than ``MANY_MATCHES`` entries (counted on ``search_ids``)."""
        if not _rowids_only(expression):
            return False
        with connection.cursor() as cursor:
            # Counted up to the threshold only: the rowids of a common word are read no further.
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_ids WHERE search_ids MATCH %s LIMIT %s)",
                [expression, MANY_MATCHES + 1],
            )
            return cursor.fetchone()[0] > MANY_MATCHES

    def _ranked_by_titles(self, expression: str, both: Where, *, limit: int) -> list[tuple]:
        """The first stage of a query with very many matches: its matches in titles by BM25 (the column filter
        reads the same doclists, but scores the few title matches only), then, while fewer than ``limit`` pass
        ``both``, the others from the newest entry back, with no score."""
        score = f"-bm25(search_words, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})"
        light = LIGHT_COLUMNS.replace("e.id, NULL,", "e.id, m.score,", 1)
        sql = (
            f"SELECT {light} FROM (SELECT rowid AS id, {score} AS score FROM search_words "  # noqa: S608  (constants and placeholders only)
            f"WHERE search_words MATCH %s ORDER BY score DESC LIMIT {int(limit) * 2}) m "
            "CROSS JOIN search_searchentry e INDEXED BY search_entry_facets ON e.id = m.id "
            f"WHERE {both.sql()} ORDER BY 2 DESC LIMIT {int(limit)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ["{title_tokens} : (" + expression + ")", *both.params])
            rows = cursor.fetchall()
            if len(rows) >= limit:
                return rows
            light = LIGHT_COLUMNS.replace("e.id, NULL,", "e.id, 0.0,", 1)
            sql = (
                f"SELECT {light} FROM (SELECT rowid AS id FROM search_ids WHERE search_ids MATCH %s "  # noqa: S608  (constants and placeholders only)
                "ORDER BY rowid DESC) m CROSS JOIN search_searchentry e INDEXED BY search_entry_facets "
                f"ON e.id = m.id WHERE {both.sql()} LIMIT {int(limit) * 2}"
            )
            cursor.execute(sql, [expression, *both.params])
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
        return rows[:limit]

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
                    key = "ids" if name.startswith("search_ids") else key
                    key = "body_trigrams" if name.startswith("search_body_trigrams") else key
                    sizes[key] = sizes.get(key, 0) + int(size)
            except Exception:  # dbstat is a compile-time option
                return {}
        return sizes


def _grouping_key(expression: str, conditions: Where, exclude: list[int]) -> tuple:
    return expression, conditions.sql(), repr(conditions.params), tuple(sorted(exclude))


@contextlib.contextmanager
def _index_scans() -> Iterator[None]:
    """Run the statements inside with sequential scans and JIT off, for this transaction only.

    The planner prices ``tsv @@ query`` as one cheap operator call a row, so for a common word it scans the
    table and reads (and decompresses) every entry's TOASTed tsvector: 62 ms against 11 ms through the GIN
    bitmap for 安全生产 over the 3,471 laws (EXPLAIN ANALYZE). The GIN index answers these queries without a
    recheck, so the bitmap path never reads a tsvector for counting. JIT compiles for the estimated cost of the
    larger indexes and would cost more than the query itself. Inside another ``_index_scans``, nothing more.
    A whole search runs inside one (``PostgresBackend.candidates``), so its title lookups go through the trigram
    indexes too: slower than a scan of the 3,471 titles (10 against 2 ms), faster at 100,000."""
    if getattr(connection, "_gongkai_index_scans", False):
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
            "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
        )
        seqscan, jit = cursor.fetchone()[:2]
        connection._gongkai_index_scans = True
        try:
            yield
        finally:
            connection._gongkai_index_scans = False
        if nested:  # the caller's transaction goes on: its settings back
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), set_config('jit', %s, true)", [seqscan, jit]
            )


def _tsquery_lexeme(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"
    store_tokens = False

    def candidates(self, parsed: ParsedQuery, where: Where, **kwargs: Any) -> Candidates:
        # One transaction with the planner settings for all of a search's statements (each on its own added a
        # BEGIN, a SET and a COMMIT: 13 statements a query instead of 5).
        with _index_scans():
            return super().candidates(parsed, where, **kwargs)

    def rank_all(self, parsed: ParsedQuery, where: Where, phrases: Where, *, relaxed: bool) -> bool:
        self._matched = None
        if PG_RANK_ALL is not None:
            return PG_RANK_ALL
        # The matches counted (up to PG_RANK_ALL_MAX + 1, from the GIN index) and, when there are no more than
        # PG_RANK_ALL_MAX, ranked and read in the same statement (kept for ``match``): one round trip less.
        # Past the limit the ranking's one-time filter is false and no tsvector is read (EXPLAIN: "never
        # executed"); the LEFT JOIN keeps one row with the count either way.
        expression = self.expression(parsed, relaxed=relaxed)
        conditions = Where(where.parts + phrases.parts, where.params + phrases.params)
        select, params = self._match_sql(expression, conditions, f"c.n <= {PG_RANK_ALL_MAX}")
        sql = (
            "SELECT c.n, m.* FROM (SELECT count(*) AS n FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608  (constants and placeholders only)
            f"WHERE e.tsv @@ CAST(%s AS tsquery) AND {conditions.sql()} LIMIT {PG_RANK_ALL_MAX + 1}) f) c "
            # OFFSET 0: a subquery of its own, so that the count's test stays a one-time filter (flattened into
            # the join, it became a join filter and every match was ranked before being dropped).
            f"LEFT JOIN LATERAL ({select} OFFSET 0) m ON true"
        )
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [expression, *conditions.params, *params])
            rows = cursor.fetchall()
        if rows[0][0] > PG_RANK_ALL_MAX:
            return False
        key = _grouping_key(expression, conditions, [])
        self._matched = (key, [row[1:] for row in rows if row[1] is not None])
        return True

    def _match_sql(self, expression: str, conditions: Where, guard: str = "true") -> tuple[str, list[Any]]:
        """The statement ranking every match of ``expression`` passing ``conditions`` (and ``guard``), as rows,
        and its parameters."""
        sql = (
            f"SELECT {COLUMNS.replace('e.id,', f'e.id, ts_rank_cd({PG_WEIGHTS}, e.tsv, q, 1),', 1)} "  # noqa: S608  (constants and placeholders only)
            "FROM search_searchentry e, CAST(%s AS tsquery) q "
            # Every match ranked in one pass: splitting off the best few hundred (as on SQLite) read each
            # match twice and measured slower here (bench/search_speed.py).
            f"WHERE {guard} AND e.tsv @@ q AND {conditions.sql()}"
        )
        return sql, [expression, *conditions.params]

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
        matched = getattr(self, "_matched", None)
        if matched is not None and matched[0] == _grouping_key(expression, conditions, []):
            return matched[1]  # read by ``rank_all`` with the count
        sql, params = self._match_sql(expression, conditions)
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def grouped(self, expression: str, conditions: Where, *, exclude: list[int]) -> list[tuple]:
        counted = getattr(self, "_counted", None)
        if counted is not None and counted[0] == _grouping_key(expression, conditions, exclude):
            return counted[1]  # counted by ``ranked`` in the same scan
        # Without reading a single tsvector: the GIN index answers @@ exactly for these queries (no recheck),
        # and the facet columns are in the heap tuple.
        sql = (
            f"SELECT {GROUP_COLUMNS}, COUNT(*) FROM search_searchentry e "  # noqa: S608  (constants and placeholders only)
            f"WHERE e.tsv @@ CAST(%s AS tsquery) AND NOT (e.id = ANY(%s)) AND {conditions.sql()} "
            f"GROUP BY {GROUP_COLUMNS}"
        )
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [expression, exclude, *conditions.params])
            return cursor.fetchall()

    def ranked(
        self,
        parsed: ParsedQuery,
        expression: str,
        conditions: Where,
        narrow: Where,
        *,
        limit: int,
        order: str,
        include: list[int],
    ) -> list[tuple]:
        both = Where(conditions.parts + narrow.parts, conditions.params + narrow.params)
        weights = PG_WEIGHTS
        match = f"FROM search_searchentry e WHERE e.tsv @@ CAST(%s AS tsquery) AND {both.sql()}"
        params: list[Any] = []
        # Enough rows besides ``include`` that the caller sees ``limit`` of them whenever there are as many, and
        # so counts the others (``grouped``).
        depth = int(limit) + len(include)
        if order == "date":
            keys, by_keys = "e.published_on AS k1, 0 AS k2", "k1 DESC NULLS LAST, id DESC"
            first = f"SELECT e.id {match} ORDER BY e.published_on DESC NULLS LAST, e.id DESC LIMIT {depth}"
            params += [expression, *both.params]
        else:
            # A cheap first stage, so that ts_rank_cd reads the tsvector (TOASTed: a random read each) of a few
            # hundred matches, not of every match of a common word: the matches with the most query words in
            # their title, shortest titles first (where the best ones are: the title bonuses; every word
            # required lost topic nDCG: 杭州市旅游条例 for 旅游管理), PG_FIRST_STAGE more than asked for.
            words = Where()
            for clause in parsed.clauses:
                surfaces = [clause.surface] + ["".join(a) for a in clause.alternatives[1:]]
                # strpos, not ILIKE: ILIKE case-folds every title (224 ms against ~50 ms over 39,198 titles).
                words.add(
                    "(" + " OR ".join(f"{self.instr('e.title', s)} > 0" for s in surfaces) + ")",
                    *[surface.lower() for surface in surfaces],
                )
            # One scan of the matches (two, the second for the newest others, cost twice the heap reads at
            # 100,000 entries): the rows past those with title words are the shortest-titled others.
            in_title = " + ".join(f"CAST({part} AS integer)" for part in words.parts) or "0"
            keys, by_keys = f"{in_title} AS k1, length(e.title) AS k2", "k1 DESC, k2, id"
            first = (
                f"SELECT e.id {match} ORDER BY {in_title} DESC, length(e.title), e.id "
                f"LIMIT {PG_FIRST_STAGE + depth}"
            )
            params += [expression, *both.params, *words.params]
        self._counted = None
        if not narrow.parts:
            # The facet counts (``grouped``, the same matches less ``include``) from the same scan of the
            # matches as the first stage: at 100,000 entries each bitmap heap scan of a common word's matches
            # is most of the query's time.
            first_ids, groups = self._first_and_counts(
                match,
                keys,
                by_keys,
                [*params[len(both.params) + 1 :]],
                expression,
                both,
                include,
                depth if order == "date" else depth + PG_FIRST_STAGE,
            )
            self._counted = (_grouping_key(expression, conditions, include), groups)
            first = "SELECT unnest(CAST(%s AS bigint[]))"
            params = [first_ids]
        by = "e.published_on DESC NULLS LAST, e.id DESC" if order == "date" else "2 DESC"
        if include:  # the given ids that match, first (rechecked against the tsvector: a few rows)
            first = f"({first}) UNION (SELECT unnest(CAST(%s AS bigint[])))"
            params.append(include)
            by = "e.id = ANY(%s) DESC, " + by
            limit += len(include)
        # With their titles and numbers: a few hundred short columns, read with the row the tsvector is ranked
        # from (a second statement for them cost a round trip and 1.5 ms).
        sql = (
            f"SELECT {COLUMNS.replace('e.id,', f'e.id, ts_rank_cd({weights}, e.tsv, CAST(%s AS tsquery), 1),', 1)} "  # noqa: S608  (constants and placeholders only)
            f"FROM search_searchentry e WHERE e.id IN ({first}) AND e.tsv @@ CAST(%s AS tsquery) "
            f"ORDER BY {by} LIMIT {int(limit)}"
        )
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params, expression, *([include] if include else [])])
            return cursor.fetchall()

    def _first_and_counts(
        self,
        match: str,
        keys: str,
        by_keys: str,
        key_params: list[Any],
        expression: str,
        both: Where,
        include: list[int],
        limit: int,
    ) -> tuple[list[int], list[tuple]]:
        """The ids of the first stage (the best ``limit`` by ``keys`` ordered ``by_keys``) and the facet-column
        counts of the matches less ``include``, from one scan of the matches."""
        bare = GROUP_COLUMNS.replace("e.", "")
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.id, {GROUP_COLUMNS}, {keys} {match}) "  # noqa: S608  (constants and placeholders only)
            f"SELECT (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY {by_keys} LIMIT {int(limit)}) f), "
            f"(SELECT json_agg(json_build_array({bare}, n)) FROM "
            f"(SELECT {bare}, count(*) AS n FROM m WHERE NOT (id = ANY(%s)) GROUP BY {bare}) g)"
        )
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [*key_params, expression, *both.params, include])
            ids, groups = cursor.fetchone()
        return list(ids or []), [tuple(group) for group in (groups or [])]

    def phrase_condition(self, where: Where, phrase: str) -> None:
        if len(phrase) >= PG_TRIGRAM_MIN:
            # The body through its trigram index (migration 0006), looked up once (a hashed subplan); the title
            # and number checked on the rows at hand. With the body's strpos in the same OR, the planner read
            # every body with the inner words (300 ms against 24 ms at 3,471 entries); with each column through
            # its own trigram index, the title's and number's scans cost more than the body's (58 ms).
            like = "ILIKE" if phrase.lower() != phrase.upper() else "LIKE"
            body = f"e.id IN (SELECT id FROM search_searchentry WHERE body {like} %s)"  # noqa: S608  (constants only)
            where.add(
                f"({self.instr('e.title', phrase)} > 0 OR {self.instr('e.doc_number', phrase)} > 0 OR {body})",
                phrase.lower(),
                phrase.lower(),
                f"%{_like_escape(phrase)}%",
            )
            return
        where.add(
            f"({self.instr('e.title', phrase)} > 0 OR {self.instr('e.doc_number', phrase)} > 0 "
            f"OR {self.instr('e.body', phrase)} > 0)",
            phrase.lower(),
            phrase.lower(),
            phrase.lower(),
        )

    def title_condition(self, where: Where, text: str) -> None:
        pattern = f"%{_like_escape(text)}%"
        # ILIKE only for a text with letters: it case-folds every title it reads (23 ms over the 3,471 titles
        # against 1-2 ms for LIKE); either goes through the trigram indexes.
        like = "ILIKE" if text.lower() != text.upper() else "LIKE"
        where.add(f"(e.title {like} %s OR e.doc_number {like} %s)", pattern, pattern)

    def instr(self, column: str, text: str = "A") -> str:
        return f"strpos(lower({column}), %s)" if text.lower() != text.upper() else f"strpos({column}, %s)"

    # The tsvector is written with the row it belongs to (``services.index_objects``), not by a second UPDATE:
    # every row version costs new entries in every index, the bodies' thousands of trigrams among them.
    vector_column = ("tsv", "CAST(%s AS tsvector)")

    def vector_value(self, title: list[str], number: list[str], body: list[str]) -> str:
        parts: list[str] = []
        position = 0
        for tokens, weight in ((title, "A"), (number, "B"), (body, "")):
            for token in tokens:
                position = min(position + 1, TSV_MAX_POSITION)
                parts.append(f"{_tsquery_lexeme(token)}:{position}{weight}")
        return " ".join(parts)

    def merge_pending(self) -> None:
        # The word index queues new entries in a GIN pending list (fastupdate: faster bulk writes) that every
        # search reads until a VACUUM merges it: 121 pages after importing the laws (migration 0007).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid::regclass) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'search_searchentry'::regclass AND a.amname = 'gin'"
            )

    def size_bytes(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_table_size('search_searchentry'), pg_indexes_size('search_searchentry'), "
                "pg_relation_size('search_entry_tsv'), pg_relation_size('search_entry_title_trgm'), "
                "coalesce(pg_relation_size(to_regclass('search_entry_body_trgm')), 0)"
            )
            table, indexes, tsv, trgm, body_trgm = cursor.fetchone()
        return {
            "table": table,
            "indexes (all)": indexes,
            "tsv_gin": tsv,
            "title_trgm_gin": trgm,
            "body_trgm_gin": body_trgm,
        }


def backend() -> Backend:
    """The engine of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()
