"""The form of a kabupaten's own due dates for one year: one date per occurrence of every
kind in the registry (``puskesmas.alat.tenggat_daftar``), so a kind another app registers
gets its field without a change here."""

from __future__ import annotations

from django import forms

from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.tenggat import tanggal_indonesia

from ..choices import JenisTenggat
from ..services.tenggat import PESAN_TAHUN, PESAN_URUTAN, Kunci


class InputTanggal(forms.DateInput):
    input_type = "date"


def _tanggal():
    # The browser's date input wants ISO dates, whatever the display locale.
    return InputTanggal(format="%Y-%m-%d")


class TanggalTersembunyi(forms.DateInput):
    input_type = "hidden"


def nama_field(kunci: Kunci, awalan: str = "batas") -> str:
    """``batas_<kind>`` for a kind due once a year, ``batas_<kind>__<occurrence>`` else."""
    jenis, kejadian = kunci
    return f"{awalan}_{jenis}" + (f"__{kejadian}" if kejadian else "")


def kejadian_terdaftar(tahun: int) -> list[tuple[td.Tenggat, td.Kejadian]]:
    """Every occurrence of every registered kind in ``tahun``, in registration order."""
    return [(t, k) for t in td.semua() for k in t.kejadian_tahun(tahun)]


def _kecil(judul: str) -> str:
    """ "Target kinerja" → "target kinerja" inside a sentence; "SK Target" stays."""
    if len(judul) > 1 and judul[1].islower():
        return judul[0].lower() + judul[1:]
    return judul


class TenggatKabupatenForm(forms.Form):
    """One date per occurrence; an empty one means the policy date applies. Each comes with
    a hidden copy of the kabupaten's date as the form showed it: a lost race is caught on
    save."""

    def __init__(self, *args, tahun: int, tersimpan: dict, **kwargs):
        self.tahun = tahun
        self.kejadian = kejadian_terdaftar(tahun)
        self.kunci = [(k.jenis, k.kode) for _t, k in self.kejadian]
        self.bawaan = {(k.jenis, k.kode): k.batas for _t, k in self.kejadian}
        initial = {}
        for kunci in self.kunci:
            initial[nama_field(kunci)] = tersimpan.get(kunci)
            initial[nama_field(kunci, "semula")] = tersimpan.get(kunci)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for tenggat, kejadian in self.kejadian:
            kunci = (kejadian.jenis, kejadian.kode)
            default = tanggal_indonesia(kejadian.batas)
            self.fields[nama_field(kunci)] = forms.DateField(
                label=f"Batas {_kecil(tenggat.judul(kejadian))}",
                required=False,
                widget=_tanggal(),
                help_text=f"Bawaan kebijakan: {default}. Kosongkan untuk memakai tanggal bawaan.",
            )
            self.fields[nama_field(kunci, "semula")] = forms.DateField(
                required=False, widget=TanggalTersembunyi(format="%Y-%m-%d")
            )

    def clean(self):
        data = super().clean()
        berlaku = {}
        for kunci in self.kunci:
            nama = nama_field(kunci)
            d = data.get(nama)
            tahun = self.bawaan[kunci].year
            if d is not None and d.year != tahun:
                self.add_error(nama, PESAN_TAHUN.format(tahun=tahun))
            berlaku[kunci] = d or self.bawaan[kunci]
        target, sk = (JenisTenggat.TARGET_KINERJA, ""), (JenisTenggat.SK_TARGET, "")
        if (
            not self.errors
            and target in berlaku
            and sk in berlaku
            and berlaku[sk] < berlaku[target]
        ):
            self.add_error(nama_field(sk), PESAN_URUTAN)
        return data

    def tanggal(self) -> dict:
        return {k: self.cleaned_data.get(nama_field(k)) for k in self.kunci}

    def semula(self) -> dict:
        return {k: self.cleaned_data.get(nama_field(k, "semula")) for k in self.kunci}
