"""``python -m bench [--runs 15] [--only NAME]``: every benchmark, or one, and the table of results."""

import sys

from bench.run import main

sys.exit(main())
