"""Writes of the target kinerja and the SK Target Kinerja.

PJ klaster fill in the targets of their own klaster; the Kepala TU (chair of the Tim
Perencanaan) submits; the Kepala Puskesmas signs the SK, which keeps a snapshot of every
target. A later change is a new revision whose SK supersedes the old one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, StatusAlur, alur_jalankan
from puskesmas.alat.impor import DESIMAL, TEKS, Galat, Kolom, Templat, impor_dengan_resource
from puskesmas.alat.tanda_tangan import JABATAN_KEPALA, tanda_tangan_buat
from puskesmas.models import Desa, JejakAlur, Klaster
from puskesmas.services.inti import kunci_puskesmas

from .. import target_rumus
from ..models import Indikator, PenetapanTarget, SKTargetKinerja, TargetDesa, TargetKinerja
from ..resources import (  # noqa: F401  (messages of the import, here with the others)
    PESAN_KODE_GANDA,
    PESAN_KODE_TIDAK_DIKENAL,
    PESAN_TARGET_RENTANG,
    TargetResource,
)
from ..selectors import target as sel

PESAN_BELUM_MULAI = "Target kinerja tahun {tahun} belum mulai disusun."
PESAN_BUKAN_KLASTER = (
    "Anda hanya dapat mengisi target klaster yang Anda pegang ({klaster}). "
    "Target klaster lain diisi oleh penanggung jawabnya, Kepala Tata Usaha atau Kepala Puskesmas."
)
PESAN_BELUM_LENGKAP = (
    "Target belum dapat diajukan: {jumlah} indikator belum memiliki target ({daftar}). "
    "Lengkapi dulu target semua klaster."
)
PESAN_KATALOG_KOSONG = (
    "Katalog indikator tahun {tahun} masih kosong; target belum dapat diajukan. "
    "Hubungi admin Dinas Kesehatan."
)
PESAN_TANPA_NIP = (
    "NIP Kepala Puskesmas belum diisi di profil Puskesmas. Lengkapi nama dan NIP Kepala "
    "Puskesmas dulu agar tercantum pada SK."
)
PESAN_NOMOR_KOSONG = "Nomor SK wajib diisi."
PESAN_REVISI = (
    "Revisi hanya dapat dibuat dari target yang sudah ditetapkan dengan SK dan belum "
    "memiliki revisi yang lebih baru."
)
PESAN_ALASAN_BEDA = (
    "Target {kode} ({target} %) berbeda dari target yang disepakati Dinas Kesehatan "
    "({baku} %): isi alasannya."
)
PESAN_ALASAN_BELUM = (
    "Target belum dapat diajukan: {jumlah} target berbeda dari target Dinas Kesehatan tanpa "
    "alasan ({daftar}). Isi alasannya pada klaster masing-masing."
)


def klaster_yang_boleh_diisi(user, puskesmas) -> frozenset[int] | None:
    """Klaster ids whose targets ``user`` may fill in at ``puskesmas``; None means all
    (the rule is ``access.klaster_diizinkan``); users who may not fill targets get none."""
    if not access.boleh(user, Aksi.ISI_TARGET, puskesmas):
        return frozenset()
    return access.klaster_diizinkan(user, puskesmas)


def boleh_isi_klaster(user, puskesmas, klaster_id: int) -> bool:
    boleh = klaster_yang_boleh_diisi(user, puskesmas)
    return boleh is None or klaster_id in boleh


def _wajib_klaster(user, puskesmas, klaster_ids) -> None:
    boleh = klaster_yang_boleh_diisi(user, puskesmas)
    if boleh is None:
        return
    if not boleh:
        raise PermissionDenied(access.PESAN_DITOLAK)
    if set(klaster_ids) - boleh:
        nomor = sorted(Klaster.objects.filter(pk__in=boleh).values_list("nomor", flat=True))
        raise PermissionDenied(
            PESAN_BUKAN_KLASTER.format(klaster=", ".join(f"klaster {n}" for n in nomor))
        )


@transaction.atomic
def penetapan_mulai(*, puskesmas, tahun: int, user) -> PenetapanTarget:
    """Start the year's targets (revision 0) or return the revision already being drafted."""
    access.wajib(user, Aksi.ISI_TARGET, puskesmas)
    kunci_puskesmas(puskesmas)
    ada = sel.penetapan_terkini(puskesmas=puskesmas, tahun=tahun)
    if ada is not None:
        return ada
    penetapan = PenetapanTarget(puskesmas=puskesmas, tahun=tahun, revisi=0)
    penetapan._history_user = user
    penetapan._change_reason = "Mulai menyusun target"
    penetapan.save()
    return penetapan


