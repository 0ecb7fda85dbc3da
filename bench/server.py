"""Serving the bench data with gunicorn, signing in, and asking for pages over HTTP."""

import atexit
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

WORKERS = 2


def sessie(gebruikersnaam: str) -> str:
    """A session in the database as after a full sign-in (password and TOTP code): the
    user, the backend, the password hash and the verified OTP device. Returns its key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from swv.models import Gebruiker

    user = Gebruiker.objects.get(username=gebruikersnaam)
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    store.create()
    return store.session_key


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _met_ouder_stoppen():
    """In the child before exec: stop (SIGTERM) when the bench process dies, even when it
    is killed outright and its atexit handlers never run (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


class Gunicorn:
    """gunicorn with WORKERS sync workers on 127.0.0.1, stopped on exit whatever happens."""

    def __init__(self, env: dict, log: Path):
        self.poort = vrije_poort()
        self.log = log
        self.env = env
        self.proces = None

    def __enter__(self):
        basis = Path(__file__).resolve().parent.parent
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self._logbestand = open(self.log, "ab")  # noqa: SIM115
        self.proces = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "swv.wsgi:application",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.poort}",
                "--timeout",
                "180",
                "--chdir",
                str(basis),
                "--log-level",
                "warning",
            ],
            env={**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            stdout=self._logbestand,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_met_ouder_stoppen,  # noqa: PLW1509
        )
        atexit.register(self.stop)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proces.poll() is not None:
                raise RuntimeError(f"gunicorn stopte meteen; zie {self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.poort), timeout=1):
                    pass
                if len(self.workers()) >= WORKERS:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn startte niet binnen 60 s")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proces and self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(timeout=5)
        if getattr(self, "_logbestand", None):
            self._logbestand.close()
            self._logbestand = None

    def workers(self) -> list[int]:
        pid = self.proces.pid
        try:
            kinderen = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(p) for p in kinderen]

    def rss_kib(self) -> dict[int, int]:
        uit = {}
        for pid in self.workers():
            try:
                for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if regel.startswith("VmRSS:"):
                        uit[pid] = int(regel.split()[1])
            except OSError:
                pass
        return uit


class Klant:
    """GET over one kept-alive connection (reopened when the server closes it, as
    gunicorn's sync workers do after each response); the time includes any reconnect."""

    def __init__(self, poort: int, sessiesleutel: str, timeout: float = 180):
        self.poort, self.timeout = poort, timeout
        self.kop = {"Cookie": f"sessionid={sessiesleutel}", "Accept-Encoding": "identity"}
        self.conn = None
        self.laatste_type = ""

    def get(self, pad: str) -> tuple[int, int, float]:
        """(status, bytes, milliseconds)."""
        for poging in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    "127.0.0.1", self.poort, timeout=self.timeout
                )
            start = time.perf_counter()
            try:
                self.conn.request("GET", pad, headers=self.kop)
                r = self.conn.getresponse()
                inhoud = r.read()
            except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
                self.sluiten()
                if poging:
                    raise
                continue
            ms = (time.perf_counter() - start) * 1000
            self.laatste_type = r.getheader("Content-Type", "")
            if r.will_close:
                self.sluiten()
            return r.status, len(inhoud), ms
        raise AssertionError("unreachable")

    def sluiten(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
