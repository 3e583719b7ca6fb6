-- parse_timestamp_utc: every row here is a failure.
with

iso as (

    select * from (
        values
        ('2026-01-05T09:12:44-05:00', timestamp '2026-01-05 14:12:44'),
        ('2026-01-05T09:12:44Z', timestamp '2026-01-05 09:12:44'),
        ('2026-01-05T09:12:44.512Z', timestamp '2026-01-05 09:12:44.512'),
        ('2026-01-05 09:12:44', timestamp '2026-01-05 09:12:44'),
        ('2026-13-45T99:00:00Z', null),
        ('not a date', null),
        (null, null)
    ) as fixture (raw_value, expected)

),

chicago as (

    select * from (
        values
        ('01/05/2026 03:04:05 PM', timestamp '2026-01-05 21:04:05'),
        ('07/05/2026 03:04:05 PM', timestamp '2026-07-05 20:04:05'),
        ('25/13/2025 99:00:00 XM', null)
    ) as fixture (raw_value, expected)

)

select raw_value from iso
where {{ parse_timestamp_utc('raw_value') }} is distinct from expected
union all
select raw_value from chicago
where
    {{ parse_timestamp_utc('raw_value', '%m/%d/%Y %I:%M:%S %p', 'America/Chicago') }}
    is distinct from expected