def _penduduk_desa(penetapan) -> tuple[list[int], dict[tuple[int, str], int]]:
    desa_ids = list(
        Desa.objects.filter(puskesmas_id=penetapan.puskesmas_id).values_list("pk", flat=True)
    )
    return desa_ids, sel.populasi_sasaran(desa_ids=desa_ids, tahun=penetapan.tahun)


def _simpan_target(
    *,
    penetapan: PenetapanTarget,
    indikator: Indikator,
    target_persen: Decimal,
    user,
    desa_ids: list[int],
    populasi: dict[tuple[int, str], int],
    ada: TargetKinerja | None,
    alasan: str,
    alasan_beda: str | None = None,
    periksa_alasan: bool = True,
) -> TargetKinerja:
    """Save one target and recompute its per-desa sasaran from the population figures.

    ``alasan_beda`` is why the target differs from the Dinkes default: required then, and
    dropped when the target is the default again. None (an import without that column)
    keeps what is stored; submission asks for any reason still missing.
    """
    if not target_rumus.target_sah(target_persen):
        raise AlurTidakSah(PESAN_TARGET_RENTANG)
    beda = target_persen != indikator.target_default
    if alasan_beda is not None:
        alasan_beda = alasan_beda.strip() if beda else ""
        if beda and not alasan_beda and periksa_alasan:
            raise AlurTidakSah(
                PESAN_ALASAN_BEDA.format(
                    kode=indikator.kode,
                    target=_persen(target_persen),
                    baku=_persen(indikator.target_default),
                )
            )
    elif not beda and ada is not None:
        alasan_beda = ""
    if indikator.kategori_sasaran:
        penduduk = {d: populasi.get((d, indikator.kategori_sasaran)) for d in desa_ids}
    else:
        penduduk = {}
    per_desa, total = target_rumus.sasaran_per_desa(penduduk, target_persen)
    target = ada or TargetKinerja(penetapan=penetapan, indikator=indikator)
    berubah = ada is None or ada.target_persen != target_persen or ada.sasaran_total != total
    if alasan_beda is not None and target.alasan_beda != alasan_beda:
        target.alasan_beda = alasan_beda
        berubah = True
    if berubah:
        target.target_persen = target_persen
        target.sasaran_total = total
        target.diisi_oleh = user
        target._history_user = user
        target._change_reason = alasan
        target.save()
    if ada is not None:
        TargetDesa.objects.filter(target=target).delete()
    TargetDesa.objects.bulk_create(
        TargetDesa(
            target=target, desa_id=h.desa_id, penduduk_sasaran=h.penduduk_sasaran, sasaran=h.sasaran
        )
        for h in per_desa
        if h.sasaran is not None
    )
    return target


def _persen(nilai: Decimal) -> str:
    """95 → "95", 87.5 → "87,5": how a percentage reads in a message."""
    teks = format(Decimal(nilai).normalize(), "f")
    return teks.replace(".", ",")


def _simpan_banyak(
    *,
    penetapan: PenetapanTarget,
    nilai: dict[Indikator, Decimal],
    user,
    alasan: str,
    alasan_beda: dict[int, str] | None = None,
    periksa_alasan: bool = True,
) -> int:
    desa_ids, populasi = _penduduk_desa(penetapan)
    ada = {
        t.indikator_id: t
        for t in TargetKinerja.objects.select_for_update(of=("self",)).filter(
            penetapan=penetapan, indikator__in=[i.pk for i in nilai]
        )
    }
    for ind, persen in nilai.items():
        _simpan_target(
            penetapan=penetapan,
            indikator=ind,
            target_persen=persen,
            user=user,
            desa_ids=desa_ids,
            populasi=populasi,
            ada=ada.get(ind.pk),
            alasan=alasan,
            alasan_beda=None if alasan_beda is None else alasan_beda.get(ind.pk, ""),
            periksa_alasan=periksa_alasan,
        )
    return len(nilai)


def _kunci(penetapan: PenetapanTarget) -> PenetapanTarget:
    """Lock the document row while writing its targets; raises if it may not be edited."""
    terkini = PenetapanTarget.objects.select_for_update().get(pk=penetapan.pk)
    terkini.pastikan_bisa_diubah()
    return terkini


def sidik_klaster(*, penetapan, indikator: list[Indikator]) -> str:
    """Fingerprint of the stored targets of these indicators (see ``target_rumus.sidik``)."""
    tersimpan = dict(
        TargetKinerja.objects.filter(penetapan=penetapan, indikator__in=indikator).values_list(
            "indikator_id", "target_persen"
        )
    )
    return target_rumus.sidik((i.pk, tersimpan.get(i.pk)) for i in indikator)


