"""Deterministic generator of the customer_360 raw lake (see docs/lake_format.md).

Modules, in the order `scripts/generate_lake.py` uses them:

* `population`: the true customers (people, households, twins, Jr/Sr, e-mails, phones,
  addresses) and `_truth/customers.parquet`;
* `records`: which source records exist in which system and which load date exports them;
* `render`, `noise`: what each record shows (nicknames, typos, swapped names, stale values);
* `profiles`: the five profile feeds in their own formats, `_truth/source_records.parquet`
  and `_truth/bad_rows.parquet` (through `lakeio`);
* `web`, `contact_center`: clickstream, Connect contact records and agent events.

`data` holds the embedded name, street and city lists; `vec` and `timefmt` the vectorized
string and time helpers. Nothing loops over customers in Python.
"""
