"""A header row is recognised by the row as a whole: the registers' reader passes over a title
row that names two fields and takes the row most of whose cells are column names."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.lib.headers import mostly_named
from zona.lib.records import FieldSpec, read_records

SPECS = [
    FieldSpec("name", "Nama", required=True),
    FieldSpec("count", "Jumlah", type="int"),
    FieldSpec("note", "Keterangan"),
]


def test_a_title_row_that_names_two_fields_is_not_the_header():
    data = (
        b"Rekap Nama dan Jumlah pegawai,Nama,Jumlah,tahun 2026,dibuat oleh biro\n"
        b"Nama,Jumlah,Keterangan\n"
        b"Andi,3,baik\n"
    )
    (record,) = read_records(data, SPECS)
    assert record.row == 3 and record.values == {"name": "Andi", "count": 3, "note": "baik"}


def test_one_cell_is_never_a_header():
    assert not mostly_named(["Nama", "", ""], lambda c: c == "Nama")
    assert mostly_named(["Nama", "Jumlah", "x"], lambda c: c in {"Nama", "Jumlah"})
    assert not mostly_named(["Nama", "Jumlah", "x", "y"], lambda c: c in {"Nama", "Jumlah"})


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Nama", "Jumlah", "lain", "", "data"]), max_size=12))
def test_mostly_named_is_more_than_half_of_the_filled_cells(cells):
    named = sum(1 for c in cells if c in {"Nama", "Jumlah"})
    filled = sum(1 for c in cells if c)
    assert mostly_named(cells, lambda c: c in {"Nama", "Jumlah"}) == (named >= 2 and 2 * named > filled)
