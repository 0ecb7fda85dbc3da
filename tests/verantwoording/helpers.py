"""Build the POST data of the report form from the page as the browser would send it."""


def formulier_data(response) -> dict:
    form = response.context["form"]
    aanwendingen = response.context["aanwendingen"]
    data = {}
    for veld in form:
        waarde = veld.field.prepare_value(veld.value())
        data[veld.html_name] = "" if waarde is None else str(waarde)
    beheer = aanwendingen.management_form
    for veld in beheer:
        data[veld.html_name] = str(veld.value())
    for sub in aanwendingen:
        for veld in sub:
            waarde = veld.field.prepare_value(veld.value())
            data[veld.html_name] = "" if waarde is None else str(waarde)
    data["actie"] = "opslaan"
    return data


def veldnaam(response, code: str, deel: str = "tekst") -> str:
    vraag = next(v for v in response.context["form"].vragen if v.code == code)
    return f"v{vraag.id}_{deel}"
