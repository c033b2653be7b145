"""The demo's people: the superuser and the demo users with their roles (one password for all)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from zona.orgs.models import Role, Unit
from zona.orgs.services import role_grant

# username, full name, unit code, role, over descendants
PEOPLE = [
    ("koordinator", "Ketua Tim Kerja ZI", "SUMSEL", Role.COORDINATOR, False),
    ("pic", "Kasubbag Umum (PIC)", "SUMSEL", Role.PIC, False),
    ("tpi", "Inspektorat (TPI)", "SUMSEL", Role.REVIEWER, True),
    ("admin.sumsel", "Admin KPU Sumsel", "SUMSEL", Role.ADMIN, False),
    ("pimpinan", "Pimpinan KPU RI", "RI", Role.VIEWER, True),
    ("pimpinan.sumsel", "Pimpinan KPU Provinsi Sumatera Selatan", "SUMSEL", Role.VIEWER, True),
    ("palembang", "Koordinator ZI KPU Kota Palembang", "SUMSEL-PALEMBANG", Role.COORDINATOR, False),
    ("pengaduan", "Petugas Pengaduan", "SUMSEL", Role.COMPLAINT_OFFICER, False),
    ("koor.pengaduan", "Koordinator Pengaduan", "SUMSEL", Role.COMPLAINT_SUPERVISOR, False),
    ("apip", "Inspektorat (pengaduan integritas)", "SUMSEL", Role.APIP, True),
    ("ppid", "Petugas PPID", "SUMSEL", Role.PPID_OFFICER, False),
    ("atasan.ppid", "Sekretaris (Atasan PPID)", "SUMSEL", Role.ATASAN_PPID, False),
    ("penerima.wbs", "Inspektorat (penerima WBS)", "SUMSEL", Role.WBS_RECIPIENT, False),
    ("kustodian.wbs", "Sekretaris (kustodian WBS)", "SUMSEL", Role.WBS_CUSTODIAN, False),
    ("upg", "Unit Pengendalian Gratifikasi", "SUMSEL", Role.UPG_OFFICER, False),
]


def load(password: str) -> tuple[dict, list[tuple[str, str]]]:
    """The demo users by username, and the logins to print (username, what it is)."""
    User = get_user_model()
    logins = []
    superuser, _ = User.objects.get_or_create(
        username="admin", defaults={"first_name": "Administrator", "is_staff": True, "is_superuser": True}
    )
    superuser.set_password(password)
    superuser.save()
    logins.append(("admin", "superuser"))
    people = {}
    for username, name, code, role, descendants in PEOPLE:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
        user.set_password(password)
        user.save()
        role_grant(user=user, unit=Unit.objects.get(code=code), role=role, include_descendants=descendants)
        people[username] = user
        logins.append((username, f"{role.label} · {code}"))
    return people, logins
