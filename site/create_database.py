"""Create the PostgreSQL database named in DATABASE_URL if it does not exist (`make run-prod`), and
throwaway databases for `make soak`."""

import os
import sys

import dj_database_url


def _server(url: str):
    """A connection to the maintenance database of the server in `url`, and the database's name."""
    import psycopg

    config = dj_database_url.parse(url)
    server = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
              "password": config["PASSWORD"] or None, "dbname": "postgres"}
    return psycopg.connect(**{k: v for k, v in server.items() if v}, autocommit=True), config["NAME"]


def create_database(url: str) -> bool:
    """Create the database if it does not exist; True when it was created."""
    from psycopg import sql

    connection, name = _server(url)
    with connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def drop_database(url: str) -> None:
    from psycopg import sql

    connection, name = _server(url)
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    url = os.environ["DATABASE_URL"]
    if "postgresql" in dj_database_url.parse(url)["ENGINE"] and create_database(url):
        print(f"Created database {dj_database_url.parse(url)['NAME']}", file=sys.stderr)


if __name__ == "__main__":
    main()
