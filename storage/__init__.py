"""SQLAlchemy: tables, the repository that saves and loads board/ objects, the engine, migrations."""
