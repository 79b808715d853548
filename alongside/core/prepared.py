"""Queries of a fixed shape whose SQL the ORM builds once per process.

On the busiest pages, building a query (filters, subqueries, `select_related`)
and compiling it to SQL costs more CPU than the database spends running it. A
`Prepared` query is written with the ORM as usual, as a function of the ids it
is about; the first call builds it with stand-in ids, keeps its SQL and the
compiler's reading of the columns, and every later call only binds the real ids
and turns the rows into model instances the ORM's own way (`select_related`
objects and annotations included).

    others = Prepared(
        lambda *, thread, me: Reply.objects.filter(thread=thread).exclude(author=me)
    )
    replies = others(thread=7, me=3)

Keyword arguments are ids, bound as SQL parameters; they must reach the SQL as
they are, so use them in plain comparisons (`=`, `<`, `>`), never in `__in`
lists or text lookups. Positional arguments are part of the shape: each
different combination is built and kept once (use them for choices that change
the SQL itself, such as a LIMIT or a condition that only applies to some
viewers).
"""

import copy
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

# Stand-in ids: in range for every integer column (the ORM drops a comparison
# with a value out of a column's range before it reaches the SQL), and unlike
# any constant a query of this project passes as a parameter.
_FIRST_MARK = 2_147_000_000


@dataclass(frozen=True)
class _Plan:
    queryset: QuerySet[Any]
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    # For each parameter, the name of the id it takes, or None for a constant.
    slots: tuple[str | None, ...]


class Prepared[T]:
    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self._build = build
        self._plans: dict[Hashable, _Plan] = {}
        self._lock = threading.Lock()

    def __call__(self, *shape: Hashable, **ids: int) -> list[T]:
        """The query's rows for these ids, as the built query's iterable gives them."""
        connection = connections[DEFAULT_DB_ALIAS]
        key = (connection.alias, connection.vendor, shape, tuple(sorted(ids)))
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._prepare(shape, sorted(ids))
                self._plans[key] = plan
        params = tuple(
            constant if slot is None else ids[slot]
            for constant, slot in zip(plan.params, plan.slots, strict=True)
        )
        compiler = copy.copy(plan.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (plan.sql, params)  # type: ignore[method-assign]
        queryset = plan.queryset._chain()  # type: ignore[attr-defined]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def _prepare(self, shape: tuple[Hashable, ...], names: list[str]) -> _Plan:
        marks = {name: _FIRST_MARK + n for n, name in enumerate(names)}
        queryset = self._build(*shape, **marks)
        compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        by_mark = {mark: name for name, mark in marks.items()}
        slots = tuple(
            by_mark.get(param)
            if isinstance(param, int) and not isinstance(param, bool)
            else None
            for param in params
        )
        missing = set(names) - set(slots)
        if missing or any(str(mark) in sql for mark in marks.values()):
            raise ValueError(
                f"ids {sorted(missing) or names} do not reach the SQL as parameters: "
                "use them in plain comparisons only"
            )
        return _Plan(queryset, compiler, sql, tuple(params), slots)
