"""The PostgreSQL backend: Django's, reading timestamps through psycopg's compiled parser (see base.py)."""
