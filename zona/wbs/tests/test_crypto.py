"""The WBS's cryptography on its own: round trips, tampering detected, wrong keys refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zona.wbs import crypto

CHEAP = crypto.KdfCost(1, 64 * 1024)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=4096))
def test_encrypt_round_trip_and_any_altered_byte_is_refused(data):
    key = crypto.data_key()
    sealed = crypto.encrypt(key, data)
    assert crypto.decrypt(key, sealed) == data
    for position in (0, len(sealed) // 2, len(sealed) - 1):
        altered = bytearray(sealed)
        altered[position] ^= 0x01
        with pytest.raises(crypto.CryptoFailure):
            crypto.decrypt(key, bytes(altered))
    with pytest.raises(crypto.CryptoFailure):
        crypto.decrypt(crypto.data_key(), sealed)


@settings(max_examples=20, deadline=None)
@given(st.binary(min_size=1, max_size=64))
def test_sealed_keys_open_only_with_their_private_key(secret):
    wrapped, private = crypto.keypair_new("frasa sandi yang panjang", CHEAP)
    _other_wrapped, other = crypto.keypair_new("frasa sandi lain lagi", CHEAP)
    sealed = crypto.seal(wrapped.public, secret)
    assert crypto.unseal(private, sealed) == secret
    with pytest.raises(crypto.CryptoFailure):
        crypto.unseal(other, sealed)


def test_a_private_key_opens_only_with_its_passphrase():
    wrapped, private = crypto.keypair_new("frasa sandi yang panjang", CHEAP)
    assert bytes(crypto.unwrap_private(wrapped, "frasa sandi yang panjang")) == bytes(private)
    with pytest.raises(crypto.CryptoFailure):
        crypto.unwrap_private(wrapped, "frasa sandi yang salah!!")
    assert b"frasa" not in wrapped.wrapped and bytes(private) not in wrapped.wrapped


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=40))
def test_receipt_codes_are_16_digits_whatever_is_typed(text):
    normal = crypto.receipt_normal(text)
    assert normal is None or (len(normal) == 16 and normal.isdigit())


def test_receipt_code_formats_and_derivation():
    code = crypto.receipt_new()
    assert len(code) == 16 and code.isdigit()
    shown = crypto.receipt_shown(code)
    assert crypto.receipt_normal(shown) == code and crypto.receipt_normal(shown.replace(" ", "-")) == code
    salt = b"s" * crypto.SALT_BYTES
    lookup, wrap = crypto.receipt_derive(code, salt, CHEAP)
    assert crypto.receipt_derive(code, salt, CHEAP) == (lookup, wrap)  # deterministic: a lookup key
    assert len(lookup) == 64 and wrap.hex() not in lookup
    assert crypto.receipt_derive(code, b"t" * crypto.SALT_BYTES, CHEAP)[0] != lookup
    assert crypto.receipt_normal("1234 5678 9012 345") is None  # 15 digits
    assert crypto.receipt_normal("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦") is None  # not ASCII digits
