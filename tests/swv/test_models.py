from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from swv.models import Gebruiker, Leerlingtelling
from swv.roles import Rol
from tests.factories import SchoolFactory


def test_only_special_schools_have_a_cluster():
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolFactory(soort="BAO", cluster=4)
    assert SchoolFactory(soort="SO", cluster=4).cluster == 4


def test_cluster_1_and_2_are_outside_the_swv():
    from swv.models import School

    so3 = SchoolFactory(soort="SO", cluster=3)
    so2 = SchoolFactory(soort="SO", cluster=2)
    binnen = School.objects.binnen_swv()
    assert so3 in binnen and so2 not in binnen


def test_a_count_is_a_number_or_masked_never_both():
    school = SchoolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Leerlingtelling.objects.create(
            school=school, teldatum=date(2024, 10, 1), aantal=3, gemaskeerd=True
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Leerlingtelling.objects.create(
            school=school, teldatum=date(2024, 10, 1), aantal=None, gemaskeerd=False
        )
    Leerlingtelling.objects.create(
        school=school, teldatum=date(2024, 10, 1), aantal=None, gemaskeerd=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Leerlingtelling.objects.create(school=school, teldatum=date(2024, 10, 1), aantal=4)


def test_bestuur_user_needs_a_bestuur():
    gebruiker = Gebruiker(username="x", rol=Rol.BESTUUR)
    with pytest.raises(ValidationError) as exc:
        gebruiker.full_clean()
    assert "bestuur" in exc.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebruiker.objects.create(username="y", rol=Rol.SCHOOL)


def test_pk_in_with_out_of_range_integers_matches_nothing_instead_of_crashing():
    from swv.models import School

    school = SchoolFactory()
    assert list(School.objects.filter(pk__in=[2**63, school.pk, -(2**64)])) == [school]
    assert not School.objects.filter(pk__in=[2**63]).exists()
