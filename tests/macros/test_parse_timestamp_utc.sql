-- parse_timestamp_utc: every row here is a failure.
with

iso as (

    select * from (
        values
        ('2026-01-05T09:12:44-05:00', timestamp '2026-01-05 14:12:44'),
        ('2026-01-05T09:12:44Z', timestamp '2026-01-05 09:12:44'),
        ('2026-01-05T09:12:44.512Z', timestamp '2026-01-05 09:12:44.512'),
        ('2026-01-05 09:12:44', timestamp '2026-01-05 09:12:44'),
        ('2026-01-05 15:42:44+0630', timestamp '2026-01-05 09:12:44'),
        ('2026-01-05T11:12:44+02', timestamp '2026-01-05 09:12:44'),
        (' 2026-01-05T09:12:44Z ', timestamp '2026-01-05 09:12:44'),
        (' 2026-01-05 09:12:44 ', timestamp '2026-01-05 09:12:44'),
        ('2026-13-45T99:00:00Z', null),
        ('not a date', null),
        ('2026-01-05', timestamp '2026-01-05 00:00:00'),
        ('1767604364', null),
        ('epoch', null),
        ('infinity', null),
        ('2026-01-05 04:12:44 EST', null),
        ('2026-01-05 04:12:44 America/New_York', null),
        (null, null)
    ) as fixture (raw_value, expected)

),

-- time_zone none: an offset is required, a value without one is ambiguous
offset_required as (

    select * from (
        values
        ('2026-01-05T09:12:44-05:00', timestamp '2026-01-05 14:12:44'),
        ('2026-01-05T09:12:44Z', timestamp '2026-01-05 09:12:44'),
        ('2026-01-05 09:12:44', null),
        ('2026-01-05T09:12:44', null),
        ('2026-01-05', null)
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
select raw_value from offset_required
where {{ parse_timestamp_utc('raw_value', time_zone=none) }} is distinct from expected
union all
select raw_value from chicago
where
    {{ parse_timestamp_utc('raw_value', '%m/%d/%Y %I:%M:%S %p', 'America/Chicago') }}
    is distinct from expected
