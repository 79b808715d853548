"""What a member typed in the search box, read the same way on every database.

The box takes what web search engines take: words (all must appear), "a phrase"
in quotes, `or` between alternatives and `-word` for a word that must not
appear. Anything else is only words. The result compiles to an FTS5 query made of
quoted strings only, which can never be a syntax error, and to the same query in
PostgreSQL's `websearch_to_tsquery` form.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 200
MAX_TERMS = 16

# PostgreSQL's English stop words (tsearch_data/english.stop): both backends leave
# them out of a query, so the same words find the same posts.
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him
    his himself she her hers herself it its itself they them their theirs themselves
    what which who whom this that these those am is are was were be been being have
    has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor
    not only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def clean(text: str) -> str:
    """The query without control characters (NUL breaks PostgreSQL), trimmed."""
    kept = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in text
    )
    return " ".join(kept.split())[:MAX_LENGTH]


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


@dataclass(frozen=True)
class Clause:
    """Terms that must all appear (each a word or a phrase of several), and
    words that must not."""

    terms: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    def kept_terms(self) -> tuple[tuple[str, ...], ...]:
        """The terms without stop words, as PostgreSQL drops them; a phrase keeps
        its words. None at all when every term is a stop word."""
        return tuple(
            term for term in self.terms if len(term) > 1 or term[0] not in STOP_WORDS
        )


@dataclass(frozen=True)
class Words:
    clauses: tuple[Clause, ...]

    def __bool__(self) -> bool:
        return any(clause.kept_terms() for clause in self.clauses)

    @property
    def highlights(self) -> frozenset[str]:
        """Every word to mark in a result."""
        return frozenset(
            word
            for clause in self.clauses
            for term in clause.kept_terms()
            for word in term
            if word not in STOP_WORDS
        )

    def fts5(self) -> str:
        """The SQLite FTS5 query: quoted strings, AND within, OR between clauses."""
        parts = []
        for clause in self.clauses:
            terms = clause.kept_terms()
            if not terms:
                continue
            query = " ".join(f'"{" ".join(term)}"' for term in terms)
            for word in clause.excluded:
                query += f' NOT "{word}"'
            parts.append(f"({query})")
        return " OR ".join(parts)

    def websearch(self, *, wanted_only: bool = False) -> str:
        """The same query for PostgreSQL's websearch_to_tsquery; `wanted_only`
        leaves out the words that must not appear (for ranking: ts_rank scores a
        negated word in ways bm25 does not)."""
        parts = []
        for clause in self.clauses:
            if not clause.kept_terms():
                continue
            terms = [
                f'"{" ".join(term)}"' if len(term) > 1 else term[0]
                for term in clause.terms
            ]
            if not wanted_only:
                terms += [f"-{word}" for word in clause.excluded]
            parts.append(" ".join(terms))
        return " or ".join(parts)


def parse(text: str) -> Words:
    """Read the search box; never raises, whatever was typed."""
    clauses: list[Clause] = []
    terms: list[tuple[str, ...]] = []
    excluded: list[str] = []
    count = 0

    def close() -> None:
        if terms:
            clauses.append(Clause(tuple(terms), tuple(excluded)))
        terms.clear()
        excluded.clear()

    for match in _CHUNK.finditer(clean(text)):
        if count >= MAX_TERMS:
            break
        phrase, chunk = match.group(1), match.group(2)
        if phrase is not None:
            words = _words(phrase)
            if words:
                terms.append(words)
                count += 1
        elif chunk.lower() == "or":
            close()
        elif chunk.startswith("-") and len(chunk) > 1:
            # A word that must not appear; its parts, if it has several, each
            # must not.
            for word in _words(chunk[1:]):
                if word not in STOP_WORDS:
                    excluded.append(word)
                    count += 1
        else:
            words = _words(chunk)
            if words:
                terms.append(words)
                count += 1
    close()
    return Words(tuple(clauses))
