"""`python -m interdict` runs the command-line interface."""

from interdict.cli import app

app(prog_name="interdict")
