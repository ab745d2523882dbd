"""`python -m ladderc` runs the command line."""

import sys

from ladderc.cli import main

sys.exit(main())
