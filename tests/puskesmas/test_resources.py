"""The shared widgets, and import/export of reference data in the national admin."""

import io
import re
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from puskesmas.alat.impor import BerkasDitolak, CSVAman, XLSXAman
from puskesmas.alat.resource import AngkaWidget, FKTerbatasWidget, PilihanWidget, TeksWidget
from puskesmas.models import Desa, Kabupaten, User
from puskesmas.resources import DesaResource

from ..berkas_xlsx import bom_sheet, sheet_xml
from ..berkas_xlsx import xlsx as xlsx_tangan


def test_numbers_are_read_the_indonesian_way():
    w = AngkaWidget()
    assert w.clean("1.500.000") == Decimal(1500000)
    assert w.clean("12,5") == Decimal("12.5")
    assert w.clean("") is None
    assert AngkaWidget(bulat=True).clean("3.000") == 3000
    with pytest.raises(ValueError, match="«satu» bukan angka"):
        w.clean("satu")
    with pytest.raises(ValueError, match="harus bilangan bulat"):
        AngkaWidget(bulat=True).clean("12,5")
    with pytest.raises(ValueError, match="Tidak boleh kurang dari 0"):
        w.clean("-1")
    with pytest.raises(ValueError, match="Angka terlalu besar"):
        AngkaWidget(maksimum=Decimal(10), pesan_maksimum="Angka terlalu besar.").clean(11)
    assert w.render(Decimal("12.5")) == Decimal("12.5")  # a number stays a number


def test_text_and_choices():
    assert TeksWidget(maks=5).clean("  abc ") == "abc"
    with pytest.raises(ValueError, match=r"Terlalu panjang \(6 karakter\); batasnya 5"):
        TeksWidget(maks=5).clean("abcdef")
    w = PilihanWidget({"BOK": "bok", "APBD": "apbd"})
    assert w.clean("bok") == "bok"
    with pytest.raises(ValueError, match="«DAK» bukan pilihan yang sah. Pilihan: BOK, APBD"):
        w.clean("DAK")


def test_the_desa_widget_refuses_another_puskesmas_desa(dunia):
    """Constructed with the user's scope, it resolves only the user's own desa."""
    milik = Desa.objects.for_user(dunia.ktu_a)
    w = FKTerbatasWidget(
        milik, "kode", pesan="Desa «{nilai}» tidak termasuk wilayah kerja Puskesmas Anda."
    )
    desa_a = Desa.objects.get(puskesmas=dunia.a)
    desa_b = Desa.objects.get(puskesmas=dunia.b)
    assert w.clean(desa_a.kode) == desa_a
    with pytest.raises(ValueError) as exc:
        w.clean(desa_b.kode)
    assert str(exc.value) == (f"Desa «{desa_b.kode}» tidak termasuk wilayah kerja Puskesmas Anda.")
    assert w.render(desa_a) == desa_a.kode


def test_outside_the_scope_but_known_gets_its_own_message(dunia):
    semua = Desa.objects.all()
    w = FKTerbatasWidget(
        semua.filter(puskesmas=dunia.a),
        "kode",
        semua=semua,
        pesan_di_luar=lambda d: f"Desa {d.nama} milik Puskesmas {d.puskesmas.nama}.",
    )
    desa_c = Desa.objects.get(puskesmas=dunia.c)
    with pytest.raises(ValueError, match=f"Desa {desa_c.nama} milik Puskesmas Charlie"):
        w.clean(desa_c.kode)
    with pytest.raises(ValueError, match="«TIDAK-ADA» tidak dikenal"):
        w.clean("TIDAK-ADA")


# --- /admin/ -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, dunia):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x" * 12))
    return client


def _impor(client, isi: bytes, nama: str, format_: int):
    return client.post(
        reverse("admin:puskesmas_desa_import"),
        {"import_file": SimpleUploadedFile(nama, isi), "format": str(format_)},
    )


def _csv(baris) -> bytes:
    data = tablib.Dataset(headers=["puskesmas", "kode", "nama", "jenis"])
    for b in baris:
        data.append(b)
    return data.export("csv").encode()


def test_admin_import_of_an_invalid_file_changes_nothing(admin_client, dunia):
    sebelum = Desa.objects.count()
    isi = _csv(
        [(dunia.a.kode, "BARU-1", "Desa Baru", "desa"), ("TIDAK-ADA", "BARU-2", "X", "desa")]
    )
    r = _impor(admin_client, isi, "desa.csv", 0)
    assert r.status_code == 200
    assert "Puskesmas dengan kode «TIDAK-ADA» tidak ada." in r.content.decode()
    assert Desa.objects.count() == sebelum


def test_admin_import_of_a_valid_csv_is_shown_for_confirmation_before_saving(admin_client, dunia):
    sebelum = Desa.objects.count()
    r = _impor(admin_client, _csv([(dunia.a.kode, "BARU-1", "Desa Baru", "desa")]), "d.csv", 0)
    assert r.status_code == 200 and "confirm" in r.content.decode().lower()
    assert Desa.objects.count() == sebelum  # the first step is the dry run


def test_admin_xlsx_goes_through_the_bounded_reader(admin_client, dunia):
    sebelum = Desa.objects.count()
    r = _impor(admin_client, xlsx_tangan(bom_sheet(200 * 1024 * 1024)), "desa.xlsx", 1)
    assert r.status_code == 200
    assert "Berkas Excel rusak atau tidak aman" in r.content.decode()
    assert Desa.objects.count() == sebelum


def test_admin_import_refuses_a_file_over_the_limit(admin_client, settings):
    settings.MAX_IMPORT_FILE_SIZE = 1024
    r = _impor(admin_client, b"kode,nama\n" + b"x,y\n" * 1000, "besar.csv", 0)
    assert r.status_code == 200
    assert "Berkas terlalu besar" in r.content.decode()


