"""Helpers for the KPI tests."""

from django.urls import reverse


def pagina_met(client, plan, **params):
    """The dashboard page (one plan per page) that shows `plan`, with `params` as filters."""
    pagina = 1
    while True:
        r = client.get(reverse("kpi:index"), {**params, "page": pagina})
        assert r.status_code == 200
        if plan.pk in {pb.plan.pk for pb in r.context["db"].plannen}:
            return r
        assert r.context["db"].pagina.has_next(), "plan niet op het dashboard"
        pagina += 1