@transaction.atomic
def target_klaster_simpan(
    *,
    penetapan: PenetapanTarget,
    klaster,
    nilai: dict[int, Decimal],
    user,
    sidik: str | None = None,
    alasan_beda: dict[int, str] | None = None,
) -> int:
    """Save the targets of one klaster (indikator id → target %) and their sasaran per desa.

    ``alasan_beda`` (indikator id → text) explains each target that differs from the Dinkes
    default; one missing for such a target raises AlurTidakSah and saves nothing.

    Raises PermissionDenied for a klaster the user does not hold, DokumenTerkunci once the
    document is submitted or signed, KonflikVersi when someone saved this klaster since the
    form was opened (``sidik``), AlurTidakSah for an indicator outside the klaster.
    """
    from puskesmas.services.inti import KonflikVersi

    access.wajib(user, Aksi.ISI_TARGET, penetapan)
    _wajib_klaster(user, penetapan.puskesmas, [klaster.pk])
    penetapan = _kunci(penetapan)
    indikator = [
        i
        for i in sel.katalog(kabupaten=penetapan.puskesmas.kabupaten, tahun=penetapan.tahun)
        if i.klaster_id == klaster.pk
    ]
    dikenal = {i.pk: i for i in indikator}
    asing = set(nilai) - set(dikenal)
    if asing:
        raise AlurTidakSah("Ada indikator yang bukan bagian dari klaster ini.")
    if sidik is not None and sidik != sidik_klaster(penetapan=penetapan, indikator=indikator):
        raise KonflikVersi()
    return _simpan_banyak(
        penetapan=penetapan,
        nilai={dikenal[pk]: v for pk, v in nilai.items()},
        user=user,
        alasan=f"Target klaster {klaster.nomor} diisi",
        alasan_beda=alasan_beda,
    )


def periksa_lengkap(*, penetapan: PenetapanTarget) -> None:
    """Raise AlurTidakSah unless every indicator of the catalogue has a target and every
    target that differs from the Dinkes default says why."""
    katalog = sel.katalog(kabupaten=penetapan.puskesmas.kabupaten, tahun=penetapan.tahun)
    if not katalog:
        raise AlurTidakSah(PESAN_KATALOG_KOSONG.format(tahun=penetapan.tahun))
    bertarget = set(
        TargetKinerja.objects.filter(penetapan=penetapan).values_list("indikator_id", flat=True)
    )
    kurang = [i.kode for i in katalog if i.pk not in bertarget]
    if kurang:
        raise AlurTidakSah(PESAN_BELUM_LENGKAP.format(jumlah=len(kurang), daftar=_daftar(kurang)))
    # A target other than the Dinkes default needs its reason before the Dinkes sees it.
    tanpa_alasan = [
        t.indikator.kode
        for t in TargetKinerja.objects.filter(penetapan=penetapan, alasan_beda="")
        .exclude(target_persen=F("indikator__target_default"))
        .select_related("indikator")
        .order_by("indikator__klaster__nomor", "indikator__urutan", "indikator__kode")
    ]
    if tanpa_alasan:
        raise AlurTidakSah(
            PESAN_ALASAN_BELUM.format(jumlah=len(tanpa_alasan), daftar=_daftar(tanpa_alasan))
        )


def _daftar(kode: list[str]) -> str:
    return ", ".join(kode[:10]) + (" …" if len(kode) > 10 else "")


@transaction.atomic
def penetapan_ajukan(*, penetapan: PenetapanTarget, user) -> PenetapanTarget:
    """The Tim Perencanaan (Kepala TU) submits the targets to the Kepala Puskesmas."""
    access.wajib(user, Aksi.AJUKAN_RENCANA, penetapan)
    terkini = PenetapanTarget.objects.select_for_update().get(pk=penetapan.pk)
    if terkini.bisa_diubah:
        # A document already submitted or signed gets alur's own message instead.
        periksa_lengkap(penetapan=terkini)
    terkini = alur_jalankan(objek=terkini, langkah="ajukan", user=user)
    if terkini.diajukan_pada is None:
        # The first submission is what the deadline is measured by; a resubmission after
        # being returned is in the workflow trail (JejakAlur) with its own time.
        terkini.diajukan_pada = timezone.now()
        terkini._history_user = user
        terkini._change_reason = "Tanggal pengajuan dicatat"
        terkini.save(update_fields=["diajukan_pada"])
    return terkini


