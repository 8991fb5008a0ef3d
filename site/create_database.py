"""Create the PostgreSQL database named in DATABASE_URL if it does not exist (`make run-prod`)."""

import os
import sys

import dj_database_url


def main() -> None:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in config["ENGINE"]:
        return
    import psycopg
    from psycopg import sql

    server = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
              "password": config["PASSWORD"] or None, "dbname": "postgres"}
    with psycopg.connect(**{k: v for k, v in server.items() if v}, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"Created database {config['NAME']}", file=sys.stderr)


if __name__ == "__main__":
    main()
