"""The columns of a risk register as people name them in their spreadsheets (Daftar Risiko), for
the import; one row per risk, or one row per control action with the risk's columns repeated
(rows with the same risk code are one risk)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zona.lib.records import FieldSpec

from .matrix import scheme


def risk_fields() -> list[FieldSpec]:
    s = scheme()
    return [
        FieldSpec("code", str(_("Risk code")), required=True, max_length=30,
                  synonyms=("kode", "kode risiko", "no risiko", "id risiko")),
        FieldSpec("objective", str(_("Objective")), required=True,
                  synonyms=("tujuan", "sasaran", "tujuan/sasaran", "sasaran kegiatan", "tujuan sasaran")),
        FieldSpec("process", str(_("Activity or process")),
                  synonyms=("kegiatan", "proses", "kegiatan/proses", "proses bisnis", "tahapan")),
        FieldSpec("statement", str(_("Risk statement")), required=True, max_length=1000,
                  synonyms=("pernyataan risiko", "risiko", "uraian risiko", "kejadian risiko")),
        FieldSpec("cause", str(_("Cause")), max_length=1000, synonyms=("penyebab", "sebab")),
        FieldSpec("source", str(_("Source")), type="choice", choices=("internal", "eksternal"),
                  synonyms=("sumber", "sumber risiko")),
        FieldSpec("consequence", str(_("Impact (what happens)")), max_length=1000,
                  synonyms=("dampak", "uraian dampak", "akibat")),
        FieldSpec("category", str(_("Category")), type="choice", choices=s.categories,
                  synonyms=("kategori", "kategori risiko", "jenis risiko")),
        FieldSpec("owner_title", str(_("Risk owner")), max_length=200,
                  synonyms=("pemilik risiko", "pemilik", "risk owner")),
        FieldSpec("likelihood", str(_("Likelihood (1–5)")), type="scale", required=True,
                  synonyms=("kemungkinan", "skala kemungkinan", "k", "probabilitas")),
        FieldSpec("impact", str(_("Impact (1–5)")), type="scale", required=True,
                  synonyms=("skala dampak", "d", "dampak (1-5)", "nilai dampak")),
        FieldSpec("controls", str(_("Existing controls")), max_length=2000,
                  synonyms=("pengendalian yang ada", "pengendalian", "uraian pengendalian")),
        FieldSpec("controls_adequate", str(_("Controls adequate")), type="bool",
                  synonyms=("memadai", "pengendalian memadai", "memadai/belum memadai")),
        FieldSpec("residual_likelihood", str(_("Residual likelihood")), type="scale",
                  synonyms=("kemungkinan residual", "k residual")),
        FieldSpec("residual_impact", str(_("Residual impact")), type="scale",
                  synonyms=("dampak residual", "d residual")),
        FieldSpec("response", str(_("Response")), type="choice", choices=tuple(s.responses),
                  synonyms=("respons", "respon", "respons risiko", "penanganan")),
        FieldSpec("activity", str(_("Control activity")), max_length=1000,
                  synonyms=("kegiatan pengendalian", "rencana tindak pengendalian", "rtp",
                            "rencana pengendalian", "kegiatan pengendalian (rtp)")),
        FieldSpec("action_owner", str(_("Person in charge")), max_length=200,
                  synonyms=("penanggung jawab", "pj", "pic")),
        FieldSpec("target_text", str(_("Target period")), max_length=100,
                  synonyms=("target waktu", "waktu", "jadwal", "target")),
        FieldSpec("output", str(_("Output indicator")), max_length=500,
                  synonyms=("indikator keluaran", "output", "indikator output", "keluaran")),
    ]  # fmt: skip


# Columns of the usual layout (and of Zona's own export) that Zona computes: read past, not read.
DERIVED = (
    "level risiko",
    "besaran risiko",
    "skor",
    "skor risiko",
    "level residual",
    "prioritas",
    "realisasi terakhir",
    "realisasi",
)

RISK_KEYS = (
    "objective",
    "process",
    "statement",
    "cause",
    "source",
    "consequence",
    "category",
    "owner_title",
    "likelihood",
    "impact",
    "controls",
    "controls_adequate",
    "residual_likelihood",
    "residual_impact",
)
ACTION_KEYS = ("response", "activity", "action_owner", "target_text", "output")
