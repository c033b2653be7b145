"""The national data builders live in the package (`zona.ops.national`, also behind
`zona national-dataset`); the benchmarks import them from here."""

from zona.ops.national import (  # noqa: F401 - re-exported for the benchmarks
    EVIDENCE,
    UNITS,
    close_four_cycles,
    make_plans,
    make_units,
)


def make_units_bulk(total: int) -> list:
    """The 56 real units and regencies up to `total`, spread over the provinces, in bulk (the
    unit service is measured elsewhere), ordered by their path."""
    from zona.orgs.loaders import units_load
    from zona.orgs.models import Level, Unit

    units_load()
    provinces = list(Unit.objects.filter(level=Level.PROVINCE))
    rows = []
    for index in range(total - Unit.objects.count()):
        parent = provinces[index % len(provinces)]
        code = f"{parent.code}-B{index:04d}"
        rows.append(Unit(code=code, name=f"KPU Kabupaten {index}", slug=code.lower(), level=Level.REGENCY,
                         parent=parent, path=f"{parent.path}{code}/"))  # fmt: skip
    Unit.objects.bulk_create(rows, batch_size=1000)
    return list(Unit.objects.order_by("path"))
