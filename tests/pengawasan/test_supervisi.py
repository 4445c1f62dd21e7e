"""Supervisi services and selectors: plan, ad hoc visits, the Puskesmas's and the Dinkes's
records, findings and the RTL they raise, history, recaps."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pengawasan import aturan_supervisi as aturan
from pengawasan.models import (
    KunjunganSupervisi,
    KunjunganSupervisiDinkes,
    KunjunganSupervisiPuskesmas,
    TemuanSupervisi,
)
from pengawasan.selectors import supervisi as sel
from pengawasan.services import supervisi as svc
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.models import RTL
from puskesmas.services.inti import KonflikVersi
from puskesmas.services.rtl import PESAN_PJ_LUAR

from .factories_supervisi import KunjunganSupervisiFactory, TemuanSupervisiFactory

TAHUN = 2025

DATA = {
    "bulan": 5,
    "pelaksana": "tim_mutu",
    "nama_pelaksana": "Tim Mutu",
    "tempat": "posyandu",
    "lokasi": "Posyandu Melati",
    "aspek": ["adm_alat", "kin_teknis"],
    "tujuan": "Penimbangan balita",
}


def _rtl_data(pj=None, **lain):
    return {
        "masalah": "Timbangan rusak",
        "rencana": "Ganti timbangan",
        "jenis": "korektif",
        "batas": date(TAHUN, 12, 1),
        "pj": pj,
        "pj_instansi": "" if pj else "Kepala Desa",
        **lain,
    }


def test_a_planned_visit_joins_the_years_plan_with_history(dunia):
    k = svc.kunjungan_rencanakan(puskesmas=dunia.a, tahun=TAHUN, data=DATA, user=dunia.kapus_a)
    assert (k.terjadwal, k.status, k.tanggal, k.tahun, k.bulan) == (
        True, "direncanakan", None, TAHUN, 5,
    )  # fmt: skip
    assert k.jenis == aturan.Jenis.INTERNAL
    h = k.history.get()
    assert h.history_user == dunia.kapus_a and h.history_change_reason == "Direncanakan"


def test_the_plan_is_the_puskesmass_not_the_dinkess(dunia):
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_PELAKSANA_DINKES):
        svc.kunjungan_rencanakan(
            puskesmas=dunia.a, tahun=TAHUN, data={**DATA, "pelaksana": "dinkes"},
            user=dunia.kapus_a,
        )  # fmt: skip
    for user in (dunia.staf_a, dunia.verifikator_x, dunia.staf_b):
        with pytest.raises(PermissionDenied):
            svc.kunjungan_rencanakan(puskesmas=dunia.a, tahun=TAHUN, data=DATA, user=user)
    assert not KunjunganSupervisi.objects.exists()


def test_a_planned_visit_needs_an_aspect(dunia):
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_ASPEK_KOSONG):
        svc.kunjungan_rencanakan(
            puskesmas=dunia.a, tahun=TAHUN, data={**DATA, "aspek": []}, user=dunia.kapus_a
        )


def test_an_ad_hoc_visit_is_recorded_done_in_its_dates_year_and_month(dunia):
    kemarin = timezone.localdate() - timedelta(days=1)
    k = svc.kunjungan_catat(
        puskesmas=dunia.a, data={**DATA, "tanggal": kemarin, "pelaksana": "akreditasi"},
        user=dunia.ktu_a,
    )  # fmt: skip
    assert (k.terjadwal, k.status, k.tahun, k.bulan) == (
        False, "dilaksanakan", kemarin.year, kemarin.month,
    )  # fmt: skip
    assert k.jenis == aturan.Jenis.EKSTERNAL and not k.dicatat_dinkes


def test_an_ad_hoc_visit_is_recorded_once_it_took_place(dunia):
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_TANGGAL_PERLU):
        svc.kunjungan_catat(puskesmas=dunia.a, data={**DATA, "tanggal": None}, user=dunia.ktu_a)
    besok = timezone.localdate() + timedelta(days=1)
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_TANGGAL_DEPAN):
        svc.kunjungan_catat(puskesmas=dunia.a, data={**DATA, "tanggal": besok}, user=dunia.ktu_a)


def test_the_dinkes_records_its_own_visit_in_its_kabupaten_only(dunia):
    data = {**DATA, "pelaksana": "tim_mutu", "tanggal": date(TAHUN, 3, 3)}
    k = svc.kunjungan_catat(puskesmas=dunia.a, data=data, user=dunia.verifikator_x, dinkes=True)
    assert k.pelaksana == "dinkes" and k.dicatat_dinkes and k.jenis == aturan.Jenis.EKSTERNAL
    for user in (dunia.verifikator_y, dunia.kapus_a, dunia.admin_x):
        with pytest.raises(PermissionDenied):
            svc.kunjungan_catat(puskesmas=dunia.a, data=data, user=user, dinkes=True)
    # The Puskesmas does not record a visit in the Dinkes's name.
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_PELAKSANA_DINKES):
        svc.kunjungan_catat(
            puskesmas=dunia.a, data={**data, "pelaksana": "dinkes"}, user=dunia.kapus_a
        )


def test_the_proxies_split_visits_by_recorder(dunia):
    kp = KunjunganSupervisiFactory(puskesmas=dunia.a, pelaksana="lintas_sektor")
    kd = KunjunganSupervisiFactory(puskesmas=dunia.a, pelaksana="dinkes")
    assert list(KunjunganSupervisiPuskesmas.objects.for_user(dunia.kapus_a)) == [kp]
    assert list(KunjunganSupervisiDinkes.objects.for_user(dunia.kapus_a)) == [kd]
    assert list(KunjunganSupervisiDinkes.objects.for_user(dunia.verifikator_y)) == []
    assert kp.aksi_catat == "catat_supervisi" and kd.aksi_catat == "catat_supervisi_dinkes"


def _rencana(dunia, **lain):
    return svc.kunjungan_rencanakan(
        puskesmas=dunia.a, tahun=TAHUN, data={**DATA, **lain}, user=dunia.kapus_a
    )


def test_a_planned_visit_is_realised_then_cannot_be_saved_from_a_stale_form(dunia):
    k = _rencana(dunia)
    data = {"status": "dilaksanakan", "tanggal": date(TAHUN, 5, 20), "hasil": "Baik"}
    k = svc.kunjungan_ubah(kunjungan=k, data=data, versi=1, user=dunia.pj2_a)
    assert (k.status, k.tanggal, k.versi, k.bulan) == ("dilaksanakan", date(TAHUN, 5, 20), 2, 5)
    with pytest.raises(KonflikVersi):
        svc.kunjungan_ubah(kunjungan=k, data=data, versi=1, user=dunia.pj2_a)
    assert k.history.count() == 2


def test_a_planned_visit_done_late_keeps_its_planned_month(dunia):
    k = _rencana(dunia, bulan=2)
    data = {"status": "dilaksanakan", "tanggal": date(TAHUN, 4, 2)}
    assert svc.kunjungan_ubah(kunjungan=k, data=data, versi=1, user=dunia.kapus_a).bulan == 2


def test_cancelling_needs_a_reason_and_no_finding(dunia):
    k = _rencana(dunia)
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_ALASAN_BATAL):
        svc.kunjungan_ubah(kunjungan=k, data={"status": "dibatalkan"}, versi=1, user=dunia.kapus_a)
    k = svc.kunjungan_ubah(
        kunjungan=k, data={"status": "dibatalkan", "alasan_batal": "Banjir"}, versi=1,
        user=dunia.kapus_a,
    )  # fmt: skip
    assert k.status == "dibatalkan" and k.alasan_batal == "Banjir"
    done = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN)
    TemuanSupervisiFactory(kunjungan=done)
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_BATAL_ADA_TEMUAN):
        svc.kunjungan_ubah(
            kunjungan=done, data={"status": "dibatalkan", "alasan_batal": "Salah"}, versi=1,
            user=dunia.kapus_a,
        )  # fmt: skip


def test_each_recorder_changes_only_its_own_visits(dunia):
    kp = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN)
    kd = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, pelaksana="dinkes")
    with pytest.raises(PermissionDenied):
        svc.kunjungan_ubah(kunjungan=kd, data={"hasil": "x"}, versi=1, user=dunia.kapus_a)
    with pytest.raises(PermissionDenied):
        svc.kunjungan_ubah(kunjungan=kp, data={"hasil": "x"}, versi=1, user=dunia.verifikator_x)
    with pytest.raises(PermissionDenied):
        svc.kunjungan_ubah(kunjungan=kd, data={"hasil": "x"}, versi=1, user=dunia.verifikator_y)
    # Neither turns into the other.
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_PELAKSANA_DINKES):
        svc.kunjungan_ubah(kunjungan=kp, data={"pelaksana": "dinkes"}, versi=1, user=dunia.kapus_a)
    kd = svc.kunjungan_ubah(
        kunjungan=kd, data={"pelaksana": "tim_mutu", "hasil": "ok"}, versi=1,
        user=dunia.verifikator_x,
    )  # fmt: skip
    assert kd.pelaksana == "dinkes" and kd.hasil == "ok"


def test_findings_on_a_visit_done_with_history(dunia):
    k = _rencana(dunia)
    data = {"aspek": "adm_alat", "uraian": "Timbangan rusak", "rekomendasi": "Ganti"}
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_TEMUAN_BELUM):
        svc.temuan_tambah(kunjungan=k, data=data, user=dunia.kapus_a)
    k = svc.kunjungan_ubah(
        kunjungan=k, data={"status": "dilaksanakan", "tanggal": date(TAHUN, 5, 3)}, versi=1,
        user=dunia.kapus_a,
    )  # fmt: skip
    t = svc.temuan_tambah(kunjungan=k, data=data, user=dunia.kapus_a)
    assert t.label_kelompok == "Administratif"
    t = svc.temuan_ubah(temuan=t, data={**data, "uraian": "Timbangan hilang"}, user=dunia.pj2_a)
    assert t.uraian == "Timbangan hilang"
    assert [h.history_user for h in t.history.order_by("history_date")] == [
        dunia.kapus_a, dunia.pj2_a,
    ]  # fmt: skip
    with pytest.raises(AlurTidakSah, match=aturan.PESAN_ASPEK_ASING):
        svc.temuan_tambah(kunjungan=k, data={**data, "aspek": "gizi"}, user=dunia.kapus_a)
    with pytest.raises(PermissionDenied):
        svc.temuan_tambah(kunjungan=k, data=data, user=dunia.staf_a)
    svc.temuan_hapus(temuan=t, user=dunia.kapus_a)
    assert not TemuanSupervisi.objects.exists()
    assert TemuanSupervisi.history.filter(history_type="-").count() == 1


def test_a_finding_raises_its_rtl_once_and_keeps_it(dunia):
    t = TemuanSupervisiFactory(kunjungan__puskesmas=dunia.a, kunjungan__tahun=TAHUN)
    rtl = svc.temuan_rtl_buat(temuan=t, data=_rtl_data(pj=dunia.staf_a), user=dunia.kapus_a)
    assert rtl.sumber == t and rtl.puskesmas == dunia.a and rtl.pj == dunia.staf_a
    assert rtl.sumber_label.startswith("Temuan supervisi Kepala Puskesmas")
    with pytest.raises(AlurTidakSah, match=svc.PESAN_RTL_ADA):
        svc.temuan_rtl_buat(temuan=t, data=_rtl_data(), user=dunia.kapus_a)
    with pytest.raises(AlurTidakSah, match=svc.PESAN_TEMUAN_BER_RTL):
        svc.temuan_hapus(temuan=t, user=dunia.kapus_a)
    assert RTL.objects.count() == 1


def test_the_dinkes_raises_the_rtl_of_its_finding_for_the_puskesmass_people(dunia):
    t = TemuanSupervisiFactory(
        kunjungan__puskesmas=dunia.a, kunjungan__tahun=TAHUN, kunjungan__pelaksana="dinkes"
    )
    with pytest.raises(PermissionDenied):
        svc.temuan_rtl_buat(temuan=t, data=_rtl_data(), user=dunia.kapus_a)
    with pytest.raises(PermissionDenied):
        svc.temuan_rtl_buat(temuan=t, data=_rtl_data(), user=dunia.verifikator_y)
    with pytest.raises(AlurTidakSah, match=PESAN_PJ_LUAR):
        svc.temuan_rtl_buat(temuan=t, data=_rtl_data(pj=dunia.staf_b), user=dunia.verifikator_x)
    rtl = svc.temuan_rtl_buat(temuan=t, data=_rtl_data(pj=dunia.kapus_a), user=dunia.verifikator_x)
    assert rtl.sumber == t and rtl.dibuat_oleh == dunia.verifikator_x
    assert "Dinas Kesehatan" in rtl.sumber_label


def test_list_filters_and_recap_of_a_year(dunia):
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, pelaksana="dinkes")
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, pelaksana="tim_mutu")
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, terjadwal=True, status="direncanakan", tanggal=None
    )
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, terjadwal=True)
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN - 1)
    KunjunganSupervisiFactory(puskesmas=dunia.b, tahun=TAHUN)

    def daftar(**f):
        return sel.kunjungan_daftar(puskesmas=dunia.a, tahun=TAHUN, user=dunia.staf_a, **f)

    assert len(daftar()) == 4
    assert {k.pelaksana for k in daftar(jenis="eksternal")} == {"dinkes"}
    assert len(daftar(jenis="internal")) == 3
    assert len(daftar(status="direncanakan")) == 1
    assert len(daftar(jenis="ngawur", status="ngawur")) == 4  # unknown filters ignored
    r = sel.rekap_tahun(puskesmas=dunia.a, tahun=TAHUN, user=dunia.staf_a)
    assert r == aturan.Rekap(rencana=2, terlaksana=1, belum=1, sewaktu=2)
    # Outside one's scope there is nothing.
    assert sel.kunjungan_daftar(puskesmas=dunia.a, tahun=TAHUN, user=dunia.staf_b) == []


def test_kabupaten_recap(dunia):
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, pelaksana="dinkes")
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, terjadwal=True)
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, terjadwal=True, status="direncanakan", tanggal=None
    )
    KunjunganSupervisiFactory(puskesmas=dunia.c, tahun=TAHUN, pelaksana="dinkes")
    baris = sel.rekap_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN, user=dunia.verifikator_x)
    assert [(b["puskesmas"], b["rencana"], b["terlaksana"], b["sewaktu"], b["dinkes"]) for b in baris] == [
        (dunia.a, 2, 1, 1, 1),
        (dunia.b, 0, 0, 0, 0),
    ]  # fmt: skip


def test_visits_with_open_findings_up_to_a_date(dunia):
    k1 = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 2, 1))
    tanpa_rtl = TemuanSupervisiFactory(kunjungan=k1)
    terbuka = TemuanSupervisiFactory(kunjungan=k1)
    selesai = TemuanSupervisiFactory(kunjungan=k1)
    svc.temuan_rtl_buat(temuan=terbuka, data=_rtl_data(), user=dunia.kapus_a)
    rtl = svc.temuan_rtl_buat(temuan=selesai, data=_rtl_data(), user=dunia.kapus_a)
    RTL.objects.filter(pk=rtl.pk).update(status="selesai")
    k2 = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 8, 1))
    TemuanSupervisiFactory(kunjungan=k2)  # after the date
    k3 = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 3, 1))
    TemuanSupervisiFactory(kunjungan=k3)
    RTL.objects.filter(pk=rtl.pk)
    hasil = sel.kunjungan_temuan_terbuka(
        puskesmas=dunia.a, tahun=TAHUN, sampai=date(TAHUN, 6, 30), user=dunia.kapus_a
    )
    assert [h["kunjungan"] for h in hasil] == [k1, k3]
    assert [(t, s) for t, s in hasil[0]["temuan"]] == [(tanpa_rtl, None), (terbuka, "belum")]
