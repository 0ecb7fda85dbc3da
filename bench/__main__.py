"""Run every benchmark: `make bench` (or `python -m bench NAME` for one).

Each module bench/<name>.py has a main(); figures go to stdout and into bench/RESULTS.md
by hand (with the command and the machine).
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main():
    gekozen = sys.argv[1:]
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("_") or (gekozen and info.name not in gekozen):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if hasattr(module, "main"):
            print(f"== bench.{info.name}")
            module.main()


if __name__ == "__main__":
    main()
