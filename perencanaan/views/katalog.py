"""Views of one area of P1 Perencanaan; its URLs are listed in ``urlpatterns``."""

urlpatterns: list = []
