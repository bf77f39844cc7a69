"""The search index (全文检索索引): one row per indexed item of any registered content type, and the vocabulary.

``SearchEntry`` holds what a result shows and what filters and facets read, plus the segmented token text of
the title, the 发文字号 and the body. The full-text structures over it are per database vendor and created by
migration ``0002``: on SQLite FTS5 tables kept in step by triggers (words over the token columns, trigrams
over the raw title, number and body; since ``0005`` also ``search_ids``, the words without positions, and the
index's version stamp ``search_stamp``); on PostgreSQL a ``tsvector`` column with a GIN index and ``pg_trgm``
indexes on the title and number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchEntry(models.Model):
    """One searchable item (a record, an interpretation, …) as the index sees it."""

    kind = models.CharField(_("内容类型"), max_length=32)
    object_id = models.BigIntegerField()
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    public = models.BooleanField(pgettext_lazy("search entry", "公开"), default=False)
    status = models.CharField(max_length=16, blank=True)
    external_id = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=500)
    title = models.TextField()
    doc_number = models.CharField(max_length=255, blank=True, db_index=True)
    issuer = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    validity = models.CharField(max_length=16, blank=True)
    theme_id = models.BigIntegerField(null=True, blank=True)
    doc_kind = models.CharField(max_length=16, blank=True)
    source_stamp = models.CharField(max_length=64, blank=True)
    # What the full-text columns were made from (texts and user dictionary): unchanged, re-indexing skips them.
    text_stamp = models.CharField(max_length=32, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # Long columns last (SQLite reads a row's columns in order, following each long value's overflow pages):
    # the body, read by snippets and phrase checks, before the tokens, which only the full-text triggers read.
    body = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    number_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")
        ]
        # No index on ``public``: every query starts from the full-text matches, and with one SQLite's
        # planner preferred scanning all public entries (45 ms for a 发文字号 lookup instead of 0.1 ms).

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class TermKind(models.TextChoices):
    WORD = "word", _("用户词")
    SYNONYM = "synonym", _("同义词")


class SearchTerm(models.Model):
    """An administrator's search vocabulary line: a word for the user dictionary (用户词典), or a group of
    synonyms (同义词, e.g. ``医保 医疗保障``) any of which finds the others."""

    kind = models.CharField(_("类型"), max_length=16, choices=TermKind.choices, default=TermKind.WORD)
    text = models.CharField(_("内容"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("检索词")
        verbose_name_plural = _("检索词")
        ordering = ["kind", "text"]
        constraints = [models.UniqueConstraint(fields=["kind", "text"], name="search_term_unique")]

    def __str__(self) -> str:
        return self.text

    @property
    def synonyms(self) -> list[str]:
        return [part for part in self.text.replace("⇄", " ").replace(",", " ").split() if part]
