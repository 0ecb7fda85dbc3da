from django import forms
from django.utils.translation import gettext_lazy as _

from swv.forms import DatumVeld, GeboortedatumVeld, redelijke_datum_formfield
from swv.roles import SWV_ROLLEN
from swv.selectors import scholen_voor, trajectbegeleiders_voor

from .models import Leerling, Toestemming

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeerlingForm(forms.ModelForm):
    class Meta:
        model = Leerling
        fields = ["school", "voornaam", "achternaam", "geboortedatum", "groep", "trajectbegeleider"]
        widgets = {"geboortedatum": _DATUM}
        formfield_callback = redelijke_datum_formfield
        field_classes = {"geboortedatum": GeboortedatumVeld}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].required = True
        self.fields["school"].queryset = (
            scholen_voor(user).binnen_swv().filter(swv__isnull=False).order_by("naam")
        )
        self.fields["achternaam"].required = True
        self.fields["geboortedatum"].required = True
        self.fields["groep"].widget.attrs.update(min=1, max=8)
        if user.rol in SWV_ROLLEN or user.is_superuser:
            self.fields["trajectbegeleider"].queryset = trajectbegeleiders_voor(user)
            self.fields["trajectbegeleider"].empty_label = _(
                "Nog niemand (alle trajectbegeleiders)"
            )
        else:
            del self.fields["trajectbegeleider"]


class ToestemmingForm(forms.ModelForm):
    class Meta:
        model = Toestemming
        fields = ["gegeven_door", "datum", "reikwijdte"]
        widgets = {"datum": _DATUM}
        formfield_callback = redelijke_datum_formfield


class IntrekkenForm(forms.Form):
    datum = DatumVeld(label=_("Ingetrokken op"), widget=_DATUM)