@pytest.mark.parametrize("model", ["kabupaten", "kecamatan", "puskesmas", "desa", "klaster"])
def test_admin_formats_are_csv_and_bounded_xlsx_only(admin_client, model):
    daftar = admin_client.get(reverse(f"admin:puskesmas_{model}_changelist"))
    assert daftar.status_code == 200
    assert reverse(f"admin:puskesmas_{model}_import") in daftar.content.decode()
    r = admin_client.get(reverse(f"admin:puskesmas_{model}_import"))
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', r.content.decode())
    assert pilihan == [("0", "csv"), ("1", "xlsx")]


def test_admin_xlsx_reads_back_what_it_writes_and_text_stays_text(dunia):
    data = DesaResource().export(Desa.objects.filter(puskesmas=dunia.a))
    data.append([dunia.a.kode, "=HYPERLINK(1)", "Desa", "desa"])
    isi = XLSXAman().export_data(data)
    ws = load_workbook(io.BytesIO(isi)).worksheets[0]
    assert ws.cell(row=ws.max_row, column=2).data_type == "s"
    kembali = XLSXAman().create_dataset(isi)
    assert kembali.headers == data.headers and len(kembali) == len(data)
    assert kembali[-1][1] == "=HYPERLINK(1)"


def test_admin_xlsx_refuses_a_huge_file_before_parsing(settings):
    settings.MAX_IMPORT_FILE_SIZE = 1024
    with pytest.raises(BerkasDitolak, match="Berkas terlalu besar"):
        XLSXAman().create_dataset(xlsx_tangan(sheet_xml([(1, ["x" * 5000])])) + b"\0" * 2048)
    with pytest.raises(BerkasDitolak, match="Berkas terlalu besar"):
        CSVAman().create_dataset(b"a\n" * 2000)


def test_reference_kabupaten_round_trip_changes_nothing(dunia):
    from puskesmas.resources import KabupatenResource

    sebelum = list(Kabupaten.objects.values_list("kode", "nama").order_by("kode"))
    data = KabupatenResource().export()
    hasil = KabupatenResource().import_data(data, dry_run=False)
    assert not hasil.has_errors() and not hasil.has_validation_errors()
    assert list(Kabupaten.objects.values_list("kode", "nama").order_by("kode")) == sebelum


INGGRIS = (
    "File to import",
    "This importer will import the following fields",
    "This exporter will export the following fields",
    "Confirm import",
    "Below is a preview",
    "Select all",
    ">Submit<",
    ">Preview<",
    ">Import<",
    ">Export<",
    "Import finished",
    "Some rows failed to validate",
    "Line number",
)


def _teks_halaman(r) -> str:
    html = r.content.decode()
    assert r.status_code == 200
    for frasa in INGGRIS:
        assert frasa not in html, frasa
    return html


def test_the_admins_import_and_export_screens_speak_indonesian(admin_client, dunia):
    html = _teks_halaman(admin_client.get(reverse("admin:puskesmas_desa_changelist")))
    assert ">Impor<" in html and ">Ekspor<" in html
    html = _teks_halaman(admin_client.get(reverse("admin:puskesmas_desa_import")))
    assert "Berkas yang diimpor" in html and "Kolom berikut akan diimpor" in html
    assert ">Kirim<" in html or 'value="Kirim"' in html
    html = _teks_halaman(admin_client.get(reverse("admin:puskesmas_desa_export")))
    assert "Kolom berikut akan diekspor" in html and "Pilih semua" in html
    # the preview of a valid file, then the confirmation
    r = _impor(admin_client, _csv([(dunia.a.kode, "BARU-1", "Desa Baru", "desa")]), "d.csv", 0)
    html = _teks_halaman(r)
    assert "Berikut pratinjau data yang akan diimpor" in html and "Konfirmasi impor" in html
    assert re.search(r'<tr class="new">\s*<td class="import-type">\s*Baru\s*</td>', html)
    form = {
        nama: nilai
        for nama, nilai in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)
    }
    r = admin_client.post(reverse("admin:puskesmas_desa_process_import"), form, follow=True)
    html = _teks_halaman(r)
    assert "Impor selesai: 1 baru, 0 diperbarui, 0 dihapus dan 0 dilewati" in html
    # rows with errors
    isi = _csv([("TIDAK-ADA", "BARU-2", "X", "desa")])
    html = _teks_halaman(_impor(admin_client, isi, "desa.csv", 0))
    assert "Kesalahan" in html and "Nomor baris: 1" in html


def _po(path) -> dict:
    """{msgid: msgstr} of a .po file (plural forms keyed by (msgid, 0), as gettext does)."""
    hasil, kunci, bagian = {}, None, {}
    for baris in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', baris)
        if m:
            kunci = m.group(1)
            bagian[kunci] = m.group(2)
        elif baris.startswith('"') and kunci:
            bagian[kunci] += baris[1:-1]
        elif not baris.strip() and bagian:
            urai = {
                k: v.encode().decode("unicode_escape").encode("latin-1").decode()
                for k, v in bagian.items()
            }
            if "msgstr[0]" in urai:
                hasil[(urai["msgid"], 0)] = urai["msgstr[0]"]
            elif urai.get("msgid"):
                hasil[urai["msgid"]] = urai["msgstr"]
            bagian, kunci = {}, None
    return hasil


def test_the_compiled_catalogue_is_the_po_file():
    import gettext
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)._catalog
    mo = {k: v for k, v in mo.items() if k != ""}
    assert mo == _po(folder / "django.po")
