"""`python -m engine` runs the zhisuan CLI."""

import sys

from .cli.entry import main

sys.exit(main())
