"""The small helpers every module relies on: the client address behind proxies, spreadsheets that
keep user text as text, numbers from junk input, download names, links in decree text."""

import io
import ipaddress

from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from zona.lib.net import client_ip
from zona.lib.text import as_int, clean, safe_filename
from zona.lib.xlsx import xlsx_bytes

rf = RequestFactory()


def request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


@override_settings(ZONA_TRUSTED_PROXIES=[])
@given(st.ip_addresses(v=4).map(str), st.text(max_size=60))
def test_without_trusted_proxies_a_forwarded_header_is_ignored(remote, forged):
    assert client_ip(request(remote, forged)) == remote


@override_settings(ZONA_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_is_the_first_untrusted_hop():
    assert client_ip(request("10.0.0.5", "198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"
    assert client_ip(request("10.0.0.5", "10.1.1.1, 10.2.2.2")) == "10.1.1.1"  # all trusted: the first
    assert client_ip(request("10.0.0.5", "junk, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("10.0.0.5", "198.51.100.7, junk")) == "10.0.0.5"  # malformed nearest hop
    assert client_ip(request("203.0.113.1", "198.51.100.7")) == "203.0.113.1"  # not from our proxy
    assert client_ip(request("10.0.0.5")) == "10.0.0.5"


@override_settings(ZONA_TRUSTED_PROXIES=["127.0.0.1"])
@given(st.lists(st.ip_addresses(v=4).map(str), min_size=1, max_size=4))
def test_a_client_cannot_choose_its_own_address_through_the_proxy(chain):
    # whatever the client puts first, the proxy appends the address it saw: that one is used
    seen = chain[-1]
    result = client_ip(request("127.0.0.1", ", ".join(chain)))
    assert result == seen or ipaddress.ip_address(seen).is_loopback


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))  # XML can't hold control characters


@given(st.sampled_from("=+-@"), st.text(PRINTABLE, max_size=40))
def test_user_text_is_written_as_text_never_as_a_formula(first, rest):
    text = first + rest
    content = xlsx_bytes(lambda book: book.add_worksheet("S").write(0, 0, text))
    cell = load_workbook(io.BytesIO(content)).active["A1"]
    assert cell.data_type == "s" and cell.value == text


@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(allow_nan=True)))
def test_as_int_never_raises(value):
    result = as_int(value, default=-1)
    assert isinstance(result, int)


def test_as_int_reads_numbers_and_refuses_the_rest():
    assert as_int(" 42 ") == 42 and as_int("abc") is None and as_int("4.5") is None
    assert as_int("99999999999999999999") is None  # too large for a database column
    assert as_int("-3", default=0) == -3


def test_a_download_is_named_by_the_type_found_in_its_content():
    assert safe_filename("laporan.exe", ".pdf") == "laporan.pdf"
    assert safe_filename("../../etc/passwd", ".txt") == "passwd.txt"
    assert safe_filename("C:\\Users\\x\\surat.doc", ".docx") == "surat.docx"
    assert safe_filename("", ".png") == "berkas.png"
    assert safe_filename("SK Tim (final).docx", ".docx") == "SK Tim (final).docx"


def test_decree_text_keeps_its_web_addresses():
    assert clean("E-PPID dapat diakses di alamat <https://sumselppid.kpu.go.id/>") == (
        "E-PPID dapat diakses di alamat https://sumselppid.kpu.go.id/"
    )
    assert clean("lihat [JDIH](https://bit.ly/jdih)") == "lihat JDIH (https://bit.ly/jdih)"
    assert clean("<b>tebal</b> **x**") == "tebal x"


def test_a_refused_file_is_named_and_described_in_words():
    """A form can take several files: the refusal names the one refused and says what it is in
    words, never only its MIME type."""
    import io

    import pytest
    from django.utils import translation

    from zona.lib.files import FileRejected, inspect_file

    upload = io.BytesIO(bytes([7, 13, 250, 1]) * 300)  # nothing libmagic knows
    upload.name = "C:\\\\Users\\\\rina\\\\laporan.bin"
    with translation.override("id"), pytest.raises(FileRejected) as refused:
        inspect_file(upload, max_bytes=10**6)
    message = str(refused.value)
    assert message.startswith("“laporan.bin”: ")  # the name only, not the sender's folders
    assert "tidak dikenali" in message and "application/octet-stream" not in message
    assert "Yang diterima: PDF" in message
