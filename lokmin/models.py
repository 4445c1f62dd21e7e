from django.db import models  # noqa: F401

# PWS (Pemantauan Wilayah Setempat)
from .models_pws import LembarPWS, NilaiPWS  # noqa: F401
