"""Forms of user management. Role and place choices come only from the manager's scope."""

from django import forms
from django.contrib.auth import password_validation

from ..alat.access import Aksi, lingkup
from ..choices import PERAN_KABUPATEN, PERAN_PUSKESMAS, Peran
from ..models import Kabupaten, Klaster, Puskesmas, User, nip_validator
from ..services.pengguna import PESAN_KLASTER_WAJIB

# One answer whether the clash is with someone the manager sees or with an account of
# another kabupaten, and the same for reserved names: the form must not let a manager
# find out which accounts exist outside their scope (account enumeration).
PESAN_USERNAME_DITOLAK = "Nama pengguna ini tidak dapat dipakai; pilih yang lain."
PESAN_EMAIL_DITOLAK = "Alamat e-mail ini tidak dapat dipakai; gunakan alamat lain."
# Names nobody may take, refused with the same message as a taken one, so that message
# never proves that an account exists.
NAMA_CADANGAN = frozenset(
    {"admin", "administrator", "root", "sistem", "system", "superuser", "dinkes", "puskesmas"}
)
PESAN_PUSKESMAS_DI_LUAR = "Puskesmas ini di luar wilayah kelola Anda."
PESAN_KABUPATEN_DI_LUAR = "Kabupaten/kota ini di luar wilayah kelola Anda."
PESAN_PERAN_TIDAK_TERSEDIA = "Peran ini tidak dapat Anda berikan."
PESAN_PUSKESMAS_WAJIB = "Pilih Puskesmas untuk peran ini."
PESAN_KABUPATEN_WAJIB = "Pilih kabupaten/kota untuk peran ini."
PESAN_EMAIL_UNTUK_TAUTAN = "Isi e-mail agar tautan pembuatan kata sandi dapat dikirim."
PESAN_SANDI_WAJIB = "Isi kata sandi awal."
PESAN_SANDI_BEDA = "Kedua kata sandi tidak sama."

# Roles in the order a manager thinks of them.
URUTAN_PERAN = [
    Peran.STAF,
    Peran.PJ_KLASTER,
    Peran.TIM_MUTU,
    Peran.KEPALA_TU,
    Peran.KEPALA_PUSKESMAS,
    Peran.VERIFIKATOR_DINKES,
    Peran.ADMIN_DINKES,
]


class _PuskesmasChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} ({obj.kabupaten.nama})"


class PeranFieldsMixin:
    """Fields ``peran``, ``puskesmas``, ``kabupaten``, ``klaster`` limited to the scope of
    ``oleh``. A forged id outside it fails as an invalid choice, with its own message."""

    def pasang_peran(self, oleh) -> None:
        puskesmas = (
            Puskesmas.objects.for_user(oleh, Aksi.KELOLA_PENGGUNA)
            .select_related("kabupaten")
            .order_by("kabupaten__nama", "nama")
        )
        kabupaten = Kabupaten.objects.for_user(oleh, Aksi.KELOLA_PENGGUNA).order_by("nama")
        ada_kabupaten = kabupaten.exists()
        peran = [p for p in URUTAN_PERAN if p in PERAN_PUSKESMAS or ada_kabupaten]
        self.fields["peran"] = forms.ChoiceField(
            label="Peran",
            choices=[("", "— pilih peran —")] + [(p.value, p.label) for p in peran],
            error_messages={"invalid_choice": PESAN_PERAN_TIDAK_TERSEDIA},
        )
        self.fields["puskesmas"] = _PuskesmasChoiceField(
            label="Puskesmas",
            queryset=puskesmas,
            required=False,
            empty_label="— pilih Puskesmas —",
            help_text="Untuk peran di Puskesmas.",
            error_messages={"invalid_choice": PESAN_PUSKESMAS_DI_LUAR},
        )
        if ada_kabupaten:
            self.fields["kabupaten"] = forms.ModelChoiceField(
                label="Kabupaten/kota",
                queryset=kabupaten,
                required=False,
                empty_label="— pilih kabupaten/kota —",
                help_text="Untuk peran di Dinas Kesehatan.",
                error_messages={"invalid_choice": PESAN_KABUPATEN_DI_LUAR},
            )
            if not self.is_bound and len(kabupaten) == 1:
                self.initial.setdefault("kabupaten", kabupaten[0].pk)
        self.fields["klaster"] = forms.ModelChoiceField(
            label="Klaster",
            queryset=Klaster.objects.order_by("nomor"),
            required=False,
            empty_label="— pilih klaster —",
            help_text="Wajib untuk Penanggung Jawab Klaster.",
        )
        if not self.is_bound and len(puskesmas[:2]) == 1:
            self.initial.setdefault("puskesmas", puskesmas[0].pk)

    def bersihkan_peran(self, cleaned: dict) -> dict:
        peran = cleaned.get("peran")
        if not peran:
            return cleaned
        if peran in PERAN_PUSKESMAS:
            cleaned["kabupaten"] = None
            if not cleaned.get("puskesmas") and "puskesmas" not in self.errors:
                self.add_error("puskesmas", PESAN_PUSKESMAS_WAJIB)
        elif peran in PERAN_KABUPATEN:
            cleaned["puskesmas"] = None
            if not cleaned.get("kabupaten") and "kabupaten" not in self.errors:
                self.add_error(
                    "kabupaten" if "kabupaten" in self.fields else None, PESAN_KABUPATEN_WAJIB
                )
        if peran == Peran.PJ_KLASTER:
            if not cleaned.get("klaster"):
                self.add_error("klaster", PESAN_KLASTER_WAJIB)
        else:
            cleaned["klaster"] = None
        return cleaned

    @property
    def data_peran(self) -> dict:
        c = self.cleaned_data
        return {
            "peran": c["peran"],
            "puskesmas": c.get("puskesmas"),
            "kabupaten": c.get("kabupaten"),
            "klaster": c.get("klaster"),
        }