@transaction.atomic
def penetapan_kembalikan(*, penetapan: PenetapanTarget, alasan: str, user) -> PenetapanTarget:
    """The Kepala Puskesmas returns the targets with a reason; they become editable again."""
    return alur_jalankan(objek=penetapan, langkah="kembalikan", user=user, catatan=alasan)


def _lampiran(penetapan: PenetapanTarget) -> list[dict]:
    rows = TargetKinerja.objects.filter(penetapan=penetapan).select_related(
        "indikator", "indikator__klaster"
    )
    return [
        {
            "klaster_nomor": t.indikator.klaster.nomor,
            "klaster": t.indikator.klaster.nama,
            "kode": t.indikator.kode,
            "nama": t.indikator.nama,
            "satuan": t.indikator.satuan,
            "target_persen": str(t.target_persen),
            "sasaran": t.sasaran_total,
        }
        for t in rows
    ]


@transaction.atomic
def sk_target_tetapkan(
    *, penetapan: PenetapanTarget, nomor: str, tanggal: date, user
) -> SKTargetKinerja:
    """The Kepala Puskesmas signs the SK Target Kinerja.

    The SK keeps the Kepala's name and NIP and a copy of every target as they are now, so it
    never changes afterwards. Signing a revision supersedes the SK of the previous one.
    """
    access.wajib(user, Aksi.SAHKAN, penetapan)
    nomor = (nomor or "").strip()
    if not nomor:
        raise AlurTidakSah(PESAN_NOMOR_KOSONG)
    puskesmas = penetapan.puskesmas
    terkini = alur_jalankan(
        objek=penetapan, langkah="sahkan", user=user, catatan=f"SK nomor {nomor}"
    )
    # Checked after the step so a draft gets the "cannot be signed" message first; the
    # transaction rolls the step back.
    if not (puskesmas.kepala_nip or "").strip() or not (puskesmas.kepala_nama or "").strip():
        raise AlurTidakSah(PESAN_TANPA_NIP)
    sk = SKTargetKinerja(
        penetapan=terkini,
        nomor=nomor,
        tanggal=tanggal,
        kepala_nama=puskesmas.kepala_nama,
        kepala_nip=puskesmas.kepala_nip,
        ditandatangani_oleh=user,
        lampiran=_lampiran(terkini),
    )
    sk._history_user = user
    sk.save()
    sebelumnya = (
        # Lock only these rows: PostgreSQL cannot lock the outer-joined SK side.
        PenetapanTarget.objects.select_for_update(of=("self",))
        .filter(
            puskesmas=terkini.puskesmas_id,
            tahun=terkini.tahun,
            revisi__lt=terkini.revisi,
            status=StatusAlur.DISAHKAN,
        )
        .select_related("sk")
    )
    sk_lama = []
    for lama in sebelumnya:
        _gantikan(lama=lama, sk_baru=sk, user=user)
        if getattr(lama, "sk", None) is not None:
            sk_lama.append(lama.sk)
    tanda_tangan_buat(
        objek=sk,
        jenis="SK Target Kinerja",
        perihal=f"Indikator dan target pencapaian kinerja tahun {terkini.tahun}"
        + (f" (revisi {terkini.revisi})" if terkini.revisi else ""),
        nomor=sk.nomor,
        tanggal=sk.tanggal,
        puskesmas=puskesmas,
        isi={"tahun": terkini.tahun, "revisi": terkini.revisi, "lampiran": sk.lampiran},
        penandatangan_nama=sk.kepala_nama,
        penandatangan_jabatan=JABATAN_KEPALA,
        penandatangan_nip=sk.kepala_nip,
        user=user,
        menggantikan=sk_lama,
    )
    return sk


def _gantikan(*, lama: PenetapanTarget, sk_baru: SKTargetKinerja, user) -> None:
    """Mark an older revision and its SK as superseded by ``sk_baru`` (both stay kept)."""
    alasan = f"Digantikan oleh SK nomor {sk_baru.nomor} (revisi {sk_baru.penetapan.revisi})"
    sk_lama = getattr(lama, "sk", None)
    if sk_lama is not None:
        sk_lama.digantikan_oleh = sk_baru
        sk_lama._history_user = user
        sk_lama._change_reason = alasan
        sk_lama.save(update_fields=["digantikan_oleh"])
    dari = lama.status
    lama.status = StatusAlur.DIGANTIKAN
    lama.versi += 1
    lama._history_user = user
    lama._change_reason = alasan
    lama.save(update_fields=["status", "versi"])
    JejakAlur.objects.create(
        content_type=ContentType.objects.get_for_model(PenetapanTarget),
        object_id=lama.pk,
        langkah="gantikan",
        dari=dari,
        ke=StatusAlur.DIGANTIKAN,
        oleh=user,
        catatan=alasan,
    )


