"""Sign-in events go to the audit trail. Django reports them only as signals.

`gegevens_geimporteerd` is sent inside the import's transaction after a DUO import wrote
its rows in bulk (no model signals): apps that cache figures derived from them listen.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import Signal, receiver

from . import audit, middleware
from .models import AuditActie

gegevens_geimporteerd = Signal()
user_logged_in.connect(middleware.bij_aanmelden, dispatch_uid="swv_sessie_ververst")


@receiver(user_logged_in, dispatch_uid="swv_audit_aangemeld")
def aangemeld(sender, request, user, **kwargs):
    audit.vastleggen(
        actie=AuditActie.AANGEMELD,
        gebruiker=user,
        request=request,
        omschrijving="Aangemeld met wachtwoord",
    )


@receiver(user_login_failed, dispatch_uid="swv_audit_mislukt")
def mislukt(sender, credentials, request=None, **kwargs):
    # The attempted username is kept (to see attacks on an account); never the password.
    audit.vastleggen(
        actie=AuditActie.AANMELDEN_MISLUKT,
        request=request,
        omschrijving="Aanmelden mislukt",
        details={"gebruikersnaam": str(credentials.get("username", ""))[:150]},
    )
