"""The texts of zona/lke/data/derivations.yaml (`rules`),
repeated for makemessages (their msgids in locale/; the Indonesian is what users read).
Written by `python zona/lke/tests/test_data_translations.py --write`, which checks they are the
data file's texts."""

# ruff: noqa: E501
from django.utils.translation import gettext_noop

MSGIDS = (
    gettext_noop(
        "Ya when the year's Tim Kerja ZI is recorded with its decree; Tidak when the team has no decree."
    ),
    gettext_noop(
        "LKE ZI A.I.1.i.a (PermenPAN-RB 90/2021, tim kerja ditetapkan dengan surat keputusan pimpinan)"
    ),
    gettext_noop(
        "Ya when the year's work plan is established (ditetapkan) with its decree; Tidak while it is a draft."
    ),
    gettext_noop("LKE ZI A.I.1.ii.a (PermenPAN-RB 90/2021, rencana kerja pembangunan ZI)"),
    gettext_noop(
        "A when an established plan has priority targets (Lampiran I) in all six areas; B in some areas, or in all six of a plan still in draft; C in none."
    ),
    gettext_noop(
        "LKE ZI A.I.1.ii.a–b option texts (PermenPAN-RB 90/2021, target prioritas dalam dokumen pembangunan)"
    ),
    gettext_noop(
        "A when the leader attended an evaluation meeting and a monev cycle closed for every quarter ended; B the leader but not every quarter; C monev without the leader; D no monev."
    ),
    gettext_noop("LKE ZI A.I.1.iii.b option texts (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "The share of SOPs in force naming their business process, all B, some C, none D; A also asks for an innovation Zona cannot see."
    ),
    gettext_noop(
        "LKE ZI A.I.2.i.a option texts (PermenPAN-RB 90/2021); PermenPAN-RB 19/2018 (peta proses bisnis)"
    ),
    gettext_noop(
        "SOPs reviewed within the review period (zona/sops/data/review.yaml, three years by default, Zona's setting) and followed up; all A, most B, most not followed up C, some D, none E."
    ),
    gettext_noop(
        "LKE ZI A.I.2.i.c option texts (PermenPAN-RB 90/2021); no regulation names the review period"
    ),
    gettext_noop(
        "A when the Daftar Informasi Publik lists every category the law obliges and no periodic item is older than 6 months; B when at least one item is up to date but a category is missing or an item out of date; C when nothing is published up to date."
    ),
    gettext_noop(
        "LKE ZI A.I.2.iii.a option texts (PermenPAN-RB 90/2021); UU 14/2008 Pasal 9 (ayat 4, berkala every 6 months), 10, 11"
    ),
    gettext_noop(
        "B when the annual report on the information service was sent to the Komisi Informasi in the year; C when none was sent; A also needs its recommendations followed up (attach it)."
    ),
    gettext_noop(
        "LKE ZI A.I.2.iii.b option texts (PermenPAN-RB 90/2021); Perki 1/2021 Pasal 56 (laporan layanan informasi publik)"
    ),
    gettext_noop(
        "Ya when the rotation register holds a transfer between two different positions in the year; Tidak when its entries show none."
    ),
    gettext_noop("LKE ZI A.I.3.ii.a (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "The share of employees with at least 20 hours (JP) of competence development in the year, all A, more than half B, some C, none D."
    ),
    gettext_noop(
        "LKE ZI A.I.3.iii.d option texts (PermenPAN-RB 90/2021); PP 17/2020 Pasal 203 (20 JP a year)"
    ),
    gettext_noop(
        "Per employee, SKP assessments in distinct months (12 A), quarters (4 B), halves (2 C), any (D); the unit's answer is its least-measured employee's, E when an employee of the headcount has none."
    ),
    gettext_noop(
        "LKE ZI A.I.3.iv.c option texts (PermenPAN-RB 90/2021); PermenPAN-RB 6/2022 (penilaian kinerja pegawai)"
    ),
    gettext_noop(
        "A when every change in the rotation register is followed by an update of that employee's data; B updates but not after every change; C changes without any update."
    ),
    gettext_noop("LKE ZI A.I.3.vi.a option texts (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "B when the performance agreement is signed with its document; C when not signed; A asks for the leader in every stage (attach the minutes)."
    ),
    gettext_noop(
        "LKE ZI A.I.4.i.b option texts (PermenPAN-RB 90/2021); PermenPAN-RB 53/2014 (perjanjian kinerja)"
    ),
    gettext_noop("Ya when the performance agreement is signed and each sasaran has an indicator."),
    gettext_noop("LKE ZI A.I.4.ii.c (PermenPAN-RB 90/2021); PermenPAN-RB 53/2014"),
    gettext_noop(
        "The share of indicators with a formula, a unit of measure and a yearly target, all A, more than half B, some C, none D (an upper bound)."
    ),
    gettext_noop("LKE ZI A.I.4.ii.d option texts (PermenPAN-RB 90/2021, indikator SMART)"),
    gettext_noop("Indicators reported for the full year, all A, some B, none C."),
    gettext_noop(
        "LKE ZI A.I.4.ii.f option texts (PermenPAN-RB 90/2021); PermenPAN-RB 53/2014 (laporan kinerja)"
    ),
    gettext_noop(
        "Ya when quarterly realisations are recorded in Zona (a mechanism that gives performance information)."
    ),
    gettext_noop("LKE ZI A.I.4.ii.g (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "A when the gratification campaign was socialised in each half of the year; B done but not regularly; C not done."
    ),
    gettext_noop(
        "LKE ZI A.I.5.i.a option texts (PermenPAN-RB 90/2021); Peraturan KPK 2/2019 (pengendalian gratifikasi)"
    ),
    gettext_noop(
        "D no UPG officer; C a UPG without recorded work; B reports handled within KPK's deadline or a period recapped; A a recap (or nihil) for every period and no report late to KPK."
    ),
    gettext_noop(
        "LKE ZI A.I.5.i.b option texts (PermenPAN-RB 90/2021); UU 20/2001 Pasal 12C (30 working days to KPK); Peraturan KPK 2/2019"
    ),
    gettext_noop(
        "Risk assessment over the unit's processes (main functions and performance targets) — all B, more than half C, some D, none E; A also asks for an innovation."
    ),
    gettext_noop(
        "LKE ZI A.I.5.ii.b option texts (PermenPAN-RB 90/2021); PP 60/2008 (SPIP, penilaian risiko)"
    ),
    gettext_noop(
        'B ("melakukan kegiatan pengendalian") when at least one risk has a realisation of its control actions reported in a monev cycle, the share stated; C ("belum melakukan kegiatan pengendalian") only when none has; A also asks for an innovation.'
    ),
    gettext_noop(
        "LKE ZI A.I.5.ii.c option texts (PermenPAN-RB 90/2021); PP 60/2008 (SPIP, kegiatan pengendalian)"
    ),
    gettext_noop(
        'B ("seluruh kebijakan pengaduan ... sesuai dengan yang ditetapkan organisasi") when every complaint of the year is completed on time or still within its deadline and none was closed without a recorded completion; C otherwise (a completion after the deadline included), the cases named by count; A also asks for an innovation fitting the unit (attach its evidence).'
    ),
    gettext_noop(
        "LKE ZI A.I.5.iii.a option texts (PermenPAN-RB 90/2021); Perpres 76/2013 (pengelolaan pengaduan pelayanan publik)"
    ),
    gettext_noop(
        "Ya when every complaint to follow up is completed or still within its deadline and none was closed without a recorded completion; else Tidak."
    ),
    gettext_noop(
        "LKE ZI A.I.5.iii.b (PermenPAN-RB 90/2021); Perpres 76/2013; PermenPAN-RB 62/2018 (SP4N-LAPOR!)"
    ),
    gettext_noop(
        "B when the WBS channel is open with named recipients holding a key; C when it is not open; A also needs an innovation of the unit's own. The register is visible only to the WBS recipients; the answer uses aggregate figures."
    ),
    gettext_noop(
        "LKE ZI A.I.5.iv.a option texts (PermenPAN-RB 90/2021); PermenPAN-RB 8/2012 (whistleblowing system)"
    ),
    gettext_noop(
        "A when the WBS was evaluated in each half of the year; B evaluated but not regularly; C not evaluated."
    ),
    gettext_noop("LKE ZI A.I.5.iv.b option texts (PermenPAN-RB 90/2021)"),
    gettext_noop("A when every follow-up of the year's WBS evaluations is done; B some; C none."),
    gettext_noop("LKE ZI A.I.5.iv.c option texts (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "The share of main functions whose conflicts of interest were mapped in the year, all A, most B, some C, none D."
    ),
    gettext_noop(
        "LKE ZI A.I.5.v.a option texts (PermenPAN-RB 90/2021); PermenPAN-RB 37/2012 (penanganan benturan kepentingan)"
    ),
    gettext_noop(
        "The share of main functions where conflict-of-interest handling was socialised in the year, all A, most B, some C, none D."
    ),
    gettext_noop("LKE ZI A.I.5.v.b option texts (PermenPAN-RB 90/2021); PermenPAN-RB 37/2012"),
    gettext_noop(
        "The share of main functions applying conflict-of-interest handling, with its evidence uploaded, all A, most B, some C, none D."
    ),
    gettext_noop("LKE ZI A.I.5.v.c option texts (PermenPAN-RB 90/2021); PermenPAN-RB 37/2012"),
    gettext_noop(
        "A when conflict-of-interest handling was evaluated in each half of the year; B evaluated but not regularly; C not evaluated."
    ),
    gettext_noop("LKE ZI A.I.5.v.d option texts (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "A when every follow-up of the year's conflict-of-interest evaluations is done; B some; C none."
    ),
    gettext_noop("LKE ZI A.I.5.v.e option texts (PermenPAN-RB 90/2021)"),
    gettext_noop("Every active service has a service standard A, some B, none E."),
    gettext_noop(
        "LKE ZI A.I.6.i.a option texts (PermenPAN-RB 90/2021); PermenPAN-RB 15/2014 (standar pelayanan)"
    ),
    gettext_noop(
        "A every service's maklumat on the portal and on other media; B on the portal for some or all; C made but not published; D none."
    ),
    gettext_noop(
        'LKE ZI A.I.6.i.b option texts (PermenPAN-RB 90/2021, "dipublikasikan di website dan media lainnya"); PermenPAN-RB 15/2014'
    ),
    gettext_noop(
        "A review of the year using the survey and the complaints, with stakeholders A; without stakeholders B; other reviews C."
    ),
    gettext_noop("LKE ZI A.I.6.i.c option texts (PermenPAN-RB 90/2021); PermenPAN-RB 15/2014"),
    gettext_noop(
        "Ya when every active service's current standard and maklumat is published on the portal; else Tidak; the reason gives how many of the services are on the portal."
    ),
    gettext_noop(
        "LKE ZI A.I.6.i.d (PermenPAN-RB 90/2021); UU 25/2009 Pasal 15 (standar pelayanan dipublikasikan)"
    ),
    gettext_noop(
        "Offline and online channels used, a complaint officer appointed and every SP4N-LAPOR! complaint synced, A; no LAPOR! link B; no officer C; one kind of channel only D."
    ),
    gettext_noop(
        "LKE ZI A.I.6.iii.a option texts (PermenPAN-RB 90/2021); Perpres 76/2013; PermenPAN-RB 62/2018 (SP4N-LAPOR!)"
    ),
    gettext_noop(
        "SKM periods of the year that reached their sample, 4 or more A, 3 B, 2 C, 1 D, none E; a survey below its sample is named and not counted."
    ),
    gettext_noop(
        "LKE ZI A.I.6.iv.a option texts (PermenPAN-RB 90/2021); PermenPAN-RB 14/2017 (SKM, sample of Krejcie & Morgan)"
    ),
    gettext_noop(
        "Every period's SKM result published online and offline A; every period on one of the two B; otherwise C."
    ),
    gettext_noop("LKE ZI A.I.6.iv.b option texts (PermenPAN-RB 90/2021); PermenPAN-RB 14/2017"),
    gettext_noop("The year's SKM follow-up steps done, all A, more than half B, some C, none D."),
    gettext_noop("LKE ZI A.I.6.iv.c option texts (PermenPAN-RB 90/2021); PermenPAN-RB 14/2017"),
    gettext_noop(
        'The members of the year\'s change-agent team; the changes recorded for them ("agen;perubahan").'
    ),
    gettext_noop(
        "LKE ZI A.II.1.i.a Kriteria Nilai (PermenPAN-RB 90/2021, jumlah perubahan ÷ jumlah agen perubahan)"
    ),
    gettext_noop(
        'Of those changes, how many are integrated into the management system ("dibuat;terintegrasi").'
    ),
    gettext_noop("LKE ZI A.II.1.i.b Kriteria Nilai (PermenPAN-RB 90/2021)"),
    gettext_noop(
        "Violations last year and this year and those sanctioned, from the discipline register (each year must have entries or be declared nihil, which counts 0); the value follows the unit's choices disciplinary_formula and zero_violations."
    ),
    gettext_noop(
        "LKE ZI A.II.3.iii.a Kriteria Nilai (PermenPAN-RB 90/2021, (tahun lalu − tahun ini) ÷ tahun lalu); PP 94/2021 (disiplin PNS)"
    ),
    gettext_noop(
        "All sasaran of the performance agreement; met only when every indicator is reported for the full year and reaches its target; none met while the agreement is not signed."
    ),
    gettext_noop(
        "LKE ZI A.II.4.i.a Kriteria Nilai (PermenPAN-RB 90/2021, sasaran tercapai ≥ 100% ÷ jumlah sasaran); PermenPAN-RB 53/2014"
    ),
    gettext_noop(
        "No team or individual targets D; one not traced to a sasaran C; all traced B; A also every employee of the headcount holds an individual target."
    ),
    gettext_noop(
        "LKE ZI A.II.4.iii.a option texts (PermenPAN-RB 90/2021, Kerangka Logis Kinerja); PermenPAN-RB 89/2021 (cascading)"
    ),
    gettext_noop(
        "Complaints to follow up (received − rejected − passed on − archived), in process, and completed (closed after the follow-up was recorded as completed); 0 of 0 follows the unit's choice zero_complaints."
    ),
    gettext_noop(
        "LKE ZI A.II.5.ii.a Kriteria Nilai (PermenPAN-RB 90/2021, selesai ÷ harus ditindaklanjuti); Perpres 76/2013"
    ),
    gettext_noop(
        "Officials obliged to file the LHKPN in the year and those who filed (a person listed twice counts once)."
    ),
    gettext_noop("LKE ZI A.II.5.iii.a Kriteria Nilai (PermenPAN-RB 90/2021); Peraturan KPK 2/2020 (LHKPN)"),
    gettext_noop("Employees obliged to file the LHKASN / non-LHKPN report in the year and those who filed."),
    gettext_noop("LKE ZI A.II.5.iii.b Kriteria Nilai (PermenPAN-RB 90/2021); PermenPAN-RB 1/2015 (LHKASN)"),
    gettext_noop(
        "Services listed and services simplified in the year (the register of simplified services)."
    ),
    gettext_noop("LKE ZI A.II.6.i.b Kriteria Nilai (PermenPAN-RB 90/2021, dipermudah ÷ terdata)"),
    gettext_noop(
        "The index of the latest survey of the year that reached its sample, on the 1–4 scale (another scale converted, shown), rounded down to two decimals (never above the survey; 3.595 is 3.59, below the 3.60 minimum); a stand-in for the external IPAK the unit confirms; no survey at its sample gives no index and names each survey."
    ),
    gettext_noop(
        "LKE ZI Komponen Hasil B.1.a (PermenPAN-RB 90/2021, indeks persepsi anti korupsi 0–4); PermenPAN-RB 14/2017 (sample)"
    ),
    gettext_noop(
        "D a sasaran not met or not reported for the full year, or the agreement not signed; C all met, not shown better than last year; B met and better; A also every sasaran above 100% and above the peers' mean, counting only peers whose agreement is signed and who reported their whole year (the others left out, their number and reason stated); no peer to count gives B (no peers' mean to compare with)."
    ),
    gettext_noop("LKE ZI Komponen Hasil B.1.b option texts (PermenPAN-RB 90/2021); PermenPAN-RB 53/2014"),
    gettext_noop(
        "The index of the latest survey of the year that reached its sample, on the 1–4 scale (another scale converted, shown), rounded down to two decimals (never above the survey; 3.595 is 3.59, below the 3.60 minimum); a stand-in for the external IPKP the unit confirms; no survey at its sample gives no index and names each survey."
    ),
    gettext_noop(
        "LKE ZI Komponen Hasil B.2.a (PermenPAN-RB 90/2021, indeks persepsi kualitas pelayanan 0–4); PermenPAN-RB 14/2017 (sample)"
    ),
)