@transaction.atomic
def penetapan_revisi_buat(*, penetapan: PenetapanTarget, user) -> PenetapanTarget:
    """A new editable revision copying the signed targets (the signed SK stays in force)."""
    access.wajib(user, Aksi.AJUKAN_RENCANA, penetapan)
    lama = PenetapanTarget.objects.select_for_update().get(pk=penetapan.pk)
    lebih_baru = PenetapanTarget.objects.filter(
        puskesmas=lama.puskesmas_id, tahun=lama.tahun, revisi__gt=lama.revisi
    ).exists()
    if lama.status != StatusAlur.DISAHKAN or lebih_baru:
        raise AlurTidakSah(PESAN_REVISI)
    baru = PenetapanTarget(puskesmas=lama.puskesmas, tahun=lama.tahun, revisi=lama.revisi + 1)
    baru._history_user = user
    baru._change_reason = f"Revisi dari revisi {lama.revisi}"
    baru.save()
    sebelumnya = list(TargetKinerja.objects.filter(penetapan=lama).select_related("indikator"))
    _simpan_banyak(
        penetapan=baru,
        nilai={t.indikator: t.target_persen for t in sebelumnya},
        user=user,
        alasan="Disalin dari revisi sebelumnya",
        # The reasons go along with the targets. A signed target from before reasons were
        # asked for may have none: the copy keeps it as it is, and submitting the revision
        # asks for it.
        alasan_beda={t.indikator_id: t.alasan_beda for t in sebelumnya},
        periksa_alasan=False,
    )
    return baru


# --- Excel -------------------------------------------------------------------------------

KOLOM_KODE = Kolom("Kode indikator", "kode", TEKS, lebar=16)
KOLOM_NAMA = Kolom(
    "Nama indikator", "nama", TEKS, wajib=False, lebar=60, keterangan="hanya petunjuk, tidak dibaca"
)
KOLOM_TARGET = Kolom(
    "Target (%)",
    "target",
    DESIMAL,
    lebar=12,
    keterangan="angka 0 sampai 100, misalnya 95 atau 87,5",
)
TEMPLAT_TARGET = Templat(
    judul="Templat impor target kinerja per klaster",
    nama_sheet="Target",
    kolom=(KOLOM_KODE, KOLOM_NAMA, KOLOM_TARGET),
    petunjuk=(
        "Satu baris untuk satu indikator. Kode indikator harus sesuai katalog indikator tahun ini.",
        "Penanggung jawab klaster hanya dapat mengimpor indikator klaster yang dipegangnya.",
        "Tidak ada yang disimpan sampai seluruh berkas benar; semua kesalahan ditampilkan sekaligus.",
    ),
)


def target_impor(*, penetapan: PenetapanTarget, berkas, user) -> tuple[int, list[Galat]]:
    """Import targets from the template. Returns (rows saved, errors).

    Every error of the file is reported with its row and column; nothing is saved unless
    there are none, then every row is saved together (with its sasaran per desa). The file
    is read and checked before the document is locked, so a slow or hostile upload never
    holds the lock other users need to save; the lock is taken only to write, and the
    document's state is checked again under it.
    """
    access.wajib(user, Aksi.ISI_TARGET, penetapan)
    penetapan.pastikan_bisa_diubah()
    boleh = klaster_yang_boleh_diisi(user, penetapan.puskesmas)
    milik = ""
    if boleh is not None:
        nomor = sorted(Klaster.objects.filter(pk__in=boleh).values_list("nomor", flat=True))
        milik = ", ".join(str(n) for n in nomor) or "mana pun"
    resource = TargetResource(
        katalog=sel.katalog(kabupaten=penetapan.puskesmas.kabupaten, tahun=penetapan.tahun),
        tahun=penetapan.tahun,
        boleh=boleh,
        milik=milik,
        target_sah=target_rumus.target_sah,
    )

    def kunci():
        terkunci = _kunci(penetapan)
        access.wajib(user, Aksi.ISI_TARGET, terkunci)
        resource.simpan = lambda nilai: _simpan_banyak(
            penetapan=terkunci, nilai=nilai, user=user, alasan="Impor Excel"
        )

    hasil = impor_dengan_resource(resource, berkas, TEMPLAT_TARGET, kunci=kunci)
    if not hasil.sah:
        return 0, hasil.galat
    return resource.jumlah, []
