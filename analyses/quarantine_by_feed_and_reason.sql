-- Which feeds send rows to quarantine, and why: the first question after a
-- load whose reconciliation shows quarantined rows.
select
    feed,
    reason,
    count(*) as quarantined_rows,
    min(file_name) as first_file,
    min(row_in_file) as first_row_in_file

from {{ ref('audit_quarantined_rows') }}
group by feed, reason
order by quarantined_rows desc, feed asc, reason asc
