-- parse_date: every row here is a failure.
with

cases as (

    select * from (
        values
        ('1980-04-09', date '1980-04-09'),
        ('04/09/1980', date '1980-04-09'),
        (' 04/09/1980 ', date '1980-04-09'),
        ('4/9/1980', date '1980-04-09'),
        ('19560409', date '1956-04-09'),
        ('1956/04/09', date '1956-04-09'),
        ('09-Apr-1980', date '1980-04-09'),
        ('9-APR-1980', date '1980-04-09'),
        ('Apr 9, 1980', date '1980-04-09'),
        ('April 09, 1980', date '1980-04-09'),
        ('02/30/1990', null),
        ('1990-02-30', null),
        ('19900230', null),
        ('30-Feb-1990', null),
        ('13/01/1990', null),
        ('yesterday', null),
        ('', null),
        (null, null)
    ) as fixture (raw_value, expected)

)

select *
from cases
where {{ parse_date('raw_value') }} is distinct from expected
