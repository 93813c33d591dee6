"""The CLI starts light: help and usage errors never load the libraries or layers that the commands run on."""

import json
import subprocess
import sys

import pytest

#: Libraries and layers a command imports only when it runs; help and usage errors must not pay for them.
HEAVY = ("duckdb", "pyarrow", "numpy", "scipy", "sklearn", "lightgbm", "igraph", "leidenalg", "plotly", "jinja2",
         "stix2", "phonenumbers", "tldextract", "pandas",
         "scamnet.service", "scamnet.evaluate", "scamnet.detect", "scamnet.store", "scamnet.graph", "scamnet.features")

# Runs in a fresh interpreter: imports the app, builds the whole click command tree, runs argv (or, with
# "EVERY", --help of every command and group), then prints the exit codes and the heavy modules loaded.
PROBE = """
import json, sys
import typer.main
import scamnet.cli.app as cli

def paths(command, prefix):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from paths(sub, [*prefix, name])

def run(argv):
    try:
        cli.main(argv)
    except SystemExit as exc:
        return exc.code
    return 0

tree = typer.main.get_command(cli.app)
argv = json.loads(sys.argv[1])
runs = [[*p, "--help"] for p in paths(tree, [])] if argv == "EVERY" else [argv]
codes = [run(a) for a in runs]
heavy = tuple(json.loads(sys.argv[2]))
loaded = sorted(m for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy)))
sys.stdout = sys.__stdout__
print(json.dumps({"runs": len(runs), "codes": codes, "loaded": loaded}))
"""


def probe(argv: list[str] | str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(("argv", "code"), [
    (["--help"], 0),
    (["bench", "--help"], 0),
    (["inspect", "--help"], 0),
    (["stats", "--bogus"], 2),
    (["bench", "telecom"], 2),  # a missing required option
])
def test_help_and_usage_errors_load_no_detector_store_or_heavy_library(argv: list[str], code: int) -> None:
    result = probe(argv)
    assert result["codes"] == [code]
    assert result["loaded"] == []


def test_the_help_of_every_command_loads_no_detector_store_or_heavy_library() -> None:
    result = probe("EVERY")
    assert result["runs"] > 25  # every command and group of the tree, bench and inspect areas included
    assert set(result["codes"]) == {0}
    assert result["loaded"] == []
