"""The WBS's cryptography, on libsodium (PyNaCl). No database, no Django: plain functions the
services call and the tests check directly.

- Each report has its own random *data key*; the report's text, messages and files are
  encrypted with it (XSalsa20-Poly1305, `SecretBox`: tampering is detected).
- The data key is *sealed* (`SealedBox`, X25519) to each recipient's public key, to the
  custodians' and to the offline escrow key, and wrapped for the reporter under a key derived
  from their receipt code. The reporter's identity has a data key of its own, sealed to the
  custodians and the escrow key only.
- A recipient's private key is stored encrypted under a key derived (argon2id) from their
  passphrase; the server never holds it in the clear outside a request.
- The receipt code (16 digits) is stored only as an argon2id hash with the installation's salt,
  which also gives the reporter's wrapping key (the other half of the derived bytes).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from nacl import exceptions, pwhash, utils
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox

KDF = pwhash.argon2id
KEY_BYTES = SecretBox.KEY_SIZE  # 32
SALT_BYTES = KDF.SALTBYTES  # 16
RECEIPT_DIGITS = 16


class CryptoFailure(Exception):
    """A wrong passphrase or code, or a ciphertext that was altered: nothing is decrypted."""


@dataclass(frozen=True)
class KdfCost:
    """argon2id's cost: operations and memory (bytes)."""

    ops: int
    mem: int


@dataclass(frozen=True)
class WrappedKey:
    """A private key encrypted under a passphrase, with what is needed to derive that key."""

    public: bytes
    wrapped: bytes
    salt: bytes
    cost: KdfCost


def derive_key(secret: str, salt: bytes, cost: KdfCost, size: int = KEY_BYTES) -> bytes:
    return KDF.kdf(size, secret.encode("utf-8"), salt, opslimit=cost.ops, memlimit=cost.mem)


# -- symmetric -------------------------------------------------------------------------------


def data_key() -> bytes:
    return utils.random(KEY_BYTES)


def encrypt(key: bytes, plaintext: bytes) -> bytes:
    return bytes(SecretBox(key).encrypt(plaintext))  # nonce ‖ ciphertext ‖ tag


def decrypt(key: bytes, ciphertext: bytes) -> bytes:
    try:
        return SecretBox(key).decrypt(bytes(ciphertext))
    except (exceptions.CryptoError, ValueError, TypeError) as exc:
        raise CryptoFailure("the ciphertext can't be opened with this key") from exc


# -- key pairs -------------------------------------------------------------------------------


def keypair_new(passphrase: str, cost: KdfCost) -> tuple[WrappedKey, PrivateKey]:
    private = PrivateKey.generate()
    return wrap_private(private, passphrase, cost), private


def wrap_private(private: PrivateKey, passphrase: str, cost: KdfCost) -> WrappedKey:
    salt = utils.random(SALT_BYTES)
    key = derive_key(passphrase, salt, cost)
    return WrappedKey(bytes(private.public_key), encrypt(key, bytes(private)), salt, cost)


def unwrap_private(wrapped: WrappedKey, passphrase: str) -> PrivateKey:
    key = derive_key(passphrase, bytes(wrapped.salt), wrapped.cost)
    try:
        private = PrivateKey(decrypt(key, wrapped.wrapped))
    except CryptoFailure as exc:
        raise CryptoFailure("wrong passphrase") from exc
    if bytes(private.public_key) != bytes(wrapped.public):
        raise CryptoFailure("the key does not match its public half")
    return private


def private_from_bytes(raw: bytes) -> PrivateKey:
    try:
        return PrivateKey(bytes(raw))
    except (exceptions.CryptoError, ValueError, TypeError) as exc:
        raise CryptoFailure("not a private key") from exc


def seal(public: bytes, secret: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public))).encrypt(secret))


def unseal(private: PrivateKey, sealed: bytes) -> bytes:
    try:
        return SealedBox(private).decrypt(bytes(sealed))
    except (exceptions.CryptoError, ValueError, TypeError) as exc:
        raise CryptoFailure("the sealed key is not for this private key, or was altered") from exc


# -- receipt codes ---------------------------------------------------------------------------


def receipt_new() -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(RECEIPT_DIGITS))


def receipt_normal(code: str) -> str | None:
    """The 16 digits, whatever spaces or dashes the reporter typed; None when it isn't one."""
    digits = "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")
    return digits if len(digits) == RECEIPT_DIGITS and digits.isdigit() and digits.isascii() else None


def receipt_shown(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_derive(code: str, salt: bytes, cost: KdfCost) -> tuple[str, bytes]:
    """(the lookup hash stored with the report, the reporter's wrapping key never stored)."""
    derived = derive_key(code, salt, cost, size=2 * KEY_BYTES)
    return derived[:KEY_BYTES].hex(), derived[KEY_BYTES:]
