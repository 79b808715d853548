"""Private messages are sealed at rest: no text in the database, keys that rotate."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from alongside.privacy.models import Conversation, PrivateMessage
from alongside.privacy.sealing import (
    Keyring,
    SealingError,
    decode_key,
    derive_key,
    key_id,
    new_key,
)

from .helpers import reply, text, write

ROOT = Path(__file__).resolve().parents[3]
WORDS = "My sister still doesn't know about the diagnosis."
CANNOT_OPEN = "This message can't be opened at the moment."
KEY_A, KEY_B, KEY_C = new_key(), new_key(), new_key()


def everything_in_the_database() -> str:
    """Every row of every table, as a dump would show it, read past the ORM."""
    quote = connection.ops.quote_name
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode(errors="ignore")
                    chunks.append(str(value))
    return "\n".join(chunks)


def raw_message_columns() -> list[tuple[str, str]]:
    table = connection.ops.quote_name(PrivateMessage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sealed_body, sealed_html FROM {table} ORDER BY id"  # noqa: S608
        )
        return list(cursor.fetchall())


def conversation_page(client) -> str:
    conversation = Conversation.objects.get()
    return text(client.get(reverse("privacy:conversation", args=[conversation.pk])))


def test_the_database_holds_no_word_of_a_message(
    group, member_client, facilitator_client
):
    assert write(facilitator_client, "rowan", WORDS).status_code == 302
    assert WORDS in conversation_page(member_client)

    dump = everything_in_the_database()
    assert "Rowan" in dump  # the dump is real: it shows other rows' text
    for fragment in (WORDS, "My sister", "diagnosis", "<p>My"):
        assert fragment not in dump
    ((body, html),) = raw_message_columns()
    assert body != html  # each column is sealed on its own, with its own nonce


def test_without_configured_keys_the_key_comes_from_secret_key(
    settings, group, facilitator_client
):
    settings.ALONGSIDE_MESSAGE_KEYS = []
    write(facilitator_client, "rowan", WORDS)
    ((body, html),) = raw_message_columns()
    derived = key_id(derive_key(settings.SECRET_KEY))
    assert body.startswith(f"{derived}:")
    assert html.startswith(f"{derived}:")


def test_messages_stay_readable_through_a_key_rotation(
    settings, group, member_client, facilitator_client
):
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_A]
    write(facilitator_client, "rowan", "Written under the first key.")
    reply(member_client, Conversation.objects.get().pk, "So is this answer.")
    a, b = key_id(decode_key(KEY_A, 1)), key_id(decode_key(KEY_B, 1))
    assert all(
        token.startswith(f"{a}:") for row in raw_message_columns() for token in row
    )

    # A new key goes first; the old one still opens what it sealed.
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B, KEY_A]
    page = conversation_page(member_client)
    assert "Written under the first key." in page
    assert "So is this answer." in page

    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "1", stdout=out)
    assert f"Current key: {b}." in out.getvalue()
    assert (
        "Re-sealed 2 messages; 0 were already under the current key." in out.getvalue()
    )
    assert all(
        token.startswith(f"{b}:") for row in raw_message_columns() for token in row
    )

    # The old key can now go.
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B]
    page = conversation_page(member_client)
    assert "Written under the first key." in page
    assert "So is this answer." in page
    assert CANNOT_OPEN not in page

    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert (
        "Re-sealed 0 messages; 2 were already under the current key." in out.getvalue()
    )


def test_removing_a_key_before_rotating_leaves_its_messages_unopened_not_broken(
    settings, group, member_client, facilitator_client
):
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_A]
    write(facilitator_client, "rowan", "Written under the first key.")
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_C]
    page = conversation_page(member_client)
    assert CANNOT_OPEN in page
    assert "Written under the first key." not in page

    with pytest.raises(CommandError, match="1 messages could not be opened"):
        call_command("rotate_keys", stdout=io.StringIO())
    # Put the key back, and nothing was lost.
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_C, KEY_A]
    assert "Written under the first key." in conversation_page(member_client)


def test_a_sealed_text_moved_to_another_message_does_not_open(
    group, member_client, facilitator_client
):
    write(facilitator_client, "rowan", "The first message.")
    reply(facilitator_client, Conversation.objects.get().pk, "The second message.")
    first, second = PrivateMessage.objects.order_by("pk")
    table = connection.ops.quote_name(PrivateMessage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET sealed_html = %s WHERE id = %s",  # noqa: S608
            [first.sealed_html, second.pk],
        )
    page = conversation_page(member_client)
    assert page.count("The first message.") == 1
    assert "The second message." not in page
    assert CANNOT_OPEN in page


def test_a_keyring_opens_only_what_it_sealed_for_the_same_place():
    ring = Keyring([decode_key(KEY_A, 1)])
    token = ring.seal("words", context="private-message/1/x/body")
    assert ring.open(token, context="private-message/1/x/body") == "words"
    with pytest.raises(SealingError):
        ring.open(token, context="private-message/2/x/body")
    with pytest.raises(SealingError):
        Keyring([decode_key(KEY_B, 1)]).open(token, context="private-message/1/x/body")
    assert ring.seal("words", context="c") != ring.seal("words", context="c")


def start_django(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    """Django started as an operator would: HTTPS on, only what they set."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            "ALONGSIDE_VAR_DIR": str(tmp_path),
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(ROOT)),
            "LANG": "C.UTF-8",
            "ALONGSIDE_HTTPS": "1",
            "SECRET_KEY": "a-long-production-secret-" + "z" * 40,
            "ALLOWED_HOSTS": "example.org",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_message_keys(tmp_path):
    started = start_django(tmp_path)
    assert started.returncode != 0
    assert "ALONGSIDE_MESSAGE_KEYS must be set" in started.stderr
    assert start_django(tmp_path, ALONGSIDE_MESSAGE_KEYS=KEY_A).returncode == 0


def test_a_key_that_is_not_32_bytes_of_base64_stops_the_start_unechoed(tmp_path):
    started = start_django(
        tmp_path, ALONGSIDE_MESSAGE_KEYS=f"{KEY_A},not-a-real-key-at-all"
    )
    assert started.returncode != 0
    assert "Key 2 in ALONGSIDE_MESSAGE_KEYS is not 32 random bytes" in started.stderr
    assert "not-a-real-key-at-all" not in started.stderr
