-- Every staged contact record is in fct_contacts, and fct_contacts holds
-- nothing else.
with

staged as (

    select contact_id from {{ ref('stg_connect__contact_records') }}

),

contacts as (

    select contact_id from {{ ref('fct_contacts') }}

)

select
    staged.contact_id as staged_contact_id,
    contacts.contact_id as mart_contact_id

from staged
full outer join contacts
    on staged.contact_id = contacts.contact_id
where staged.contact_id is null or contacts.contact_id is null
