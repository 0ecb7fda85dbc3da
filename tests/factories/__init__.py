import factory
from factory.django import DjangoModelFactory

from swv.models import (
    Gebruiker,
    Gemeente,
    Leerlingtelling,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)
from swv.roles import Rol


class SamenwerkingsverbandFactory(DjangoModelFactory):
    class Meta:
        model = Samenwerkingsverband
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"PO{9000 + n}")
    naam = factory.Sequence(lambda n: f"SWV {n}")


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"{5000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")

    @factory.post_generation
    def samenwerkingsverbanden(self, create, extracted, **kwargs):
        if create and extracted:
            self.samenwerkingsverbanden.set(extracted)


class SchoolbestuurFactory(DjangoModelFactory):
    class Meta:
        model = Schoolbestuur

    nummer = factory.Sequence(lambda n: f"{70000 + n}")
    naam = factory.Sequence(lambda n: f"Stichting {n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    vestigingscode = factory.Sequence(
        lambda n: f"{n % 100:02d}X{chr(65 + (n // 100) % 26)}{n % 100:02d}"
    )
    instellingscode = factory.LazyAttribute(lambda o: o.vestigingscode[:4])
    naam = factory.Sequence(lambda n: f"Basisschool {n}")
    soort = "BAO"
    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    bestuur = factory.SubFactory(SchoolbestuurFactory)


class LeerlingtellingFactory(DjangoModelFactory):
    class Meta:
        model = Leerlingtelling

    school = factory.SubFactory(SchoolFactory)
    teldatum = factory.Sequence(lambda n: __import__("datetime").date(2000 + n, 10, 1))
    aantal = 100


class GebruikerFactory(DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    rol = Rol.MEDEWERKER
    password = factory.django.Password("geheim-wachtwoord-1")

    @factory.post_generation
    def swvs(self, create, extracted, **kwargs):
        if create and extracted:
            self.samenwerkingsverbanden.set(extracted)
