"""A request as the public form files it, with what a test changes."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from zona.ppid.services import request_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit(unit, received_on=date(2024, 4, 1), **extra):
    values = dict(
        name="Budi",
        applicant_type="perorangan",
        address="Jl. Merdeka 1, Palembang",
        contact="budi@example.org",
        subject="DPT Kecamatan Ilir Barat",
        information="Salinan DPT 2024",
        purpose="Penelitian skripsi",
        obtain_method="salinan_soft",
        delivery="email",
        identity=SimpleUploadedFile("ktp.pdf", PDF),
        received_on=received_on,
    )
    values.update(extra)
    return request_submit(unit=unit, **values)
