"""The DUO import: real files, files as DUO publishes them (blanks, extra and reordered
columns, trailing delimiters, cp1252 and UTF-8), refused rows next to imported ones,
warnings with row and column, derivations, re-import, file order, atomicity."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from swv import duo, services
from swv.models import (
    Gemeente,
    Leerlingtelling,
    RegioPostcode,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)

FIXTURES = Path(__file__).parent / "fixtures" / "duo"

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


def test_counts_file_masks_and_a_file_without_usable_rows_is_refused():
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
    # Every row has an unusable key: nothing of the file can be imported.
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


@pytest.mark.parametrize("username", ["bestuur-innovo", "ib-innovo", "opr", "trajectbegeleider"])
def test_upload_page_is_for_medewerkers_only(als, username):
    assert als(username).get("/organisatie/import/").status_code == 403


def test_gemeente_names_from_capitals():
    assert duo.nette_naam("VALKENBURG AAN DE GEUL") == "Valkenburg aan de Geul"
    assert duo.nette_naam("SITTARD-GELEEN") == "Sittard-Geleen"
    assert duo.sleutel("Eijsden-Margraten") == duo.sleutel("EIJSDEN-MARGRATEN")


def meldingen(lijst):
    return {(m.regel, m.kolom): m.reden for m in lijst}


def importeer(naam):
    return services.duo_bestand_importeren(inhoud=(FIXTURES / naam).read_bytes())


# --- Files as DUO publishes them (fixtures cut from the real rows, see fixtures/duo/maak.py)


@pytest.mark.parametrize("naam", ["register-cp1252.csv", "register-utf8-herschikt.csv"])
def test_register_with_blank_gemeentenaam_imports_and_warns(naam):
    # Rows 3 and 4 have GEMEENTENAAM blank, GEMEENTENUMMER filled (the issue); row 6 has no
    # vestigingscode. cp1252 with an extra column and trailing ';', or UTF-8 (no BOM) with
    # the columns reordered and the header in lower case with spaces.
    School.objects.filter(vestigingscode="22NL00").update(straat="Oud adres 1")
    uitkomst = importeer(naam)
    assert (uitkomst.soort, uitkomst.rijen, uitkomst.overgeslagen) == (duo.Soort.REGISTER, 5, 1)
    assert meldingen(uitkomst.waarschuwingen) == {
        (3, "GEMEENTENAAM"): "leeg; 'Heerlen' afgeleid uit gemeentenummer 0917 "
        "(andere regels van dit bestand).",
        (4, "GEMEENTENAAM"): "leeg; gemeentenummer 0899 is de bekende gemeente 'Brunssum'.",
    }
    assert meldingen(uitkomst.geweigerd) == {(6, "VESTIGINGSCODE"): "Vestigingscode ontbreekt."}
    helianthus = School.objects.get(vestigingscode="22NL00")
    assert (helianthus.gemeente.naam, helianthus.straat) == ("Heerlen", "Kerkraderweg 7-B")
    assert School.objects.get(vestigingscode="07LK00").gemeente.code == "0899"
    # Found by name, whatever the encoding or column order.
    assert School.objects.get(vestigingscode="05KP00").naam == "Basisschool Het Mozaïek"
    assert School.objects.get(vestigingscode="07VS00").naam == "Kindcentrum Carré"
    assert School.objects.get(vestigingscode="07LK00").website == ""


def test_warning_text_names_row_and_column():
    uitkomst = importeer("register-cp1252.csv")
    assert [str(m) for m in uitkomst.waarschuwingen][0] == (
        "regel 3, kolom GEMEENTENAAM: leeg; 'Heerlen' afgeleid uit gemeentenummer 0917 "
        "(andere regels van dit bestand)."
    )
    assert str(uitkomst.geweigerd[0]) == "regel 6, kolom VESTIGINGSCODE: Vestigingscode ontbreekt."


@pytest.mark.parametrize("naam", ["tellingen-utf8-bom.csv", "tellingen-cp1252-herschikt.csv"])
def test_counts_with_blanks_refuse_only_the_row_with_a_bad_count(naam):
    de_vlieger = School.objects.get(vestigingscode="00BW00")
    voor = dict(de_vlieger.tellingen.values_list("teldatum", "aantal"))
    Leerlingtelling.objects.filter(
        school__vestigingscode="22NL00", teldatum=date(2025, 10, 1)
    ).update(aantal=1)
    uitkomst = importeer(naam)
    assert (uitkomst.rijen, uitkomst.overgeslagen, uitkomst.tellingen) == (5, 1, 1)
    assert meldingen(uitkomst.geweigerd) == {
        (5, "LEERLINGEN_2024"): "'veel' is geen aantal leerlingen."
    }
    # The refused row is no source for the others: 1883 is known from the database.
    assert meldingen(uitkomst.waarschuwingen) == {
        (3, "GEMEENTENAAM_VESTIGING"): "leeg; 'Heerlen' afgeleid uit gemeentenummer 0917 "
        "(andere regels van dit bestand).",
        (6, "GEMEENTENAAM_VESTIGING"): "leeg; gemeentenummer 1883 is de bekende gemeente "
        "'Sittard-Geleen'.",
    }
    assert (
        Leerlingtelling.objects.get(
            school__vestigingscode="22NL00", teldatum=date(2025, 10, 1)
        ).aantal
        == 353
    )
    assert dict(de_vlieger.tellingen.values_list("teldatum", "aantal")) == voor
    # The count file's older spelling never renames a known school.
    assert School.objects.get(vestigingscode="05KP00").naam == "Basisschool Het Mozaïek"


def test_region_table_with_odd_header_and_a_blank_gemeente():
    uitkomst = importeer("regio-pc4-heerlen.csv")
    assert (uitkomst.rijen, uitkomst.nieuw, uitkomst.geweigerd) == (9, 0, [])
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "GEMEENTE"): "leeg; bekende gemeente 'Heerlen' behouden."
    }
    assert RegioPostcode.objects.get(pc4="6411").gemeente == "Heerlen"


def test_reimport_of_the_fixtures_is_idempotent():
    bestanden = [
        (n, (FIXTURES / n).read_bytes()) for n in sorted(p.name for p in FIXTURES.glob("*.csv"))
    ]
    services.duo_bestanden_importeren(bestanden=bestanden)
    voor = [
        list(m.objects.order_by("pk").values())
        for m in (School, Gemeente, Schoolbestuur, Leerlingtelling, RegioPostcode)
    ]
    tweede = services.duo_bestanden_importeren(bestanden=bestanden)
    assert all(u.nieuw == 0 and u.bijgewerkt == 0 for n, u in tweede if "register" in n)
    assert all(u.tellingen == 0 for n, u in tweede if "tellingen" in n)
    na = [
        list(m.objects.order_by("pk").values())
        for m in (School, Gemeente, Schoolbestuur, Leerlingtelling, RegioPostcode)
    ]
    assert voor == na


# --- Refused rows and derivations


@pytest.mark.parametrize(
    ("kop_slot", "rij_slot"), [("", ";"), ("", ";;"), (";", ""), (";", ";")], ids=repr
)
def test_trailing_delimiters_on_header_or_rows_are_ignored(kop_slot, rij_slot):
    uitkomst = services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP + kop_slot, register_regel() + rij_slot)
    )
    assert (uitkomst.rijen, uitkomst.geweigerd, uitkomst.waarschuwingen) == (1, [], [])
    assert School.objects.get(vestigingscode="99ZZ00").website == "www.example.nl"


def test_refused_rows_next_to_imported_rows():
    regels = [
        REGISTER_KOP,
        register_regel(vest="99ZZ00"),
        register_regel(vest="99ZZ01", postcode="ABCD"),
        register_regel(vest="XX", brin="99ZZ"),
        register_regel(vest="99ZZ03", bestuur="geen"),
        "Limburg;te;weinig;kolommen",
        register_regel(vest="99ZZ05", naam="Basisschool Een; Twee"),
        register_regel(vest="99ZZ00", naam="Dubbel"),
        ";".join(register_regel(vest="99ZZ06").split(";")[:14]),  # cut after INTERNETADRES
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(*regels))
    assert uitkomst.rijen == 4
    assert set(meldingen(uitkomst.geweigerd)) == {
        (4, "VESTIGINGSCODE"),
        (6, "VESTIGINGSCODE"),
        (7, ""),
        (8, "VESTIGINGSCODE"),
    }
    assert "31 velden" not in meldingen(uitkomst.geweigerd)[(7, "")]
    assert "32 velden, de kopregel heeft er 31" in meldingen(uitkomst.geweigerd)[(7, "")]
    assert "staat al op regel 2" in meldingen(uitkomst.geweigerd)[(8, "VESTIGINGSCODE")]
    assert meldingen(uitkomst.waarschuwingen) == {
        (3, "POSTCODE"): "'ABCD' is geen postcode; leeg gelaten (het samenwerkingsverband "
        "volgt dan uit de gemeente).",
        (5, "BEVOEGD GEZAG NUMMER"): "'geen' is geen bevoegd-gezagnummer; 99001 overgenomen "
        "van de andere vestigingen van instelling 99ZZ.",
        (9, ""): "14 velden, de kopregel heeft er 31: de ontbrekende velden zijn leeg.",
    }
    assert set(
        School.objects.filter(vestigingscode__startswith="99ZZ").values_list(
            "vestigingscode", flat=True
        )
    ) == {"99ZZ00", "99ZZ01", "99ZZ03", "99ZZ06"}
    zonder_postcode = School.objects.get(vestigingscode="99ZZ01")
    assert zonder_postcode.postcode == ""
    assert zonder_postcode.swv.code == "PO3106"  # via its gemeente, Heerlen
    assert School.objects.get(vestigingscode="99ZZ03").bestuur.nummer == "99001"


def test_unreadable_row_is_refused_and_the_next_rows_still_import():
    enorm = register_regel(vest="99ZZ01").replace("www.example.nl", "x" * 200_000)
    uitkomst = services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP, enorm, register_regel(vest="99ZZ02"))
    )
    assert uitkomst.rijen == 1
    assert [(m.regel, m.kolom) for m in uitkomst.geweigerd] == [(2, "")]
    assert "Onleesbare regel" in uitkomst.geweigerd[0].reden
    assert School.objects.filter(vestigingscode="99ZZ02").exists()


def test_blank_descriptive_values_keep_what_is_known():
    rij = [
        "Limburg;36336;07LK;07LK00;;Koolweg;9;;BRUNSSUM;0899;BRUNSSUM;;0455216561; ;Koolweg;9;"
        "6446 TM;BRUNSSUM;79;Heerlen;33;Parkstad Limburg;41;Oostelijk Zuid-Limburg;39;"
        "Zuid-Limburg;25;Zuid-Limburg;39;Gewest Zuid-Limburg;Zuid"
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(REGISTER_KOP, *rij))
    assert meldingen(uitkomst.waarschuwingen) == {
        (
            2,
            "VESTIGINGSNAAM",
        ): "leeg; bekende waarde 'Gereformeerde Basisschool Benjamin' behouden.",
        (2, "POSTCODE"): "leeg; bekende waarde '6446 TM' behouden.",
        (2, "DENOMINATIE"): "leeg; bekende waarde 'Protestants-Christelijk' behouden.",
    }
    school = School.objects.get(vestigingscode="07LK00")
    assert (school.naam, school.postcode, school.denominatie) == (
        "Gereformeerde Basisschool Benjamin",
        "6446 TM",
        "Protestants-Christelijk",
    )


def test_gemeentenaam_from_the_region_table_or_provisional_then_named():
    # A new gemeentenummer nobody knows yet, only the postcode: the region table names it.
    regels = [
        REGISTER_KOP,
        register_regel(vest="99ZZ00", gemeente="0363", gemeentenaam="", postcode="1011 AB"),
        register_regel(vest="99ZZ01", gemeente="9999", gemeentenaam="", postcode="8888 AA"),
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(*regels))
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "GEMEENTENAAM"): "leeg; 'Amsterdam' afgeleid uit de regio-indeling "
        "(postcodegebied 1011).",
        (3, "GEMEENTENAAM"): "leeg; niet af te leiden; de gemeente heet voorlopig 'Gemeente 9999'.",
    }
    assert Gemeente.objects.get(code="0363").naam == "Amsterdam"
    assert School.objects.get(vestigingscode="99ZZ00").swv.code == "PO2707"
    assert Gemeente.objects.get(code="9999").naam == "Gemeente 9999"
    # A later file that names it replaces the provisional name, without a warning.
    later = services.duo_bestand_importeren(
        inhoud=bestand(
            REGISTER_KOP, register_regel(vest="99ZZ01", gemeente="9999", gemeentenaam="NIEUWDORP")
        )
    )
    assert later.waarschuwingen == []
    assert Gemeente.objects.get(code="9999").naam == "Nieuwdorp"


def test_gemeentenummer_from_the_name_and_a_new_school_without_gemeente_is_refused():
    regels = [
        REGISTER_KOP,
        register_regel(vest="99ZZ00", gemeente="", gemeentenaam="HEERLEN"),
        register_regel(vest="99ZZ01", gemeente="", gemeentenaam=""),
        register_regel(vest="99ZZ02", gemeente="", gemeentenaam="ONBEKENDDORP"),
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(*regels))
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "GEMEENTENUMMER"): "leeg; de bekende gemeente 'Heerlen' gebruikt."
    }
    assert set(meldingen(uitkomst.geweigerd)) == {(3, "GEMEENTENUMMER"), (4, "GEMEENTENUMMER")}
    assert "regel overgeslagen" in meldingen(uitkomst.geweigerd)[(3, "GEMEENTENUMMER")]
    assert School.objects.get(vestigingscode="99ZZ00").gemeente.code == "0917"
    assert not School.objects.filter(vestigingscode__in=["99ZZ01", "99ZZ02"]).exists()


def test_bestuur_from_known_vestigingen_and_refused_for_an_unknown_instelling():
    regels = [
        REGISTER_KOP,
        register_regel(vest="07LK01", brin="07LK", bestuur=""),  # 07LK00 is known: 36336
        register_regel(vest="99ZZ00", bestuur=""),  # nobody knows instelling 99ZZ
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(*regels))
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "BEVOEGD GEZAG NUMMER"): "leeg; 36336 overgenomen van de bekende vestigingen "
        "van instelling 07LK."
    }
    assert set(meldingen(uitkomst.geweigerd)) == {(3, "BEVOEGD GEZAG NUMMER")}
    assert School.objects.get(vestigingscode="07LK01").bestuur.nummer == "36336"


def test_renamed_municipality_takes_the_new_name_with_a_warning():
    uitkomst = services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP, register_regel(gemeentenaam="HEERLEN AAN DE GEUL"))
    )
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "GEMEENTENAAM"): "gemeente 0917 heette 'Heerlen'; de naam is nu 'Heerlen aan de Geul'."
    }
    assert Gemeente.objects.get(code="0917").naam == "Heerlen aan de Geul"
    # Capitals only (DUO writes names in capitals) are no rename.
    services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP, register_regel(gemeentenaam="heerlen aan de geul"))
    )
    assert Gemeente.objects.get(code="0917").naam == "Heerlen aan de Geul"


def test_missing_descriptive_column_is_one_warning_and_keeps_known_values():
    kop = REGISTER_KOP.split(";")
    rij = register_regel(vest="07LK00", brin="07LK", bestuur="36336").split(";")
    weg = kop.index("TELEFOONNUMMER")
    del kop[weg], rij[weg]
    School.objects.filter(vestigingscode="07LK00").update(telefoon="0455216561")
    uitkomst = services.duo_bestand_importeren(inhoud=bestand(";".join(kop), ";".join(rij)))
    assert meldingen(uitkomst.waarschuwingen) == {
        (1, "TELEFOONNUMMER"): "Kolom ontbreekt; de waarden ervan gelden als onbekend."
    }
    assert School.objects.get(vestigingscode="07LK00").telefoon == "0455216561"


def test_missing_key_column_refuses_the_file():
    kop = TELLING_KOP.replace("SOORT_VESTIGING;", "")
    with pytest.raises(duo.DuoBestandFout) as exc:
        services.duo_bestand_importeren(
            inhoud=bestand(kop, "99ZY;99ZY00;SBO;Openbaar;99002;917;HEERLEN;12;<5;0")
        )
    assert [(f.regel, f.kolom) for f in exc.value.fouten] == [(1, "SOORT_VESTIGING")]


def test_too_long_value_is_cut_with_a_warning():
    lang = "www.example.nl/" + "x" * 300
    uitkomst = services.duo_bestand_importeren(
        inhoud=bestand(REGISTER_KOP, register_regel().replace("www.example.nl", lang))
    )
    assert meldingen(uitkomst.waarschuwingen) == {
        (2, "INTERNETADRES"): "langer dan 200 tekens; ingekort."
    }
    assert School.objects.get(vestigingscode="99ZZ00").website == lang[:200]


def test_encoding_is_detected_not_assumed():
    # The register in UTF-8 and the counts in cp1252: both read right.
    register = bestand(REGISTER_KOP, register_regel(naam="Basisschool Één"), encoding="utf-8")
    tellingen = bestand(
        TELLING_KOP, "99ZZ;99ZZ00;Één;BO;Openbaar;99001;917;HEERLEN;1;2;3", encoding="cp1252"
    )
    uitkomsten = dict(
        services.duo_bestanden_importeren(bestanden=[("t.csv", tellingen), ("r.csv", register)])
    )
    assert uitkomsten["r.csv"].waarschuwingen == uitkomsten["t.csv"].waarschuwingen == []
    assert School.objects.get(vestigingscode="99ZZ00").naam == "Basisschool Één"


def test_an_unexpected_error_saves_nothing_of_any_file(monkeypatch):
    regio = bestand("PC4;GEMEENTE;PO_SWV;VO_SWV", "8888;Testgemeente;PO9998;VO9998")
    register = bestand(REGISTER_KOP, register_regel())

    def stuk():
        raise RuntimeError("stuk")

    monkeypatch.setattr(services, "scholen_indelen", stuk)
    with pytest.raises(RuntimeError):
        services.duo_bestanden_importeren(bestanden=[("r.csv", register), ("p.csv", regio)])
    assert not School.objects.filter(vestigingscode="99ZZ00").exists()
    assert not RegioPostcode.objects.filter(pc4="8888").exists()
    assert not Samenwerkingsverband.objects.filter(code="PO9998").exists()


def test_import_query_count_does_not_grow_with_rows(duo_dir):
    # Re-importing the real count file (208 rows, 30 years) takes as many queries as
    # re-importing two of its rows: nothing is fetched or written per row.
    inhoud = (
        duo_dir / "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging-zuid-limburg.csv"
    ).read_bytes()
    twee = b"\r\n".join(inhoud.split(b"\r\n")[:3]) + b"\r\n"
    tellers = []
    for bestand_ in (inhoud, twee):
        with CaptureQueriesContext(connection) as vragen:
            uitkomst = services.duo_bestand_importeren(inhoud=bestand_)
        assert (uitkomst.nieuw, uitkomst.bijgewerkt, uitkomst.tellingen) == (0, 0, 0)
        tellers.append(len(vragen))
    assert tellers[0] == tellers[1] <= 25


# --- The report: command and import page


def test_command_reports_warnings_and_skipped_rows_and_fails_only_on_unusable_files(
    tmp_path, capsys
):
    call_command("import_duo", str(FIXTURES / "register-cp1252.csv"))
    uit = capsys.readouterr()
    assert "5 regels ingelezen" in uit.out and "1 overgeslagen" in uit.out
    assert "regel 3, kolom GEMEENTENAAM: leeg; 'Heerlen' afgeleid" in uit.out
    assert "regel 6, kolom VESTIGINGSCODE: Vestigingscode ontbreekt." in uit.err
    assert School.objects.get(vestigingscode="22NL00").gemeente.naam == "Heerlen"
    onbruikbaar = tmp_path / "onbruikbaar.csv"
    onbruikbaar.write_bytes(bestand(REGISTER_KOP, register_regel(vest="XX")))
    with pytest.raises(CommandError):
        call_command("import_duo", str(onbruikbaar))
    assert "niets ingelezen" in capsys.readouterr().err
    with pytest.raises(CommandError, match="bestaat-niet"):
        call_command("import_duo", str(tmp_path / "bestaat-niet.csv"))


def test_upload_page_shows_warnings_and_skipped_rows(als):
    client = als("medewerker")
    assert client.get("/organisatie/import/").status_code == 200
    bestanden = [
        SimpleUploadedFile(n, (FIXTURES / n).read_bytes(), "text/csv")
        for n in ("register-cp1252.csv", "tellingen-utf8-bom.csv")
    ]
    onbruikbaar = SimpleUploadedFile(
        "onbruikbaar.csv", bestand(REGISTER_KOP, register_regel(vest="XX")), "text/csv"
    )
    antwoord = client.post("/organisatie/import/", {"bestanden": [*bestanden, onbruikbaar]})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "5 regels ingelezen: 0 nieuw" in tekst
    assert "1 regel overgeslagen" in tekst
    assert (
        "<td>3</td><td>GEMEENTENAAM</td><td>leeg; &#x27;Heerlen&#x27; afgeleid uit gemeentenummer 0917"
        in tekst
    )
    assert (
        "<td>5</td><td>LEERLINGEN_2024</td><td>&#x27;veel&#x27; is geen aantal leerlingen.</td>"
        in tekst
    )
    assert "onbruikbaar.csv" in tekst and "niets uit dit bestand is opgeslagen" in tekst
    assert (
        Leerlingtelling.objects.get(
            school__vestigingscode="22NL00", teldatum=date(2025, 10, 1)
        ).aantal
        == 353
    )
