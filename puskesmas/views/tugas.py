"""Progress page of a background job (see ``puskesmas.alat.latar``)."""

from django.views.generic import DetailView

from ..models import TugasLatar


class TugasLatarView(DetailView):
    """Progress of a background job; the bar refreshes itself with htmx until it ends."""

    model = TugasLatar
    template_name = "puskesmas/tugas_latar.html"

    def get_queryset(self):
        return TugasLatar.objects.for_user(self.request.user)

    def get_template_names(self):
        if self.request.htmx:
            return ["puskesmas/_tugas_progres.html"]
        return [self.template_name]
