"""`zona demo`: the KPU unit tree, demo people with roles, and the seed decree's plan."""

import secrets
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from zona.lib.periods import period_before, period_containing
from zona.orgs.loaders import units_load
from zona.orgs.models import Role, Unit
from zona.orgs.services import role_grant
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Plan, PlanStatus
from zona.plans.services import plan_import, plan_set_status

SEED = Path(__file__).resolve().parents[3] / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"

# username, full name, unit code, role, over descendants
PEOPLE = [
    ("koordinator", "Ketua Tim Kerja ZI", "SUMSEL", Role.COORDINATOR, False),
    ("pic", "Kasubbag Umum (PIC)", "SUMSEL", Role.PIC, False),
    ("tpi", "Inspektorat (TPI)", "SUMSEL", Role.REVIEWER, True),
    ("admin.sumsel", "Admin KPU Sumsel", "SUMSEL", Role.ADMIN, False),
    ("pimpinan", "Pimpinan KPU RI", "RI", Role.VIEWER, True),
    ("palembang", "Koordinator ZI KPU Kota Palembang", "SUMSEL-PALEMBANG", Role.COORDINATOR, False),
    ("pengaduan", "Petugas Pengaduan", "SUMSEL", Role.COMPLAINT_OFFICER, False),
    ("koor.pengaduan", "Koordinator Pengaduan", "SUMSEL", Role.COMPLAINT_SUPERVISOR, False),
    ("apip", "Inspektorat (pengaduan integritas)", "SUMSEL", Role.APIP, False),
    ("ppid", "Petugas PPID", "SUMSEL", Role.PPID_OFFICER, False),
    ("atasan.ppid", "Sekretaris (Atasan PPID)", "SUMSEL", Role.ATASAN_PPID, False),
    ("penerima.wbs", "Inspektorat (penerima WBS)", "SUMSEL", Role.WBS_RECIPIENT, False),
    ("kustodian.wbs", "Sekretaris (kustodian WBS)", "SUMSEL", Role.WBS_CUSTODIAN, False),
    ("upg", "Unit Pengendalian Gratifikasi", "SUMSEL", Role.UPG_OFFICER, False),
]


# (code, objective, statement, cause, (likelihood, impact), existing controls, control action, target)
DEMO_RISKS = [
    ("R01", "Pelayanan informasi publik tepat waktu", "Permohonan informasi dijawab lewat 10 hari kerja",
     "Petugas PPID merangkap tugas", (4, 3), "SOP layanan informasi", "Piket PPID harian", "Januari - Maret"),
    ("R02", "Tahapan pemilu berintegritas", "Gratifikasi kepada petugas tahapan",
     "Interaksi langsung dengan peserta pemilu", (3, 5), "Pakta integritas", "Sosialisasi UPG",
     "Triwulan II"),
    ("R03", "Data pemilih akurat", "Pemilih ganda dalam DPT", "Data kependudukan belum mutakhir", (3, 4),
     "Pencocokan dan penelitian", "Analisis kegandaan mingguan", "Juli - Desember"),
    ("R04", "Pengelolaan keuangan akuntabel", "Keterlambatan pertanggungjawaban anggaran",
     "Bukti belanja tidak lengkap", (2, 3), "", "Checklist SPJ", "Triwulan IV"),
]  # fmt: skip


