"""Tools every app of the project uses; the core domain itself lives one level up.

- tenancy: ``access.py`` decides a user's scope, ``querysets.py`` applies it to
  queries (``for_user``), ``mixins.py`` applies it to views (404 outside, 403 without
  the right)
- approvals: ``alur.py``, the one draft → submitted → approved mechanism of every document
- PDFs: ``dokumen.py``, official documents rendered from HTML templates, plus Excel downloads
- Excel: ``impor.py``, templates to fill in, the bounded reader of an upload and the safe
  writer, and ``impor_dengan_resource`` between an upload and an app's Resource
  (``impor_buku_dengan_resource`` for a workbook of several sheets, one Resource each);
  ``resource.py``, the import-export widgets and base Resource every ``resources.py`` uses
- background jobs: ``latar.py``, long work in Celery with a progress page
- calendar: ``kalender.py``, due dates of the yearly management cycle
- numbers: ``angka.py``, reading and writing numbers the Indonesian way ("1.500.000", "12,5")
- form fields: ``fields.py``, number fields that accept "3.000" as three thousand
- start pages: ``modul.py``, the steps-and-dates page each part of the cycle opens with
"""
