"""Run the command line with `python -m phraselint`."""

from phraselint.cli import main

main()
