import pytest


def pytest_configure(config):
    # Registered here so the bench's smoke test can be selected (`-m bench`).
    config.addinivalue_line("markers", "bench: the benchmark harness on tiny data (bench/)")


def pytest_collection_modifyitems(config, items):
    """The smoke test starts servers and a load generator: it runs when asked for
    (`pytest -m bench tests/bench`), not as part of every suite run."""
    if "bench" in (config.option.markexpr or ""):
        return
    overslaan = pytest.mark.skip(reason="benchmark harness: run with -m bench")
    for item in items:
        if item.get_closest_marker("bench"):
            item.add_marker(overslaan)
