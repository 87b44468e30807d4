"""Who makes a change from the command line, for the history of synonyms and best bets.

``$USER`` is unset in containers, cron jobs and ``sudo -i`` shells; the login name from
the password database (``getpass``/``pwd``) still names the account, so a change there
works without ``--who`` instead of failing.
"""

from __future__ import annotations

import getpass
import os


def default_who() -> str:
    """$USER or $LOGNAME, else the account's login name; '' when nothing names it."""
    for name in ("USER", "LOGNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError (3.13) or KeyError (older) without a name
        return ""


WHO_HELP = "who makes the change (default: $USER, else your login name)"
