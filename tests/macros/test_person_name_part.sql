-- person_name_part: every row here is a failure.
with

cases as (

    select * from (
        values
        ('John Doe', 'john', null, 'doe', null),
        ('Doe, John', 'john', null, 'doe', null),
        ('  JOHN   DOE ', 'john', null, 'doe', null),
        ('John Q. Doe Jr', 'john', 'q', 'doe', 'jr'),
        ('Doe Sr, John', 'john', null, 'doe', 'sr'),
        ('Mary Anne O''Neil', 'mary', 'anne', 'o''neil', null),
        ('john', 'john', null, null, null),
        ('Nikki W.', 'nikki', null, 'w', null),
        (null, null, null, null, null)
    ) as fixture (full_name, first_name, middle_name, last_name, suffix)

)

select *
from cases
where
    {{ person_name_part('full_name', 'first') }} is distinct from first_name
    or {{ person_name_part('full_name', 'middle') }} is distinct from middle_name
    or {{ person_name_part('full_name', 'last') }} is distinct from last_name
    or {{ person_name_part('full_name', 'suffix') }} is distinct from suffix
