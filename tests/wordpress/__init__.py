"""A real WordPress site (Debian's package, MariaDB, PHP's built-in server) for crawler tests."""
