"""Index the replies and resources written before search existed."""

from django.db import migrations

from alongside.search.text import plain_text

BATCH = 2000


def index_existing(apps, schema_editor):
    Reply = apps.get_model("threads", "Reply")
    Resource = apps.get_model("resources", "Resource")
    SearchEntry = apps.get_model("search", "SearchEntry")
    replies = (
        Reply.objects.filter(deleted_at__isnull=True, thread__deleted_at__isnull=True)
        .select_related("thread")
        .order_by("pk")
    )
    batch = []
    for reply in replies.iterator(chunk_size=BATCH):
        batch.append(
            SearchEntry(
                reply_id=reply.pk,
                thread_id=reply.thread_id,
                title=reply.thread.title if reply.is_opening else "",
                body=plain_text(reply.body_html),
                created_at=reply.created_at,
            )
        )
        if len(batch) == BATCH:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    for resource in Resource.objects.filter(removed_at__isnull=True).iterator():
        batch.append(
            SearchEntry(
                resource_id=resource.pk,
                title=resource.title,
                body=plain_text(resource.summary_html),
                created_at=resource.created_at,
            )
        )
    SearchEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [
        migrations.RunPython(index_existing, migrations.RunPython.noop, elidable=True)
    ]
