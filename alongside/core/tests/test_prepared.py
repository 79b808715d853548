"""A prepared query gives what the ORM gives, for whatever ids, and refuses ids
that would not reach its SQL as they are."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from alongside.core.prepared import Prepared
from alongside.moderation.models import Mute
from alongside.threads.actions import post_reply
from alongside.threads.models import Reply


def _replies(limit, *, thread, viewer, after):
    return (
        Reply.objects.filter(thread=thread, pk__gt=after)
        .annotate(
            muted=Exists(Mute.objects.filter(member=viewer, muted=OuterRef("author")))
        )
        .select_related("author", "thread__group")
        .order_by("pk")[:limit]
    )


def _as_seen(rows):
    return [
        (r.pk, r.body_html, r.author.username, r.thread.group.slug, r.muted)
        for r in rows
    ]


@pytest.mark.django_db
def test_each_call_binds_its_own_ids_and_reads_rows_as_the_orm_does(
    thread, member, other_member, moderator
):
    for n in range(3):
        post_reply(author=other_member, thread=thread, body=f"Reply {n}")
    Mute.objects.create(member=member, muted=other_member)
    prepared = Prepared(_replies)
    first = Reply.objects.filter(thread=thread).order_by("pk").first()
    for viewer, after in [(member, 0), (moderator, first.pk), (member, first.pk)]:
        expected = _as_seen(_replies(10, thread=thread, viewer=viewer.pk, after=after))
        with CaptureQueriesContext(connection) as queries:
            got = prepared(10, thread=thread.pk, viewer=viewer.pk, after=after)
            seen = _as_seen(got)  # related rows came with it: no more queries
        assert seen == expected
        assert len(queries) == 1
    # The mute is the member's own: only their reading folds the writer.
    assert any(
        row[-1]
        for row in _as_seen(prepared(10, thread=thread.pk, viewer=member.pk, after=0))
    )
    assert not any(
        row[-1]
        for row in _as_seen(
            prepared(10, thread=thread.pk, viewer=moderator.pk, after=0)
        )
    )
    # A different shape (here a LIMIT) is its own query.
    assert len(prepared(1, thread=thread.pk, viewer=member.pk, after=0)) == 1


@pytest.mark.django_db
def test_ids_that_would_not_reach_the_sql_as_they_are_are_refused(thread):
    texty = Prepared(lambda *, word: Reply.objects.filter(body__contains=word))
    with pytest.raises(ValueError, match="plain comparisons"):
        texty(word=7)
    unused = Prepared(lambda *, thread, other: Reply.objects.filter(thread=thread))
    with pytest.raises(ValueError, match="plain comparisons"):
        unused(thread=thread.pk, other=1)
