"""Django's SQLite backend, with connections kept open between requests."""
