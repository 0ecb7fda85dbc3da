"""The completeness rule: what a report must contain before the bestuur can submit it.

Pure over loaded data (no queries), so the edit page, the submit service and the tests use
the same list. Each item names the part the way the form shows it.
"""

from django.utils.translation import gettext as _

from .models import Geldstroom, Verslag, Vraag, VraagSoort


def ontbrekend(
    verslag: Verslag,
    vragen: list[Vraag],
    inhoud: dict,
    verplichte_swvs: list,
) -> list[str]:
    """What is still missing, in form order; empty when the report may be submitted.

    - every required question that applies to this bestuur has its text (reflection,
      or for a hoofdonderdeel how sturing is belegd en geborgd);
    - a hoofdonderdeel also has a stand van ontwikkeling for each indicator and at least
      one indicator worked out as an example (number and text);
    - the amount received under the terugploegregeling from each SWV of the round where
      the bestuur has schools, and at least one aanwending.
    SOP-scores and doelgroepfinanciering are optional (not every bestuur has them).
    """
    antwoorden = inhoud["antwoorden"]
    standen = inhoud["standen"]
    missend: list[str] = []
    for vraag in vragen:
        if not vraag.verplicht or not vraag.geldt_voor(verslag):
            continue
        antwoord = antwoorden.get(vraag.id)
        tekst = (antwoord.tekst if antwoord else "").strip()
        if vraag.soort == VraagSoort.HOOFDONDERDEEL:
            if not tekst:
                missend.append(
                    _("%(titel)s: hoe de sturing is belegd en geborgd") % {"titel": vraag.titel}
                )
            zonder_stand = [i.nummer for i in vraag.indicatoren.all() if not standen.get(i.id)]
            if zonder_stand:
                missend.append(
                    _("%(titel)s: stand van ontwikkeling bij indicator %(nummers)s")
                    % {"titel": vraag.titel, "nummers": ", ".join(map(str, zonder_stand))}
                )
            if not (
                antwoord and antwoord.voorbeeld_nummers.strip() and antwoord.voorbeeld_tekst.strip()
            ):
                missend.append(
                    _("%(titel)s: ten minste één indicator uitgewerkt als voorbeeld")
                    % {"titel": vraag.titel}
                )
        elif not tekst:
            missend.append(_("%(titel)s: reflectie") % {"titel": vraag.titel})
    for swv in verplichte_swvs:
        if inhoud["ontvangen"].get((swv.id, Geldstroom.TERUGPLOEG)) is None:
            missend.append(
                _("Aanwending middelen: ontvangen bedrag terugploegregeling van %(code)s")
                % {"code": swv.code}
            )
    if not inhoud["aanwendingen"]:
        missend.append(_("Aanwending middelen: ten minste één aanwending (omschrijving en bedrag)"))
    return missend
