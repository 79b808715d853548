"""The search index: the words of every reply and resource, as plain text."""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Lookup

if TYPE_CHECKING:
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

from alongside.resources.models import Resource
from alongside.threads.models import Reply, Thread


class SearchEntry(models.Model):
    """The words of one reply (an opening post carries its thread's title too) or
    one library resource.

    Only words and when they were written: who may see an entry, its group, and
    whether it is still up are read from its reply or resource in the same query
    as the match. So hiding, holding, approving, restoring, deleting, moving and
    leaving a group change what a search finds at once, with nothing to update
    here. The words change on write and edit (see `signals.py`).
    """

    reply = models.OneToOneField(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The reply's thread, which never changes: it narrows the candidates to the
    # viewer's threads before each reply is checked.
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    resource = models.OneToOneField(
        Resource, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    reply__isnull=False, thread__isnull=False, resource__isnull=True
                )
                | models.Q(
                    reply__isnull=True, thread__isnull=True, resource__isnull=False
                ),
                name="search_entry_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        if self.reply_id is not None:
            return f"Search entry of reply {self.reply_id}"
        return f"Search entry of resource {self.resource_id}"


class FullTextField(models.TextField):  # type: ignore[type-arg]
    """The hidden column of an FTS5 table that is named like the table."""


@FullTextField.register_lookup
class Match(Lookup):
    """`column MATCH 'query'` (SQLite FTS5)."""

    lookup_name = "match"

    def as_sql(self, compiler: "SQLCompiler", connection: Any) -> "_AsSqlType":
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class SearchText(models.Model):
    """The FTS5 index over SearchEntry, on SQLite only (made by migration 0002).

    Its rows are SearchEntry's, kept in step by triggers; `rank` is bm25 with a
    title worth ten times the body.
    """

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    words = FullTextField(db_column="search_text")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_text"

    def __str__(self) -> str:
        return f"Words of search entry {self.pk}"
