"""dbt-duckdb plugins of customer_360 (profiles.yml `plugins:`)."""
