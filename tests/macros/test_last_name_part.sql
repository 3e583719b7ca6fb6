-- last_name_part: every row here is a failure.
with

cases as (

    select * from (
        values
        ('Doe', 'doe', null),
        ('DOE JR.', 'doe', 'jr'),
        ('  Juarez   Sr ', 'juarez', 'sr'),
        ('Gates III', 'gates', 'iii'),
        ('Ivy', 'ivy', null),
        ('Van Der Berg', 'van der berg', null),
        ('Jr', 'jr', null),
        ('', null, null),
        (null, null, null)
    ) as fixture (last_name, expected_name, expected_suffix)

)

select *
from cases
where
    {{ last_name_part('last_name', 'name') }} is distinct from expected_name
    or {{ last_name_part('last_name', 'suffix') }} is distinct from expected_suffix