class Command(BaseCommand):
    def _monev(self, plan, people) -> None:
        """A closed first quarter and an open second one, so the dashboard has a trend."""
        from datetime import date

        from zona.monev.models import Team, TeamKind
        from zona.monev.services import (
            agent_change_record,
            cycle_close,
            cycle_open,
            finding_create,
            meeting_create,
            step_report,
            team_member_add,
            team_save,
        )

        steps = list(ActionStep.objects.filter(indicator__component__area__plan=plan).order_by("pk")[:8])
        q1 = cycle_open(plan=plan, quarter=1, by=people["koordinator"])
        for index, step in enumerate(steps[:5]):
            status = "selesai" if index < 2 else "berjalan"
            step_report(cycle=q1, step=step, status=status, progress=50, note="", by=people["pic"])
        finding_create(
            plan=plan,
            title="SOP pelayanan belum direviu bersama pemangku kepentingan",
            owner=people["pic"],
            due_date=date(2023, 6, 30),
            by=people["tpi"],
            cycle=q1,
        )
        meeting_create(
            plan=plan,
            cycle=q1,
            date=date(2023, 3, 28),
            title="Rapat monev pembangunan ZI triwulan I",
            agenda="Capaian langkah aksi triwulan I; temuan TPI",
            leader_present=True,
            leader_name="Ketua KPU Provinsi Sumatera Selatan",
            attendees=[people["koordinator"], people["pic"], people["tpi"]],
            by=people["koordinator"],
        )
        cycle_close(cycle=q1, by=people["koordinator"], summary="Tim ZI terbentuk; SOP perlu direviu.")
        agents = team_save(
            team=Team(
                unit=plan.unit,
                kind=TeamKind.CHANGE_AGENTS,
                decree_number="SK Agen Perubahan 2023",
                period_start=date(2023, 1, 1),
                period_end=date(2023, 12, 31),
            ),
            by=people["koordinator"],
        )
        for name, change, integration in (
            (
                "Rina (Subbag Umum)",
                "Antrean layanan informasi dengan nomor urut daring",
                "SOP Layanan Informasi",
            ),
            ("Dedi (Subbag Hukum)", "Papan jadwal tahapan di ruang tunggu", ""),
        ):
            member = team_member_add(
                team=agents, name=name, team_role="Agen perubahan", by=people["koordinator"]
            )
            agent_change_record(
                member=member,
                title=change,
                made_on=date(2023, 3, 15),
                integrated=bool(integration),
                integration=integration,
                by=people["koordinator"],
            )
        q2 = cycle_open(plan=plan, quarter=2, by=people["koordinator"])
        for step in steps[2:4]:
            step_report(cycle=q2, step=step, status="selesai", progress=100, note="", by=people["pic"])

    help = "Load demo data: KPU units, demo users (new passwords printed), the seed plan."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="one password for every demo user (default: random)")

    @transaction.atomic
    def handle(self, *args, **options):
        count = units_load()
        User = get_user_model()
        logins = []
        password = options["password"] or secrets.token_urlsafe(9)
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
            role_grant(
                user=user, unit=Unit.objects.get(code=code), role=role, include_descendants=descendants
            )
            people[username] = user
            logins.append((username, f"{role.label} · {code}"))
        sumsel = Unit.objects.get(code="SUMSEL")
        plan = Plan.objects.filter(unit=sumsel, year=2023).first()
        if plan is None:
            parsed = read_plan(SEED.read_bytes(), SEED.name)
            plan = plan_import(parsed=parsed, unit=sumsel, by=people["koordinator"], source_name=SEED.name)
            # Give the PIC the steps of the first two areas, so "My tasks" has content.
            steps = ActionStep.objects.filter(
                indicator__component__area__plan=plan, indicator__component__area__code__in=["I", "II"]
            )
            steps.update(pic=people["pic"])
            plan_set_status(plan=plan, status=PlanStatus.ESTABLISHED, by=people["koordinator"])
        if not plan.cycles.exists():
            self._monev(plan, people)
        palembang = Unit.objects.get(code="SUMSEL-PALEMBANG")
        if not Plan.objects.filter(unit=palembang, year=2023).exists():
            plan_import(
                parsed=read_plan(SEED.read_bytes(), SEED.name),
                unit=palembang,
                by=people["palembang"],
                source_name=SEED.name,
            )
        from zona.portal.models import PortalSettings

        PortalSettings.objects.get_or_create(
            unit=sumsel,
            defaults={
                # the channels the seed decree (Lampiran I, area 5) lists
                "address": "Kantor KPU Provinsi Sumatera Selatan, Palembang",
                "whatsapp": "08877849857",
                "website": "https://sumsel.kpu.go.id/",
                "links": "e-PPID | https://sumselppid.kpu.go.id/\nAplikasi JDIH | https://bit.ly/appjdihkpusumsel",
            },
        )
        passphrase, receipt = self._integrity(sumsel, people, password)
        self._surveys(sumsel, plan, people)
        self._registers(sumsel, plan, people)
        self._lke(sumsel, plan, people)
        self.stdout.write(f"Units: {count}. Plan: {plan} ({plan.get_status_display()}).")
        self.stdout.write(f"Demo logins (password for all: {password}):")
        for username, what in logins:
            self.stdout.write(f"  {username:<14} {what}")
        self.stdout.write(
            "Unit admins, superusers and the WBS and UPG people set up two-factor sign-in "
            "at their first sign-in."
        )
        self.stdout.write(f"WBS key passphrase of penerima.wbs and kustodian.wbs: {passphrase}")
        if receipt:
            self.stdout.write(f"Receipt code of the demo WBS report (at /wbs/lacak/): {receipt}")

    def _integrity(self, unit, people, password) -> tuple[str, str]:
        """WBS keys for the recipient and the custodian (a demo report sealed to them), a UPG with
        a report, the public campaign, and the unit's main functions with their conflict map."""
        from zona.coi.models import MainFunction
        from zona.coi.services import function_add, risk_add
        from zona.gratification.models import GratificationReport
        from zona.gratification.services import report_create
        from zona.integrity.models import Socialisation
        from zona.integrity.services import socialisation_record
        from zona.wbs.demo import demo_report

        passphrase, receipt = demo_report(unit=unit, people=people, password=password)
        today = timezone.localdate()
        if not GratificationReport.objects.filter(unit=unit).exists():
            report_create(
                unit=unit,
                reporter=people["pic"],
                fields={
                    "kind": "diterima",
                    "category": "ceremony",
                    "form": "barang",
                    "description": "Bingkisan pada pernikahan anak (contoh)",
                    "value": Decimal(2_000_000),
                    "received_on": today,
                    "place": "Palembang",
                    "giver_name": "Rekanan pengadaan (contoh)",
                    "giver_relationship": "Penyedia barang/jasa",
                    "occasion": "Pernikahan anak",
                    "chronology": "Diantar ke rumah oleh kurir.",
                    "handed_over": True,
                },
            )
        if not Socialisation.objects.filter(unit=unit).exists():
            socialisation_record(
                unit=unit,
                topic="gratifikasi",
                held_on=today,
                title="Spanduk “Tolak Gratifikasi” di ruang layanan",
                channel="spanduk",
                by=people["upg"],
            )
        if not MainFunction.objects.filter(unit=unit).exists():
            by = people["koordinator"]
            for name, kind, source, situation, control in [
                (
                    "Pencalonan",
                    "kerabat",
                    "afiliasi",
                    "Calon yang berkerabat dengan verifikator",
                    "Verifikator mundur, diganti",
                ),
                (
                    "Pengadaan barang/jasa",
                    "hubungan_usaha",
                    "kewenangan",
                    "Penyedia dikenal pejabat pengadaan",
                    "Pakta integritas, panitia lain",
                ),
                (
                    "Layanan informasi publik",
                    "informasi",
                    "kepentingan_pribadi",
                    "Data pemohon dipakai di luar layanan",
                    "Akses data dibatasi",
                ),
            ]:
                risk_add(function=function_add(unit=unit, name=name, by=by), kind=kind, source=source,
                         description=situation, control=control, by=by)  # fmt: skip
        return passphrase, receipt

    def _surveys(self, unit, plan, people) -> None:
        """Two services with a published standard; last quarter's SKM published with a follow-up
        in the plan; this quarter's SKM and IPKP open for answers (their QR posters work)."""
        import random

        from zona.surveys.answers import response_submit
        from zona.surveys.models import Channel, Service
        from zona.surveys.service_standards import standard_publish, standard_save
        from zona.surveys.services import (
            follow_up_create,
            service_add,
            survey_create,
            survey_posted,
            survey_publish,
        )
        from zona.surveys.standards import COMPONENTS

        if Service.objects.filter(unit=unit).exists():
            return
        by = people["koordinator"]
        today = timezone.localdate()
        previous, current = period_before(today), period_containing(today)
        info = service_add(unit=unit, name="Layanan informasi publik (PPID)", by=by)
        data = service_add(unit=unit, name="Layanan data pemilih", by=by)
        for service in (info, data):
            standard = standard_save(
                service=service,
                components={
                    key: f"{label} untuk {service.name} (contoh)" for key, label in COMPONENTS.items()
                },
                maklumat="Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
                "pelayanan yang telah ditetapkan, tanpa pungutan dan tanpa diskriminasi.",
                effective_on=previous[0],
                decree_number="Keputusan KPU Provinsi Sumatera Selatan (contoh)",
                other_media="Papan pengumuman di ruang layanan",
                by=by,
            )
            standard_publish(standard=standard, by=by)
        rng = random.Random(2023)
        # 75 service users in the quarter need 63 respondents (Krejcie & Morgan): the 64 below reach
        # the sample, so the survey counts for LKE A.I.6.iv.a
        past = survey_create(unit=unit, service=info, definition_key="skm@2017", period_start=previous[0],
                             period_end=previous[1], population=75, by=by)  # fmt: skip
        for _ in range(64):
            low = 2 if rng.random() < 0.3 else 3  # U3 (time) the weakest, as often in real surveys
            answers = {f"U{i}": rng.choice([3, 4, 4]) for i in range(1, 10)} | {"U3": rng.choice([low, 3])}
            response_submit(survey=past, answers=answers, channel=Channel.PAPER, by=by,
                            profile={"sex": rng.choice(["Laki-laki", "Perempuan"]),
                                     "education": rng.choice(["SMA/SMK", "D4/S1"])})  # fmt: skip
        survey_publish(survey=past, by=by)
        survey_posted(survey=past, day=today, by=by)
        indicator = plan.areas.order_by("-code").first().components.first().indicators.first()
        follow_up_create(survey=past, item_key="U3", indicator=indicator,
                         text="Menambah petugas layanan informasi pada jam sibuk", pic=people["pic"],
                         due_on=current[1], by=by)  # fmt: skip
        for key in ("skm@2017", "ipkp@1"):
            survey_create(unit=unit, service=info, definition_key=key, period_start=current[0],
                          period_end=current[1], population=400, by=by)  # fmt: skip

    def _registers(self, unit, plan, people) -> None:
        """The plan year's risk register (control actions, one reported in the open quarter),
        three SOPs (one service SOP, one review overdue, one due soon), the recap registers behind
        the Reform figures, and the performance agreements of the plan year and the one before."""
        from zona.demo.derived import derived_records, recap_records
        from zona.risks import services as risks
        from zona.risks.models import Register

        if Register.objects.filter(unit=unit).exists():
            return
        by, year = people["koordinator"], plan.year
        register = risks.register_open(unit=unit, year=year, by=by)
        for code, objective, statement, cause, scores, controls, activity, target in DEMO_RISKS:
            values = {"code": code, "objective": objective, "statement": statement, "cause": cause,
                      "likelihood": scores[0], "impact": scores[1], "controls": controls,
                      "category": "Operasional", "source": "internal"}  # fmt: skip
            risk = risks.risk_save(register=register, owner=people["pic"], by=by, values=values)
            values = {"response": "kurangi", "activity": activity, "target_text": f"{target} {year}",
                      "output": "Laporan pelaksanaan"}  # fmt: skip
            risks.action_add(risk=risk, owner=people["pic"], by=by, values=values)
        cycle = plan.cycles.filter(status="open").first()
        if cycle is not None:
            action = register.risks.get(code="R01").actions.get()
            risks.realisation_record(
                action=action,
                cycle=cycle,
                status="berjalan",
                progress=60,
                note="Jadwal piket ditetapkan",
                by=people["pic"],
                residual=(2, 3),
            )
        self._sops(unit, by)
        recap_records(unit, year, by)
        derived_records(unit, year, people)
        self._performance(unit, year, by)

    def _sops(self, unit, by) -> None:
        from datetime import date, timedelta

        from zona.sops.services import sop_create

        today = timezone.localdate()
        for title, process, service, approved in (
            ("SOP Pelayanan Informasi Publik", "Layanan PPID", True, today - timedelta(days=400)),
            ("SOP Penanganan Pengaduan", "Pengelolaan pengaduan", True, date(today.year - 4, 3, 1)),
            ("SOP Pengelolaan Arsip", "", False, today - timedelta(days=3 * 365 - 30)),
        ):
            upload = SimpleUploadedFile("sop.pdf", b"%PDF-1.4 SOP (contoh)", content_type="application/pdf")
            sop_create(unit=unit, title=title, process=process, is_service=service, code=f"SOP/{title[4:12]}",
                       approved_on=approved, signer="Ketua KPU Provinsi Sumatera Selatan", by=by,
                       upload=upload)  # fmt: skip

    def _performance(self, unit, year, by) -> None:
        from decimal import Decimal

        from zona.performance import services as performance

        for agreement_year, turnout, innovations in ((year - 1, "72", "3"), (year, "79.2", "4")):
            agreement = performance.agreement_open(unit=unit, year=agreement_year, by=by)
            targets = [
                performance.target_add(agreement=agreement, code=code, text=text, by=by)
                for code, text in (
                    ("SS1", "Meningkatnya partisipasi pemilih"),
                    ("SS2", "Meningkatnya kualitas layanan"),
                )
            ]
            last = Decimal("72") if agreement_year == year else None
            for target, name, measure, annual, value, before in (
                (targets[0], "Tingkat partisipasi pemilih", "%", "77.5", turnout, last),
                (targets[1], "Inovasi layanan", "inovasi", "4", innovations, Decimal(3) if last else None),
            ):
                values = {
                    "name": name,
                    "measure": measure,
                    "annual_target": Decimal(annual),
                    "last_year": before,
                }
                indicator = performance.indicator_add(target=target, by=by, values=values)
                performance.realisation_record(
                    indicator=indicator, quarter=4, value=Decimal(value), note="", by=by
                )
        performance.target_add(
            agreement=agreement,
            code="SS1.1",
            text="Sosialisasi pemilih pemula",
            parent=targets[0],
            level="tim",
            holder="Tim Partisipasi Masyarakat",
            by=by,
        )

    def _lke(self, unit, plan, people) -> None:
        """The plan year's LKE: a filled self-assessment (the answers of a real unit's 2024 LKE),
        submitted, reviewed by the TPI with a few answers marked down, and final."""
        from pathlib import Path

        from zona.lke.models import Assessment, Level
        from zona.lke.services import (
            answer_save,
            assessment_create,
            assessment_finalize,
            assessment_submit,
            sheet_import,
        )

        if Assessment.objects.filter(unit=unit, year=plan.year).exists():
            return
        rows = (
            (Path(__file__).resolve().parents[2] / "data" / "lke_answers.csv")
            .read_text("utf-8")
            .splitlines()[1:]
        )
        values = dict(line.split(",", 1) for line in rows if line.strip())
        assessment = assessment_create(unit=unit, year=plan.year, by=people["koordinator"])
        sheet_import(
            assessment=assessment, values=values, notes={}, source="LKE contoh", by=people["koordinator"]
        )
        assessment_submit(assessment=assessment, by=people["koordinator"])
        for ref, raw, why in (("A.I.1.i.b", "B", "SK tim belum memuat uraian tugas per area"),
                              ("A.I.3.iii.d", "C", "Baru sebagian pegawai memperoleh 20 JP")):  # fmt: skip
            if ref in values:
                answer_save(
                    assessment=assessment, level=Level.TPI, ref=ref, raw=raw, by=people["tpi"], note=why
                )
        assessment_finalize(assessment=assessment, by=people["tpi"])