class _IdentitasMixin:
    """NIP typed with spaces ("19800101 200501 2 001") is accepted; e-mails stay unique,
    since the password-reset link is sent by e-mail."""

    def clean_nip(self):
        nip = "".join(self.cleaned_data.get("nip", "").split())
        if nip:
            nip_validator(nip)
        return nip

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email:
            dupe = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
            if dupe.exists():
                raise forms.ValidationError(PESAN_EMAIL_DITOLAK)
        return email


class PenggunaUbahForm(_IdentitasMixin, forms.ModelForm):
    # Wider than the 18 digits stored: the spaces people type are removed in clean_nip.
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        required=False,
        help_text="18 angka; boleh diketik dengan spasi.",
    )

    class Meta:
        model = User
        fields = ["nama_lengkap", "nip", "jabatan", "email"]
        labels = {"email": "E-mail"}
        help_texts = {"nip": "18 angka; boleh diketik dengan spasi."}

    # The fingerprint of the account when the form was opened (see sidik_identitas).
    sidik = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama_lengkap"].required = True
        if self.instance.pk and not self.is_bound:
            from ..services.pengguna import sidik_identitas

            self.initial["sidik"] = sidik_identitas(self.instance)


class PenggunaBaruForm(PeranFieldsMixin, PenggunaUbahForm):
    TAUTAN = "tautan"
    ATUR = "atur"

    cara_sandi = forms.ChoiceField(
        label="Kata sandi",
        choices=[
            (TAUTAN, "Kirim tautan ke e-mail pengguna untuk membuat kata sandinya sendiri"),
            (ATUR, "Atur kata sandi awal sekarang"),
        ],
        initial=TAUTAN,
        widget=forms.RadioSelect,
    )
    kata_sandi1 = forms.CharField(
        label="Kata sandi awal",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    kata_sandi2 = forms.CharField(
        label="Ulangi kata sandi awal",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta(PenggunaUbahForm.Meta):
        fields = ["username", "nama_lengkap", "nip", "jabatan", "email"]
        labels = {"username": "Nama pengguna", "email": "E-mail"}
        help_texts = {
            "username": "Dipakai untuk masuk. Huruf, angka dan . _ - saja, tanpa spasi.",
            "nip": "18 angka; boleh diketik dengan spasi.",
        }

    def __init__(self, *args, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.pasang_peran(oleh)
        self.order_fields(
            ["username", "nama_lengkap", "nip", "jabatan", "email"]
            + ["peran", "puskesmas", "kabupaten", "klaster"]
        )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if (
            username.casefold() in NAMA_CADANGAN
            or User.objects.filter(username__iexact=username).exists()
        ):
            raise forms.ValidationError(PESAN_USERNAME_DITOLAK)
        return username

    def clean(self):
        cleaned = super().clean()
        self.bersihkan_peran(cleaned)
        if cleaned.get("cara_sandi") == self.TAUTAN:
            if not cleaned.get("email") and "email" not in self.errors:
                self.add_error("email", PESAN_EMAIL_UNTUK_TAUTAN)
        elif cleaned.get("cara_sandi") == self.ATUR:
            sandi1, sandi2 = cleaned.get("kata_sandi1"), cleaned.get("kata_sandi2")
            if not sandi1:
                self.add_error("kata_sandi1", PESAN_SANDI_WAJIB)
            elif sandi1 != sandi2:
                self.add_error("kata_sandi2", PESAN_SANDI_BEDA)
            else:
                calon = User(
                    username=cleaned.get("username", ""),
                    nama_lengkap=cleaned.get("nama_lengkap", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    password_validation.validate_password(sandi1, calon)
                except forms.ValidationError as exc:
                    self.add_error("kata_sandi1", exc)
        return cleaned

    @property
    def kata_sandi(self) -> str | None:
        if self.cleaned_data.get("cara_sandi") == self.ATUR:
            return self.cleaned_data["kata_sandi1"]
        return None


class PenugasanForm(PeranFieldsMixin, forms.Form):
    def __init__(self, *args, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.pasang_peran(oleh)

    def clean(self):
        return self.bersihkan_peran(super().clean())


class PenggunaFilterForm(forms.Form):
    q = forms.CharField(
        label="Cari",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "nama, nama pengguna atau NIP"}),
    )
    puskesmas = _PuskesmasChoiceField(
        label="Puskesmas", queryset=Puskesmas.objects.none(), required=False, empty_label="Semua"
    )
    aktif = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Semua"), ("1", "Aktif"), ("0", "Nonaktif")],
    )

    def __init__(self, *args, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        if lingkup(oleh).nasional:
            # Ten thousand options help nobody: the national admin searches by name.
            del self.fields["puskesmas"]
        else:
            self.fields["puskesmas"].queryset = (
                Puskesmas.objects.for_user(oleh, Aksi.KELOLA_PENGGUNA)
                .select_related("kabupaten")
                .order_by("kabupaten__nama", "nama")
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
