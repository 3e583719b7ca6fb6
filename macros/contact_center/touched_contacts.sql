{#- SQL selecting the contact_id of every contact int_contacts_resolved must
    resolve again on an incremental run (rendered in its pre-hook, before it
    deletes anything). A contact is touched when:
    its contact record was staged (new, or a later copy) since the model
    last wrote rows (restaged_contact_records); its record is gone from
    staging (its row is only deleted); its own resolution differs from the
    one stored: the customerId's record now belongs to another profile (or
    to one, or none), or the caller's number is held by another number of
    profiles or by another one (profiles merged, split, gone, or that
    gained or lost the number), read from the stored customer_id and
    customer_phone; or, once an erasure was ever applied, the stored
    customer_id or customer_phone is one the ledger erased (the strip hook
    of the staged record nulled them without staging it again). A transfer
    leg whose chain's first leg (initial_contact_id) is touched is touched
    too: it may take that leg's customer. -#}
{% macro touched_contacts() -%}
    {%- set customer_id_source = var('contact_center_customer_id_source_system', 'crm') -%}
with

contact_records as (

    select contact_id, initial_contact_id
    from {{ ref('stg_connect__contact_records') }}

),

stored as (

    select
        contact_id,
        customer_id,
        customer_phone,
        phone_candidate_profile_count,
        case
            when resolution_method in ('customer_id_attribute', 'phone')
                then unified_profile_id
        end as own_profile_id,
        case
            when resolution_method in ('customer_id_attribute', 'phone')
                then resolution_method
        end as own_resolution_method

    from {{ this }}

),

identity_graph as (

    select source_record_id, unified_profile_id
    from {{ ref('fct_identity_graph') }}
    where source_system = '{{ customer_id_source }}'

),

unified_profiles as (

    -- phone (the golden one) is replaced by each of phones below
    select unified_profile_id, phone, phones from {{ ref('dim_unified_profiles') }}

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

current_resolution as (

    select
        stored.*,
        coalesce(phone_candidates.candidate_profile_count, 0) as current_candidate_count,
        case
            when identity_graph.unified_profile_id is not null
                then identity_graph.unified_profile_id
            when phone_candidates.candidate_profile_count = 1
                then phone_candidates.unified_profile_id
        end as current_profile_id,
        case
            when identity_graph.unified_profile_id is not null then 'customer_id_attribute'
            when phone_candidates.candidate_profile_count = 1 then 'phone'
        end as current_resolution_method

    from stored
    left join identity_graph
        on stored.customer_id = identity_graph.source_record_id
    left join phone_candidates
        on stored.customer_phone = phone_candidates.phone

),

changed as (

    select contact_id from ({{ restaged_contact_records() }}) as restaged
    union
    select contact_id from stored
    where contact_id not in (select contact_id from contact_records)
    union
    select contact_id from current_resolution
    where
        own_profile_id is distinct from current_profile_id
        or own_resolution_method is distinct from current_resolution_method
        or phone_candidate_profile_count <> current_candidate_count
    {%- if erasure_is_active() %}
    union
    select contact_id from stored
    where
        {{ pii_hash('customer_phone') }} in ({{ erased_values('phone') }})
        or {{ dbt.concat(["'" ~ customer_id_source ~ "'", "':'", 'customer_id']) }}
        in ({{ erased_values('profile_record') }})
    {%- endif %}

),

final as (

    select contact_id from changed
    union
    select contact_records.contact_id from contact_records
    inner join changed
        on contact_records.initial_contact_id = changed.contact_id

)

select * from final
{%- endmacro %}
