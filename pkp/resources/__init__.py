"""Excel Resources of PKP (django-import-export, on the shared tools of
``puskesmas.alat.impor``): ``instrumen`` for the instrument workbook, ``penilaian`` for the
achievements template of one assessment."""
