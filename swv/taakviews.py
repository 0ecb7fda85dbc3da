"""The pages of background work (swv.taken): a user follows only the tasks they started."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import documenten, taken
from .models import Taak, TaakStatus


def _eigen(request, pk) -> Taak:
    try:
        return taken.taak_van(request.user, pk)
    except (Taak.DoesNotExist, ValidationError):
        raise Http404 from None


@login_required
def lijst(request):
    return render(request, "swv/taken.html", {"taken": taken.taken_van(request.user)[:50]})


@login_required
def detail(request, pk):
    return render(request, "swv/taak.html", {"taak": _eigen(request, pk)})


@login_required
def status(request, pk):
    """For the page's script: the status, and when it is ready where the result is."""
    taak = _eigen(request, pk)
    return JsonResponse(
        {
            "status": taak.status,
            "label": taak.get_status_display(),
            "klaar": taak.klaar,
            "fout": taak.fout,
        }
    )


@login_required
def document(request, pk):
    taak = _eigen(request, pk)
    if taak.status != TaakStatus.GEREED or taak.document_id is None:
        raise Http404
    return documenten.als_response(Taak.objects.get(pk=taak.pk).document, inline=False)


@login_required
@require_POST
def opnieuw(request, pk):
    return redirect(taken.opnieuw(gebruiker=request.user, taak=_eigen(request, pk)))
