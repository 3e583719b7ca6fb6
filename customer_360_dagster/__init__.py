"""customer_360 under Dagster: `dagster dev -m customer_360_dagster` loads `defs`.

Importing this package parses the dbt project (definitions.prepare_project); tests and tools
that want no side effect at import use customer_360_dagster.definitions.build_definitions.
"""

from customer_360_dagster.definitions import build_definitions

defs = build_definitions()
