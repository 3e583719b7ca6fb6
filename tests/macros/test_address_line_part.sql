-- address_line_part: every row here is a failure.
with

cases as (

    select * from (
        values
        ('2 MARKET RD, LAS VEGAS, NV 89108', '2 MARKET RD', null, 'LAS VEGAS', 'NV', '89108'),
        (
            '474 Mill Drive, Apt 16, Tacoma, WA 98438',
            '474 Mill Drive', 'Apt 16', 'Tacoma', 'WA', '98438'
        ),
        ('12 Main St, Boston, MA 02118-1234 ', '12 Main St', null, 'Boston', 'MA', '02118-1234'),
        ('12 Main St', null, null, null, null, null),
        ('Flat 3, 221 Baker Street', null, null, null, null, null),
        (null, null, null, null, null, null)
    ) as fixture (address_line, street, unit, city, state, postal_code)

)

select *
from cases
where
    {{ address_line_part('address_line', 'street') }} is distinct from street
    or {{ address_line_part('address_line', 'unit') }} is distinct from unit
    or {{ address_line_part('address_line', 'city') }} is distinct from city
    or {{ address_line_part('address_line', 'state') }} is distinct from state
    or {{ address_line_part('address_line', 'postal_code') }} is distinct from postal_code
