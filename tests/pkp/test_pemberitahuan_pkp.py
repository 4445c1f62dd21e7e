"""PKP's steps are declared in the core's notification registry, not sent by PKP itself."""

from pkp import pemberitahuan as pkp_pb
from pkp.models import PenilaianPKP
from puskesmas.alat import pemberitahuan as pb


def test_every_pkp_step_is_declared_in_the_core_registry():
    dinyatakan = pb.semua()
    for step in PenilaianPKP.alur:
        assert ("pkp.penilaianpkp", step.nama) in dinyatakan, step.nama
    assert pkp_pb.PESAN_AJUKAN in {p.pesan(None, "") for p in pb.untuk(PenilaianPKP, "ajukan")}


def test_the_services_no_longer_notify_on_their_own():
    from pkp.services import penilaian, verifikasi

    assert not hasattr(verifikasi, "penilaian_beri_tahu")
    assert "notifikasi_kirim" not in vars(penilaian) and "notifikasi_kirim" not in vars(verifikasi)
