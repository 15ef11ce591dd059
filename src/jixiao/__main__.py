"""``python -m jixiao``: the same command line as ``jixiao``."""

from jixiao.cli import main

main(prog_name="jixiao")
