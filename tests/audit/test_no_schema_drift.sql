{{ config(severity='warn') }}
-- Every lake file keeps its feed's contract. A file that lacks a column or
-- adds one is recorded (warn), not fatal: its rows are already staged or
-- quarantined by the base model; this names the files to look at.
select
    feed,
    file_name,
    column_name,
    drift
from {{ ref('audit_schema_drift') }}
