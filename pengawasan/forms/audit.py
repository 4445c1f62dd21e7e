"""Forms of the internal audit pages; the services check the rules again."""

from django import forms

from puskesmas.forms.rtl import InputTanggal, RTLForm
from puskesmas.models import Klaster, User

from ..aturan_audit import LABEL_KATEGORI
from ..models.audit import (
    NAMA_BULAN,
    AcuanKriteria,
    DaftarTilik,
    JenisAudit,
    MetodeAudit,
    PeranAuditor,
)


def _pegawai(puskesmas):
    return (
        User.objects.filter(peran__puskesmas=puskesmas, is_active=True)
        .distinct()
        .order_by("nama_lengkap", "username")
    )


class TimAuditForm(forms.Form):
    nomor_sk = forms.CharField(label="Nomor SK", max_length=100)
    tanggal_sk = forms.DateField(label="Tanggal SK", widget=InputTanggal())


class AnggotaForm(forms.Form):
    anggota = forms.ModelChoiceField(label="Pegawai", queryset=User.objects.none())
    peran = forms.ChoiceField(label="Kedudukan", choices=PeranAuditor.choices)

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anggota"].queryset = _pegawai(puskesmas)


class JadwalForm(forms.Form):
    klaster = forms.ModelChoiceField(
        label="Klaster", queryset=Klaster.objects.order_by("nomor"), required=False
    )
    unit = forms.CharField(label="Unit / lingkup", max_length=150)
    jenis = forms.MultipleChoiceField(
        label="Audit atas", choices=JenisAudit.choices, widget=forms.CheckboxSelectMultiple
    )
    acuan = forms.MultipleChoiceField(
        label="Kriteria", choices=AcuanKriteria.choices, widget=forms.CheckboxSelectMultiple
    )
    uraian_kriteria = forms.CharField(
        label="Uraian kriteria", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bulan = forms.TypedChoiceField(
        label="Bulan rencana", coerce=int, choices=[(i + 1, b) for i, b in enumerate(NAMA_BULAN)]
    )
    auditi = forms.ModelChoiceField(label="Auditi (penanggung jawab)", queryset=User.objects.none())
    auditor = forms.ModelMultipleChoiceField(
        label="Auditor", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, puskesmas, tim=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditi"].queryset = _pegawai(puskesmas)
        auditor = _pegawai(puskesmas)
        if tim is not None:
            auditor = auditor.filter(pk__in=tim.anggota.values("user_id"))
        self.fields["auditor"].queryset = auditor


class MulaiAuditForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal audit", widget=InputTanggal())
    daftar_tilik = forms.ModelChoiceField(
        label="Daftar tilik", queryset=DaftarTilik.objects.none(), required=False
    )

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["daftar_tilik"].queryset = DaftarTilik.objects.filter(puskesmas=puskesmas)


class DaftarTilikForm(forms.Form):
    nama = forms.CharField(label="Nama daftar tilik", max_length=200)
    keterangan = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ButirForm(forms.Form):
    kriteria = forms.CharField(label="Kriteria", widget=forms.Textarea(attrs={"rows": 2}))
    acuan = forms.ChoiceField(label="Acuan", choices=AcuanKriteria.choices)
    rujukan = forms.CharField(label="Rujukan dokumen", max_length=200, required=False)


class AuditForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal audit", widget=InputTanggal())
    metode = forms.MultipleChoiceField(
        label="Metode", choices=MetodeAudit.choices, widget=forms.CheckboxSelectMultiple
    )
    kesimpulan = forms.CharField(
        label="Kesimpulan dan rekomendasi", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TemuanForm(forms.Form):
    kategori = forms.ChoiceField(
        label="Kategori", choices=[(k.value, v) for k, v in LABEL_KATEGORI.items()]
    )
    kriteria = forms.ModelChoiceField(label="Kriteria daftar tilik", queryset=None, required=False)
    uraian = forms.CharField(label="Uraian temuan", widget=forms.Textarea(attrs={"rows": 2}))
    bukti = forms.CharField(label="Bukti objektif", widget=forms.Textarea(attrs={"rows": 2}))
    analisis = forms.CharField(
        label="Analisis penyebab", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kriteria"].queryset = audit.hasil.all()


class TemuanRTLForm(RTLForm):
    """The RTL agreed on a finding (masalah and penyebab default to the finding's)."""

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, puskesmas=puskesmas, **kwargs)
        self.fields["masalah"].required = False


class BawaForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan dibawa ke audit berikutnya", widget=forms.Textarea(attrs={"rows": 2})
    )
