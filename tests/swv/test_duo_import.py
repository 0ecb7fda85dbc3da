"""The DUO import: real files, bad rows, re-import, encodings, file order."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from swv import duo, services
from swv.models import (
    Gemeente,
    Leerlingtelling,
    RegioPostcode,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)

REGISTER_KOP = (
    "PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;"
    "HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;TELEFOONNUMMER;"
    "INTERNETADRES;STRAATNAAM CORRESPONDENTIEADRES;HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES;"
    "POSTCODE CORRESPONDENTIEADRES;PLAATSNAAM CORRESPONDENTIEADRES;NODAAL GEBIED CODE;NODAAL GEBIED NAAM;"
    "RPA-GEBIED CODE;RPA-GEBIED NAAM;WGR-GEBIED CODE;WGR-GEBIED NAAM;COROPGEBIED CODE;COROPGEBIED NAAM;"
    "ONDERWIJSGEBIED CODE;ONDERWIJSGEBIED NAAM;RMC-REGIO CODE;RMC-REGIO NAAM;VAKANTIEREGIO"
)


def register_regel(
    bestuur="99001",
    brin="99ZZ",
    vest="99ZZ00",
    naam="Basisschool De Fontein",
    postcode="6411 AB",
    gemeente="0917",
    gemeentenaam="HEERLEN",
):
    return (
        f"Limburg;{bestuur};{brin};{vest};{naam};Hoofdstraat;1;{postcode};HEERLEN;{gemeente};{gemeentenaam};"
        "Openbaar;0450000000;www.example.nl;Hoofdstraat;1;6411 AB;HEERLEN;79;Heerlen;33;Parkstad;41;OZL;39;ZL;25;ZL;39;ZL;Zuid"
    )


def bestand(*regels, encoding="cp1252"):
    return ("\r\n".join(regels) + "\r\n").encode(encoding)


TELLING_KOP = (
    "INSTELLINGSCODE;VESTIGINGSCODE;NAAM_VESTIGING;SOORT_VESTIGING;DENOMINATIE_VESTIGING;BEVOEGD_GEZAG_NUMMER;"
    "GEMEENTECODE_VESTIGING;GEMEENTENAAM_VESTIGING;LEERLINGEN_2023;LEERLINGEN_2024;LEERLINGEN_2025"
)


def test_real_zuid_limburg_files_give_every_school_its_swv():
    # Loaded once by the session fixture through the same import the command uses.
    assert (
        School.objects.filter(soort="BAO", swv__code__in=["PO3104", "PO3105", "PO3106"]).count()
        == 149
    )
    assert School.objects.count() == 208
    assert not School.objects.filter(swv__isnull=True).exists()
    # SBO/SO have no postcode in the count file: they follow their municipality.
    assert (
        School.objects.get(vestigingscode="01DM00").swv.code == "PO3104"
    )  # SBO De Diamant, Sittard-Geleen
    assert (
        School.objects.get(vestigingscode="14OZ00").swv.code == "PO3106"
    )  # SBO De Kring, Kerkrade
    assert School.objects.get(vestigingscode="03LO00").swv.code == "PO3105"  # SBO, Maastricht
    # VSO belongs to the VO samenwerkingsverband.
    assert School.objects.get(vestigingscode="26HL00").swv.code == "VO3105"
    # Beekdaelen (2019 merger) is split between Westelijke Mijnstreek and Parkstad.
    assert set(
        Gemeente.objects.get(naam="Beekdaelen").samenwerkingsverbanden.values_list(
            "code", flat=True
        )
    ) == {
        "PO3104",
        "PO3106",
    }
    assert Samenwerkingsverband.objects.filter(code__startswith="PO").count() == 76
    assert Samenwerkingsverband.objects.filter(code__startswith="VO").count() == 74


def test_register_is_cp1252_and_names_keep_their_accents():
    school = School.objects.get(vestigingscode="07LK00")
    assert school.naam == "Gereformeerde Basisschool Benjamin"
    assert school.postcode == "6446 TM"
    assert school.gemeente.naam == "Brunssum"
    assert school.gemeente.code == "0899"


def test_counts_keep_the_mask_and_real_numbers():
    de_vlieger = School.objects.get(vestigingscode="00BW00")
    assert de_vlieger.tellingen.get(teldatum=date(1996, 10, 1)).aantal == 172
    assert de_vlieger.tellingen.get(teldatum=date(2025, 10, 1)).aantal == 101
    assert de_vlieger.tellingen.count() == 30
    gemaskeerd = Leerlingtelling.objects.filter(gemaskeerd=True)
    assert gemaskeerd.exists()
    assert not gemaskeerd.filter(aantal__isnull=False).exists()


def test_reimport_updates_and_never_duplicates(duo_dir):
    voor = (
        School.objects.count(),
        Leerlingtelling.objects.count(),
        Schoolbestuur.objects.count(),
        Gemeente.objects.count(),
    )
    School.objects.filter(vestigingscode="07LK00").update(naam="Oude naam")
    for naam in [
        "02.-alle-schoolvestigingen-basisonderwijs-zuid-limburg.csv",
        "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging-zuid-limburg.csv",
    ]:
        uitkomst = services.duo_bestand_importeren(inhoud=(duo_dir / naam).read_bytes())
        assert uitkomst.nieuw == 0
    na = (
        School.objects.count(),
        Leerlingtelling.objects.count(),
        Schoolbestuur.objects.count(),
        Gemeente.objects.count(),
    )
    assert voor == na
    assert School.objects.get(vestigingscode="07LK00").naam == "Gereformeerde Basisschool Benjamin"


def test_bestuur_names_edited_by_staff_survive_reimport(duo_dir):
    Schoolbestuur.objects.filter(nummer="41506").update(naam="INNOVO (bewerkt)")
    services.duo_bestand_importeren(
        inhoud=(duo_dir / "02.-alle-schoolvestigingen-basisonderwijs-zuid-limburg.csv").read_bytes()
    )
    assert Schoolbestuur.objects.get(nummer="41506").naam == "INNOVO (bewerkt)"


def test_new_school_lands_in_swv_by_postcode():
    uitkomst = services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP, register_regel(naam="Basisschool Één"))
    )
    assert (uitkomst.soort, uitkomst.rijen, uitkomst.nieuw) == (duo.Soort.REGISTER, 1, 1)
    school = School.objects.get(vestigingscode="99ZZ00")
    assert school.naam == "Basisschool Één"
    assert school.swv.code == "PO3106"  # 6411 is Heerlen
    assert school.bestuur.naam == "Bestuur 99001"


def test_bad_rows_are_all_reported_and_nothing_is_written():
    regels = [
        REGISTER_KOP,
        register_regel(vest="99ZZ00"),
        register_regel(vest="99ZZ01", postcode="ABCD"),
        register_regel(vest="XX", brin="99ZZ"),
        register_regel(vest="99ZZ03", bestuur="geen"),
        "Limburg;te;weinig;kolommen",
    ]
    with pytest.raises(duo.DuoBestandFout) as exc:
        services.duo_bestand_importeren(inhoud=bestand(*regels))
    fouten = {(f.regel, f.kolom) for f in exc.value.fouten}
    assert fouten == {(3, "POSTCODE"), (4, "VESTIGINGSCODE"), (5, "BEVOEGD GEZAG NUMMER"), (6, "")}
    assert "geen postcode" in str(exc.value.fouten[0])
    # The good row on line 2 was not imported either: one transaction per file.
    assert not School.objects.filter(vestigingscode__startswith="99ZZ").exists()


def test_counts_file_masks_and_rejects_garbage():
    regels = [
        TELLING_KOP,
        "99ZY;99ZY00;SBO De Test;SBO;Openbaar;99002;917;HEERLEN;12;<5;0",
    ]
    services.duo_bestand_importeren(inhoud=bestand(*regels, encoding="utf-8-sig"))
    school = School.objects.get(vestigingscode="99ZY00")
    assert school.soort == "SBO"
    assert school.swv.code == "PO3106"  # by municipality: no postcode in this file
    assert [t.weergave for t in school.tellingen.order_by("teldatum")] == ["12", "<5", "0"]

    slecht = [
        TELLING_KOP,
        "99ZX;99ZX00;SBO Fout;SBO;Openbaar;99002;917;HEERLEN;12;veel;0",
        "99ZX;99ZX01;X;MBO;O;99002;917;HEERLEN;1;1;1",
    ]
    with pytest.raises(duo.DuoBestandFout) as exc:
        services.duo_bestand_importeren(inhoud=bestand(*slecht, encoding="utf-8-sig"))
    assert {(f.regel, f.kolom) for f in exc.value.fouten} == {
        (2, "LEERLINGEN_2024"),
        (3, "SOORT_VESTIGING"),
    }
    assert not School.objects.filter(vestigingscode__startswith="99ZX").exists()


@pytest.mark.parametrize(
    "inhoud",
    [b"", b"a;b;c\r\n1;2;3\r\n", b"naam,adres\r\nx,y\r\n"],
    ids=["leeg", "onbekende-kop", "komma"],
)
def test_unrecognised_files_are_refused(inhoud):
    with pytest.raises(duo.DuoBestandFout) as exc:
        services.duo_bestand_importeren(inhoud=inhoud)
    assert exc.value.fouten[0].regel == 1


def test_region_table_rejects_bad_codes_and_accepts_europoort():
    ok = bestand(
        "PC4;GEMEENTE;PO_SWV;VO_SWV",
        "3197;Rotterdam;Europoort;Europoort",
        "9999;Nergens;PO9999;VO9999",
    )
    services.duo_bestand_importeren(inhoud=ok)
    assert RegioPostcode.objects.get(pc4="3197").po_swv == "Europoort"
    assert Samenwerkingsverband.objects.filter(code="PO9999").exists()
    assert not Samenwerkingsverband.objects.filter(code="Europoort").exists()
    with pytest.raises(duo.DuoBestandFout) as exc:
        services.duo_bestand_importeren(
            inhoud=bestand("PC4;GEMEENTE;PO_SWV;VO_SWV", "12345;X;PO1;VO2")
        )
    assert {f.kolom for f in exc.value.fouten} == {"PC4", "PO_SWV", "VO_SWV"}


def test_several_files_in_any_order_region_first():
    register = bestand(REGISTER_KOP, register_regel(vest="99ZW00", brin="99ZW", postcode="8888 AA"))
    regio = bestand("PC4;GEMEENTE;PO_SWV;VO_SWV", "8888;Testgemeente;PO9998;VO9998")
    uitkomsten = services.duo_bestanden_importeren(
        bestanden=[("register.csv", register), ("regio.csv", regio)]
    )
    assert [naam for naam, _ in uitkomsten] == ["regio.csv", "register.csv"]
    assert School.objects.get(vestigingscode="99ZW00").swv.code == "PO9998"


def test_command_reports_rows_and_fails_on_bad_file(tmp_path, capsys):
    goed = tmp_path / "goed.csv"
    goed.write_bytes(bestand(REGISTER_KOP, register_regel()))
    slecht = tmp_path / "slecht.csv"
    slecht.write_bytes(
        bestand(REGISTER_KOP, register_regel(vest="99ZV00", brin="99ZV", postcode="nope"))
    )
    call_command("import_duo", str(goed))
    assert School.objects.filter(vestigingscode="99ZZ00").exists()
    with pytest.raises(CommandError):
        call_command("import_duo", str(slecht))
    fout = capsys.readouterr().err
    assert "regel 2, kolom POSTCODE" in fout
    assert not School.objects.filter(vestigingscode="99ZV00").exists()
    with pytest.raises(CommandError, match="bestaat-niet"):
        call_command("import_duo", str(tmp_path / "bestaat-niet.csv"))


def test_upload_page_imports_for_medewerker_and_shows_row_errors(als):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = als("medewerker")
    assert client.get("/organisatie/import/").status_code == 200
    slecht = SimpleUploadedFile(
        "slecht.csv", bestand(REGISTER_KOP, register_regel(postcode="nope")), "text/csv"
    )
    antwoord = client.post("/organisatie/import/", {"bestanden": [slecht]})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "regel 2, kolom POSTCODE" in tekst
    assert not School.objects.filter(vestigingscode="99ZZ00").exists()
    goed = SimpleUploadedFile("goed.csv", bestand(REGISTER_KOP, register_regel()), "text/csv")
    antwoord = client.post("/organisatie/import/", {"bestanden": [goed]}, follow=True)
    assert "1 nieuw" in antwoord.content.decode()
    assert School.objects.filter(vestigingscode="99ZZ00").exists()


@pytest.mark.parametrize("username", ["bestuur-innovo", "ib-innovo", "opr", "trajectbegeleider"])
def test_upload_page_is_for_medewerkers_only(als, username):
    assert als(username).get("/organisatie/import/").status_code == 403


def test_gemeente_names_from_capitals():
    assert duo.nette_naam("VALKENBURG AAN DE GEUL") == "Valkenburg aan de Geul"
    assert duo.nette_naam("SITTARD-GELEEN") == "Sittard-Geleen"
    assert duo.sleutel("Eijsden-Margraten") == duo.sleutel("EIJSDEN-MARGRATEN")
