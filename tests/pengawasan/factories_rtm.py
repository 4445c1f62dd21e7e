"""Factories of the RTM tests."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from pengawasan.models import RTM, PesertaRTM

from ..factories import PuskesmasFactory, UserFactory


class RTMFactory(DjangoModelFactory):
    class Meta:
        model = RTM

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2027
    tanggal = factory.LazyAttribute(lambda o: date(o.tahun, 6, 20))
    tempat = "Aula Puskesmas"
    agenda = "Tindak lanjut RTM sebelumnya\nKinerja terhadap target"


class PesertaRTMFactory(DjangoModelFactory):
    class Meta:
        model = PesertaRTM

    rtm = factory.SubFactory(RTMFactory)
    user = factory.SubFactory(UserFactory)
    nama = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.user.username)
    jabatan = "Bidan"
