{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_contacts()) }}",
        "{{ delete_touched_rows('contact_id') }}",
    ],
    post_hook="{{ drop_work_table('touched') }}",
) }}
{#- Each contact record's customer, as a unified profile. In order:
    1. customer_id_attribute: the contact's customerId attribute (a CRM
       contact id set by the IVR or the chat widget) is a source record of
       the identity graph (source system var
       contact_center_customer_id_source_system, default crm);
    2. phone: the caller's number (CustomerEndpoint.Address normalized to
       E.164 as the identity models normalize phones) is held by the records
       of exactly one unified profile (dim_unified_profiles.phones);
    3. initial_contact: a transfer leg that neither resolves takes the
       customer of the first leg of its chain (InitialContactId).
    Otherwise unresolved_reason says why: ambiguous_phone (held by several
    profiles: a household's landline), unknown_customer_id, unknown_phone,
    invalid_phone or no_identifier.
    Incremental: a run resolves again only the contacts touched_contacts
    finds (staged since, gone, resolving otherwise under the identity state
    now, stripped by an erasure, and the legs of their chains), reading the
    first legs of their chains as well. -#}
{%- set customer_id_source = var('contact_center_customer_id_source_system', 'crm') -%}
with

contact_records as (

    select * from {{ ref('stg_connect__contact_records') }}
    {%- if is_incremental() %}
        -- the touched contacts and the first legs of their chains
        where
            contact_id in ({{ touched_keys('contact_id') }})
            or contact_id in (
                select legs.initial_contact_id
                from {{ ref('stg_connect__contact_records') }} as legs
                where legs.contact_id in ({{ touched_keys('contact_id') }})
            )
    {%- endif %}

),

identity_graph as (

    select * from {{ ref('fct_identity_graph') }}
    where source_system = '{{ customer_id_source }}'

),

unified_profiles as (

    -- phone (the golden one) is replaced by each of phones below
    select
        unified_profile_id,
        phone,
        phones

    from {{ ref('dim_unified_profiles') }}

),

profile_phones as (

    {{ explode_list('unified_profiles', 'phones', 'phone') }}

),

phone_candidates as (

    select
        phone,
        count(distinct unified_profile_id) as candidate_profile_count,
        min(unified_profile_id) as unified_profile_id

    from profile_phones
    group by phone

),

identified as (

    select
        contact_id,
        initial_contact_id,
        customer_endpoint_address,
        nullif(trim(customer_id_attribute), '') as customer_id,
        {{ normalize_phone('customer_endpoint_address') }} as customer_phone

    from contact_records

),

matched as (

    select
        identified.*,
        identity_graph.unified_profile_id as customer_id_profile_id,
        phone_candidates.unified_profile_id as phone_profile_id,
        coalesce(phone_candidates.candidate_profile_count, 0) as phone_candidate_profile_count

    from identified
    left join identity_graph
        on identified.customer_id = identity_graph.source_record_id
    left join phone_candidates
        on identified.customer_phone = phone_candidates.phone

),

own_resolution as (

    select
        *,
        case
            when customer_id_profile_id is not null then customer_id_profile_id
            when phone_candidate_profile_count = 1 then phone_profile_id
        end as own_profile_id,
        case
            when customer_id_profile_id is not null then 'customer_id_attribute'
            when phone_candidate_profile_count = 1 then 'phone'
        end as own_resolution_method

    from matched

),

final as (

    select
        own_resolution.contact_id,
        own_resolution.customer_id,
        own_resolution.customer_phone,
        own_resolution.phone_candidate_profile_count,
        coalesce(own_resolution.own_profile_id, initial_contacts.own_profile_id)
            as unified_profile_id,
        case
            when own_resolution.own_profile_id is not null
                then own_resolution.own_resolution_method
            when initial_contacts.own_profile_id is not null then 'initial_contact'
        end as resolution_method,
        case
            when
                own_resolution.own_profile_id is not null
                or initial_contacts.own_profile_id is not null
                then null
            when own_resolution.phone_candidate_profile_count > 1 then 'ambiguous_phone'
            when own_resolution.customer_id is not null then 'unknown_customer_id'
            when own_resolution.customer_phone is not null then 'unknown_phone'
            when own_resolution.customer_endpoint_address is not null then 'invalid_phone'
            else 'no_identifier'
        end as unresolved_reason,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__contact_records') }} as staged
        ) as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from own_resolution
    left join own_resolution as initial_contacts
        on own_resolution.initial_contact_id = initial_contacts.contact_id
    {%- if is_incremental() %}
        where own_resolution.contact_id in ({{ touched_keys('contact_id') }})
    {%- endif %}

)

select * from final
