"""``python -m simulatie.cli``: the same as the ``simulatie`` command."""

import sys

from simulatie.cli import main

sys.exit(main())
