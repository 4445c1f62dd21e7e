"""Verifiable signatures: one signed document of Puskesmas A, for ``/verifikasi/<kode>/``."""

import datetime as dt


def buat(dunia) -> None:
    from puskesmas.alat.tanda_tangan import tanda_tangan_buat

    # Any saved object can be the signed one; the Puskesmas itself keeps this independent
    # of the apps' own objects.
    tanda_tangan_buat(
        objek=dunia.a,
        jenis="Dokumen uji matriks",
        nomor="MTX/1",
        tanggal=dt.date(2026, 1, 5),
        puskesmas=dunia.a,
        isi={"uji": True},
        penandatangan_nama="dr. Kepala Uji",
        penandatangan_jabatan="Kepala Puskesmas",
        penandatangan_nip="198001012005012001",
        user=dunia.kapus_a,
    )
