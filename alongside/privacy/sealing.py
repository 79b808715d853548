"""Private messages sealed at rest: AES-256-GCM under a keyring from the environment.

Why AES-256-GCM, and not Fernet or MultiFernet:
- It is authenticated, like Fernet: a token that was changed does not open.
- Each token starts with the id of its key, so opening it takes one key, not a try
  of every key, and `rotate_keys` finds the rows still under an older key with a
  prefix match in SQL.
- Associated data ties each token to its place (message and column), so a sealed
  text copied into another message or column does not open either. Fernet has no
  associated data.
- 256-bit keys, and no time of writing in clear inside the token (Fernet uses
  AES-128 in CBC mode with HMAC, and carries a plain timestamp).
Nonces are 96 random bits, new for every token: NIST SP 800-38D allows 2**32
tokens per key that way, far beyond what one community writes between rotations.

Keys come from ALONGSIDE_MESSAGE_KEYS: comma-separated, each 32 random bytes in
base64. The first one seals; every one opens. Without it, which settings allow only
while ALONGSIDE_HTTPS is off (on one's own machine and in tests), one key is derived
from SECRET_KEY with HKDF-SHA256: changing SECRET_KEY then makes the messages
written before unreadable. docs/deploy.md says how to make and rotate keys.
"""

import base64
import binascii
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32
NONCE_BYTES = 12
DERIVED_KEY_INFO = b"alongside private messages v1"


class SealingError(Exception):
    """A token that no key of the keyring opens: unknown key, or changed text."""


@dataclass(frozen=True)
class Key:
    key_id: str
    cipher: AESGCM


def key_id(secret: bytes) -> str:
    """Eight hex digits naming a key; they reveal nothing useful about it."""
    return hashlib.sha256(b"alongside key id:" + secret).hexdigest()[:8]


class Keyring:
    """Keys in order of preference: the first seals, any of them opens."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise ImproperlyConfigured("A keyring needs at least one key.")
        self._keys = [Key(key_id(secret), AESGCM(secret)) for secret in keys]
        self._by_id: dict[str, Key] = {}
        for key in self._keys:
            self._by_id.setdefault(key.key_id, key)

    @property
    def current_id(self) -> str:
        return self._keys[0].key_id

    def is_current(self, token: str) -> bool:
        return token.startswith(f"{self.current_id}:")

    def seal(self, text: str, *, context: str) -> str:
        """`key id:base64(nonce, ciphertext, tag)`, bound to `context`."""
        key = self._keys[0]
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = key.cipher.encrypt(nonce, text.encode(), context.encode())
        encoded = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{key.key_id}:{encoded}"

    def open(self, token: str, *, context: str) -> str:
        """The text of a token sealed for `context` by any key in the keyring."""
        name, _colon, encoded = token.partition(":")
        key = self._by_id.get(name)
        if key is None:
            raise SealingError(f"No key {name!r} in ALONGSIDE_MESSAGE_KEYS.")
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            text = key.cipher.decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()
            )
        except (InvalidTag, ValueError, binascii.Error) as error:
            raise SealingError(f"A token under key {name!r} did not open.") from error
        return text.decode()


def derive_key(secret_key: str) -> bytes:
    """The stand-in key for local use and tests, from SECRET_KEY."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=DERIVED_KEY_INFO
    ).derive(secret_key.encode())


def decode_key(value: str, position: int) -> bytes:
    """One key from the setting, standard or URL-safe base64; never echoed back."""
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        secret = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        secret = b""
    if len(secret) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"Key {position} in ALONGSIDE_MESSAGE_KEYS is not {KEY_BYTES} random "
            "bytes in base64 (docs/deploy.md says how to make one)."
        )
    return secret


def new_key() -> str:
    """A fresh key for ALONGSIDE_MESSAGE_KEYS."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


@cache
def _keyring(values: tuple[str, ...], secret_key: str) -> Keyring:
    keys = [decode_key(value, n) for n, value in enumerate(values, 1) if value.strip()]
    return Keyring(keys or [derive_key(secret_key)])


def keyring() -> Keyring:
    """The keyring the settings describe (built once per distinct setting)."""
    values = tuple(getattr(settings, "ALONGSIDE_MESSAGE_KEYS", ()))
    return _keyring(values, settings.SECRET_KEY)
