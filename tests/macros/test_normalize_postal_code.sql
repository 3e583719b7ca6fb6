-- normalize_postal_code: every row here is a failure.
with

cases as (

    select * from (
        values
        ('12345', 'US', '12345'),
        ('12345', null, '12345'),
        ('12345', '', '12345'),
        ('12345-6789', 'US', '12345'),
        ('123456789', 'usa', '12345'),
        (' 12345 6789 ', 'United States', '12345'),
        ('02119', 'US', '02119'),
        ('2119', null, '2119'),
        ('2119', 'AU', '2119'),
        ('2119', 'US', '2119'),
        ('m5v3l9', 'CA', 'M5V 3L9'),
        ('M5V-3L9', 'Canada', 'M5V 3L9'),
        ('k1a 0b1', null, 'K1A 0B1'),
        ('sw1a1aa', 'GB', 'SW1A 1AA'),
        ('SW1A 1AA', 'UK', 'SW1A 1AA'),
        ('m11ae', 'gb', 'M1 1AE'),
        ('b338th', 'GB', 'B33 8TH'),
        ('ec1a 1bb', null, 'EC1A 1BB'),
        ('gir0aa', 'GB', 'GIR 0AA'),
        ('1012 ab', 'NL', '1012AB'),
        ('75008', 'FR', '75008'),
        ('12345', 'CA', '12345'),
        ('', 'US', null),
        ('   ', null, null),
        ('--', 'CA', null),
        (null, 'US', null),
        (null, null, null)
    ) as fixture (raw_postal_code, raw_country, expected)

)

select *
from cases
where {{ normalize_postal_code('raw_postal_code', 'raw_country') }} is distinct from expected
