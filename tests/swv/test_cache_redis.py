"""The shared cache option (SWV_CACHE_URL): with Redis, the duplicate check's counter is
one per user across all worker processes. Tested when the Redis of this machine runs."""

import socket

import environ
import pytest
from django.core.cache import caches
from django.test import override_settings

from leerlingen import dubbelcontrole


def _redis_draait() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


def test_cache_url_wordt_gelezen():
    env = environ.Env()
    assert env.cache_url_config("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")
    assert env.cache_url_config("locmemcache://")["BACKEND"].endswith("LocMemCache")


@pytest.mark.skipif(not _redis_draait(), reason="Redis draait niet op 127.0.0.1:6379")
def test_limiet_gedeeld_tussen_werkers(gebruiker, settings):
    config = environ.Env().cache_url_config("redis://127.0.0.1:6379/15")
    config["KEY_PREFIX"] = "swv-test"
    settings.DUBBELCONTROLE_LIMIET = 3
    with override_settings(CACHES={"default": config, "andere_werker": config}):
        caches["default"].clear()
        ib = gebruiker("ib-innovo")
        assert dubbelcontrole.tellen(ib) == 1
        assert dubbelcontrole.tellen(ib) == 2
        # A second process sees the same counter (here: a second client on the same Redis).
        assert caches["andere_werker"].get(f"dubbelcontrole:{ib.pk}") == 2
        caches["andere_werker"].incr(f"dubbelcontrole:{ib.pk}")
        with pytest.raises(dubbelcontrole.TeVeelControles):
            dubbelcontrole.tellen(ib)
        caches["default"].clear()
