"""`python -m goaltui`."""

import sys

from goaltui.command import main

sys.exit(main())
