"""`python -m engine` runs the zhisuan CLI."""

import sys

from .cli.app import main

sys.exit(main())
