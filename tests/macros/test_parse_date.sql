-- parse_date: every row here is a failure.
with

cases as (

    select * from (
        values
        ('1980-04-09', date '1980-04-09'),
        ('04/09/1980', date '1980-04-09'),
        (' 04/09/1980 ', date '1980-04-09'),
        ('02/30/1990', null),
        ('yesterday', null),
        (null, null)
    ) as fixture (raw_value, expected)

)

select *
from cases
where {{ parse_date('raw_value') }} is distinct from expected
