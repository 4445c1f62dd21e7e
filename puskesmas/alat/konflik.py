"""Edit conflicts of versioned forms, handled one way everywhere.

Every form of a versioned record carries a token of the version it was opened at (the
``versi`` column of ``Berversi`` models, or a fingerprint of what the form shows). When the
save service raises ``KonflikVersi`` because someone saved the record since, the view calls
``konflik_tampilkan``: the form keeps what the user typed, shows the values stored now beside
them (differences marked), and carries the current token, so a second save, made
deliberately after comparing, goes through. Nothing is lost silently: the first save is
refused, and the second one overwrites only what the user has seen.

Templates show the comparison with ``{% include "_konflik.html" %}`` (it reads
``form.konflik``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import formats

from .angka import format_angka

KOSONG = "—"


@dataclass(frozen=True)
class BarisKonflik:
    """One field of the form: what the user typed and what is stored now."""

    nama: str
    label: str
    isian: str
    tersimpan: str

    @property
    def beda(self) -> bool:
        return self.isian != self.tersimpan


def teks_nilai(field: forms.Field | None, nilai) -> str:
    """``nilai`` as a user reads it in a form of ``field``'s kind."""
    if nilai is None or nilai == "" or (isinstance(nilai, (list, tuple, set)) and not nilai):
        return KOSONG
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, models.Model):
        return str(nilai)
    if isinstance(nilai, (models.QuerySet, list, tuple, set)):
        bagian = [teks_nilai(field, n) for n in nilai]
        return ", ".join(sorted(bagian)) if bagian else KOSONG
    if isinstance(nilai, Decimal):  # 87.50 stored, 87,5 typed: the same number
        return format_angka(nilai.normalize())
    if isinstance(nilai, (int, float)):
        return format_angka(nilai)
    if isinstance(nilai, datetime.datetime):
        return formats.date_format(nilai, "j F Y H:i")
    if isinstance(nilai, datetime.date):
        return formats.date_format(nilai, "j F Y")
    pilihan = getattr(field, "choices", None)
    if pilihan is not None and not isinstance(field, forms.ModelChoiceField):
        label = dict(_datar(pilihan)).get(nilai)
        if label is not None:
            return str(label)
    return str(nilai).strip() or KOSONG


def _datar(pilihan) -> Iterable[tuple]:
    """Choices flattened out of their optgroups."""
    for kunci, label in pilihan:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield kunci, label


def nilai_model(form: forms.BaseForm, instance: models.Model) -> dict[str, object]:
    """What ``instance`` holds now for each visible field of ``form`` that is a model field:
    related objects for foreign keys and many-to-many, plain values otherwise."""
    nilai = {}
    nama_model = {f.name: f for f in instance._meta.get_fields() if getattr(f, "concrete", False)}
    for nama in form.fields:
        field = nama_model.get(nama)
        if field is None or form.fields[nama].widget.is_hidden:
            continue
        if field.many_to_many:
            nilai[nama] = list(getattr(instance, nama).all()) if instance.pk else []
        else:
            nilai[nama] = getattr(instance, nama)
    return nilai


def banding(form: forms.BaseForm, tersimpan: Mapping[str, object]) -> list[BarisKonflik]:
    """One row per field named in ``tersimpan``, in the form's order: the user's cleaned
    input beside the stored value."""
    isian = getattr(form, "cleaned_data", {}) or {}
    baris = []
    for nama, field in form.fields.items():
        if nama not in tersimpan:
            continue
        ketik = isian[nama] if nama in isian else form.data.get(form.add_prefix(nama))
        baris.append(
            BarisKonflik(
                nama=nama,
                label=str(field.label or nama),
                isian=teks_nilai(field, ketik),
                tersimpan=teks_nilai(field, tersimpan[nama]),
            )
        )
    return baris


def konflik_tampilkan(
    form: forms.BaseForm,
    *,
    pesan: str,
    token: Mapping[str, object],
    tersimpan: Mapping[str, object],
) -> forms.BaseForm:
    """Turn a refused save into a deliberate second one.

    Adds ``pesan`` as the form's error, attaches the comparison rows as ``form.konflik``
    and replaces the version token(s) the form will post next (``token``: field name →
    the version stored now), keeping everything the user typed. Returns ``form``.
    """
    form.konflik = banding(form, tersimpan)
    data = form.data.copy()
    for nama, nilai in token.items():
        data[form.add_prefix(nama)] = "" if nilai is None else str(nilai)
    form.data = data
    form.add_error(None, pesan)
    return form


def konflik_berversi(form: forms.BaseForm, *, pesan: str, instance: models.Model):
    """``konflik_tampilkan`` for the form of a ``Berversi`` record: reads the record as
    stored now and re-arms the form with its ``versi``. A record not saved yet (a second
    "create" that lost the race) has nothing to compare: only the message is added."""
    if instance.pk is None:
        form.add_error(None, pesan)
        return form
    sekarang = type(instance)._default_manager.get(pk=instance.pk)
    return konflik_tampilkan(
        form,
        pesan=pesan,
        token={"versi": sekarang.versi},
        tersimpan=nilai_model(form, sekarang),
    )
