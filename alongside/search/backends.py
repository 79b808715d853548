"""Full-text matching and ranking: SQLite FTS5 or PostgreSQL, behind one interface.

The backend is chosen by the database in use (`connection.vendor`). Both take
the same parsed words (`words.Words`) and answer with a queryset of entries, so
everything else in search (who may see what, filters, pages) is the same SQL on
both.
"""

from abc import ABC, abstractmethod
from functools import cache
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, QuerySet

from .models import SearchEntry
from .words import Words

# The weighted tsvector column migration 0002 adds on PostgreSQL: the title
# weighs A, the body B.
TEXT_CONFIG = "english"


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def matching(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        """The entries that match the words."""

    @abstractmethod
    def by_relevance(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        """Entries of `matching`, most relevant first (newest first among
        equals)."""

    @abstractmethod
    def refresh(self) -> None:
        """Bring the full-text index in line with the entries after a bulk load."""


class SqliteFts5Backend(SearchBackend):
    """FTS5 external-content table `search_text` over the entries (porter stemming,
    bm25 with the title worth ten times the body)."""

    name = "SQLite FTS5"

    def matching(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        return entries.filter(fts__words__match=words.fts5())

    def by_relevance(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        # bm25 is lower for better matches.
        return self.matching(entries, words).order_by("fts__rank", "-created_at", "-pk")

    def refresh(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_text(search_text) VALUES ('rebuild')")


class _Vector(Expression):
    """The tsvector column migration 0002 adds on PostgreSQL, of the query's own
    search entries table, whatever alias a subquery gives it."""

    output_field = SearchVectorField()

    def as_sql(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        table = compiler.quote_name(compiler.query.base_table)
        return f'{table}."search_vector"', ()


class PostgresBackend(SearchBackend):
    """A stored, weighted tsvector column with a GIN index; queries go through
    websearch_to_tsquery, which accepts anything typed."""

    name = "PostgreSQL full-text search"

    def _query(self, words: Words, *, wanted_only: bool = False) -> SearchQuery:
        return SearchQuery(
            words.websearch(wanted_only=wanted_only),
            search_type="websearch",
            config=TEXT_CONFIG,
        )

    def matching(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        return entries.alias(vector=_Vector()).filter(vector=self._query(words))

    def by_relevance(
        self, entries: QuerySet[SearchEntry], words: Words
    ) -> QuerySet[SearchEntry]:
        return entries.annotate(
            relevance=SearchRank(_Vector(), self._query(words, wanted_only=True))
        ).order_by("-relevance", "-created_at", "-pk")

    def refresh(self) -> None:
        """Nothing to do: the column is generated from the row."""


@cache
def _backends() -> dict[str, SearchBackend]:
    return {"sqlite": SqliteFts5Backend(), "postgresql": PostgresBackend()}


def backend() -> SearchBackend:
    """The backend for the database in use."""
    try:
        return _backends()[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"Search needs SQLite or PostgreSQL, not {connection.vendor}."
        ) from None
