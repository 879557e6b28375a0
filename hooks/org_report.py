"""``mergeready org report``: the shard files queried with DuckDB (JSON lines or Parquet).

The queries are plain SQL over one relation, ``records`` (a row per contribution, its lists
of structs unnested where needed), so the README's BigQuery versions differ only in dialect.
DuckDB is an optional dependency (``pip install 'mergeready[org]'``), imported when used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from mergeready.checks.errors import MergereadyError

COLUMNS: Final = {
    "kind": "VARCHAR",
    "repository": "VARCHAR",
    "commit": "VARCHAR",
    "parent": "VARCHAR",
    "date": "VARCHAR",
    "subject": "VARCHAR",
    "author_association": "VARCHAR",
    "types": "STRUCT(type VARCHAR, evidence VARCHAR[])[]",
    "checks": "STRUCT(id VARCHAR, status VARCHAR, codes VARCHAR[])[]",
    "by_type": "STRUCT(type VARCHAR, required VARCHAR[], passed BOOLEAN)[]",
    "error": "VARCHAR",
    "mergeready": "VARCHAR",
    "config_digest": "VARCHAR",
}
"""The record's columns, as DuckDB reads them from JSON lines (a manifest line is left out)."""

_REQUIRED = """
WITH required AS (
  SELECT DISTINCT r.repository, r.commit, check_id
  FROM records AS r, UNNEST(r.by_type) AS t(bt), UNNEST(bt.required) AS q(check_id)
), statuses AS (
  SELECT r.repository, r.commit, c.id AS check_id, c.status
  FROM records AS r, UNNEST(r.checks) AS t(c)
)
SELECT s.check_id, COUNT(*) AS contributions, COUNT(DISTINCT s.repository) AS repositories
FROM statuses AS s
JOIN required AS q
  ON q.repository = s.repository AND q.commit = s.commit AND q.check_id = s.check_id
WHERE s.status = '{status}'
GROUP BY s.check_id
ORDER BY contributions DESC, s.check_id
LIMIT 10
"""

QUERIES: Final = {
    "pass_rates": """
SELECT r.repository, SUBSTR(r.date, 1, 7) AS month, bt.type AS type,
       COUNT(*) AS contributions,
       SUM(CASE WHEN bt.passed THEN 1 ELSE 0 END) AS passed,
       ROUND(AVG(CASE WHEN bt.passed THEN 1.0 ELSE 0.0 END), 4) AS pass_rate
FROM records AS r, UNNEST(r.by_type) AS t(bt)
GROUP BY r.repository, month, type
ORDER BY r.repository, month, type
""",
    "by_month": """
SELECT SUBSTR(r.date, 1, 7) AS month, bt.type AS type,
       COUNT(*) AS contributions,
       ROUND(AVG(CASE WHEN bt.passed THEN 1.0 ELSE 0.0 END), 4) AS pass_rate
FROM records AS r, UNNEST(r.by_type) AS t(bt)
GROUP BY month, type
ORDER BY month, type
""",
    "by_repository": """
SELECT r.repository, bt.type AS type, COUNT(*) AS contributions,
       ROUND(AVG(CASE WHEN bt.passed THEN 1.0 ELSE 0.0 END), 4) AS pass_rate
FROM records AS r, UNNEST(r.by_type) AS t(bt)
GROUP BY r.repository, type
ORDER BY r.repository, type
""",
    "most_failed": _REQUIRED.format(status="fail"),
    "most_skipped": _REQUIRED.format(status="skip"),
    "totals": """
SELECT COUNT(*) AS contributions, COUNT(DISTINCT repository) AS repositories,
       MIN(date) AS first, MAX(date) AS last,
       SUM(CASE WHEN error IS NULL THEN 0 ELSE 1 END) AS errors
FROM records
""",
}
"""The report's queries over ``records``; each row becomes a mapping of its columns."""


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def relation(files: Sequence[Path]) -> str:
    """Return the SQL that reads shard files (JSON lines) and merged Parquet files as records.

    Args:
        files: The files; ``.parquet`` ones are read as Parquet.

    Returns:
        A ``SELECT`` of the records (manifest lines left out).
    """
    jsonl = [f for f in files if f.suffix != ".parquet"]
    parquet = [f for f in files if f.suffix == ".parquet"]
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items()) + "}"
    parts = []
    if jsonl:
        listed = ", ".join(map(_literal, jsonl))
        parts.append(
            f"SELECT * FROM read_json([{listed}], format = 'newline_delimited', "
            f"columns = {columns}) WHERE kind = 'contribution'"
        )
    if parquet:
        parts.append(f"SELECT * FROM read_parquet([{', '.join(map(_literal, parquet))}])")
    return " UNION ALL BY NAME ".join(parts)


def connect(files: Sequence[Path]) -> Any:
    """Open an in-memory DuckDB whose view ``records`` reads the files.

    Args:
        files: Shard files (JSON lines) or merged Parquet files.

    Returns:
        The connection.

    Raises:
        MergereadyError: If DuckDB is not installed or cannot read a file.
    """
    try:
        import duckdb  # optional: only org report and Parquet output need it
    except ImportError as exc:
        raise MergereadyError(
            "org report needs DuckDB: pip install 'mergeready[org]' (or pip install duckdb)"
        ) from exc
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"CREATE VIEW records AS {relation(files)}")
        con.execute("SELECT COUNT(*) FROM records").fetchall()
    except duckdb.Error as exc:
        raise MergereadyError(f"cannot read the shard files: {str(exc).splitlines()[0]}") from exc
    return con


def report(files: Sequence[Path]) -> dict[str, Any]:
    """Run every query of ``QUERIES`` over the files.

    Args:
        files: Shard files or merged Parquet files.

    Returns:
        Per query, its rows as mappings; ``totals`` as one mapping.
    """
    con = connect(files)
    out: dict[str, Any] = {}
    for name, sql in QUERIES.items():
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        out[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    out["totals"] = out["totals"][0]
    con.close()
    return out


def to_parquet(files: Sequence[Path], output: Path) -> int:
    """Write the records of shard files as one Parquet file (for BigQuery or DuckDB).

    Args:
        files: The shard files.
        output: The Parquet file.

    Returns:
        How many records were written.
    """
    con = connect(files)
    con.execute(
        f"COPY (SELECT * FROM records ORDER BY repository, date, commit) "
        f"TO {_literal(output)} (FORMAT parquet)"
    )
    count: int = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    con.close()
    return count
