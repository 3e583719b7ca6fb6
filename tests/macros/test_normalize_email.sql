-- normalize_email: every row here is a failure.
with

cases as (

    select * from (
        values
        ('JOHN@anycompany.com', 'john@anycompany.com'),
        ('  john@AnyCompany.COM ', 'john@anycompany.com'),
        ('john.o''neil+tag@any-company.co.uk', 'john.o''neil+tag@any-company.co.uk'),
        ('john at anycompany.com', null),
        ('john@anycompany', null),
        ('@anycompany.com', null),
        ('', null),
        (null, null)
    ) as fixture (raw_email, expected)

)

select *
from cases
where {{ normalize_email('raw_email') }} is distinct from expected
