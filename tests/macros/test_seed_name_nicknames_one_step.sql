-- name_nicknames is one step: no nickname is also a canonical name (that
-- would make a chain), and no name is a nickname of itself.
select
    nicknames.nickname,
    nicknames.canonical_name
from {{ ref('name_nicknames') }} as nicknames
where
    nicknames.nickname = nicknames.canonical_name
    or nicknames.nickname in (
        select canonicals.canonical_name
        from {{ ref('name_nicknames') }} as canonicals
    )
