"""Storage: SQLAlchemy models, sessions, migrations and the query log."""
