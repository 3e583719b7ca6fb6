-- soundex: every row here is a failure.
with

cases as (

    select * from (
        values
        ('Robert', 'R163'),
        ('Rupert', 'R163'),
        ('Rubin', 'R150'),
        ('Pfister', 'P236'),
        ('Tymczak', 'T522'),
        ('Ashcraft', 'A261'),
        ('Ashcroft', 'A261'),
        ('Honeyman', 'H555'),
        ('Lee', 'L000'),
        ('Lloyd', 'L300'),
        ('Schmidt', 'S530'),
        ('Sawyer', 'S600'),
        ('Washington', 'W252'),
        ('Jackson', 'J250'),
        ('Gutierrez', 'G362'),
        ('Burroughs', 'B620'),
        ('Lukasiewicz', 'L222'),
        ('Hsu', 'H200'),
        ('Wu', 'W000'),
        ('A', 'A000'),
        ('robert', 'R163'),
        ('O''Hara', 'O600'),
        ('o''brien', 'O165'),
        ('  van der Berg ', 'V536'),
        ('Müller', 'M460'),
        ('Émile', 'E540'),
        ('Smith-Jones', 'S532'),
        ('123', null),
        ('', null),
        ('   ', null),
        (null, null)
    ) as fixture (raw_name, expected)

)

select *
from cases
where {{ soundex('raw_name') }} is distinct from expected
