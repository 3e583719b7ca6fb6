-- normalize_text: every row here is a failure.
with

cases as (

    select * from (
        values
        ('José Müller', 'jose muller'),
        ('  JOSÉ   MÜLLER ', 'jose muller'),
        ('François Ñúñez', 'francois nunez'),
        ('Łukasz Wałęsa', 'lukasz walesa'),
        ('Søren Ærø', 'soren aero'),
        ('Weiß', 'weiss'),
        ('Nguyễn', 'nguyen'),
        ('O''Brien-Smith', 'o''brien-smith'),
        ('Dr. John Q. Public, Jr.', 'dr john q public jr'),
        ('Apt 4B', 'apt 4b'),
        ('山田 太郎', '山田 太郎'),
        ('Иван ПЕТРОВ', 'иван петров'),
        ('Ζωή; Δ.', 'ζωη δ'),
        ('!!!', null),
        ('', null),
        (null, null)
    ) as fixture (raw_text, expected)

)

select *
from cases
where {{ normalize_text('raw_text') }} is distinct from expected
