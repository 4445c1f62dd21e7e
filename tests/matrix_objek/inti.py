from ..factories import NotifikasiFactory


def buat(dunia) -> None:
    from puskesmas.models import TugasLatar

    NotifikasiFactory(penerima=dunia.staf_a)
    TugasLatar.objects.create(jenis="uji", dibuat_oleh=dunia.staf_a, puskesmas=dunia.a)
