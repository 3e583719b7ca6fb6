{{ config(
    materialized='incremental',
    unique_key='profile_record_id',
    incremental_strategy=keyed_incremental_strategy(),
    pre_hook="{{ log_departed_records() }}",
    post_hook="{{ delete_departed_records() }}",
) }}
{#- Each person record with its attributes in canonical form: names split
    ("Doe, John", full names), cleaned, nicknames mapped to a canonical first
    name (seed name_nicknames) and coded by Soundex; emails canonical and
    phones in E.164 as lists; street types and unit designators standardized
    (seeds address_street_suffixes, address_unit_designators); postal codes
    and dates parsed. An invalid value becomes null and raises its
    is_invalid_ flag; it never fails the build. Incremental: a run
    reads only the records staged since it last ran (source_load_sequence
    above the highest it holds for their source; every record of a source
    without one, such as a path source), normalizes those whose record_hash
    is new (new or changed records, stamped with the next
    normalized_sequence) and drops the records gone from the lake, logging
    them in int_profiles_normalized__departed. Each incremental matching
    model remembers the last sequence it processed, so a run that fails
    halfway is caught up by the next one. -#}
{#- per source, the highest source_load_sequence normalized so far: the
    watermark above which a run reads int_profiles_unioned -#}
{%- set staged_sequences = [] -%}
{%- if execute and is_incremental() -%}
    {%- set columns = adapter.get_columns_in_relation(this)
        | map(attribute='name') | map('lower') | list -%}
    {%- if 'source_load_sequence' not in columns -%}
        {{ exceptions.raise_compiler_error(
            this ~ " was built before it kept source_load_sequence (incremental staging): "
            ~ "rebuild it and the models after it once with "
            ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
    {%- endif -%}
    {%- set watermarks = run_query(
        'select source_system, max(source_load_sequence) from ' ~ this
        ~ ' where source_load_sequence is not null'
        ~ ' group by source_system order by source_system') -%}
    {%- for row in watermarks.rows -%}
        {%- do staged_sequences.append([row[0], row[1] | int]) -%}
    {%- endfor -%}
{%- endif -%}
{%- set layout = identity_attributes() -%}
{#- each email and phone column, and (read from the canonical CTE) its
    canonical value -#}
{%- set emails, canonical_emails, email_local_parts = [], [], [] -%}
{%- for index in range(layout.max_emails) -%}
    {%- set column = 'email_' ~ (index + 1) -%}
    {%- do emails.append(column) -%}
    {%- do canonical_emails.append(column ~ '_canonical') -%}
    {%- do email_local_parts.append(dbt.split_part(column ~ '_canonical', "'@'", 1)) -%}
{%- endfor -%}
{%- set phones, canonical_phones, phone_last_digits = [], [], [] -%}
{%- for index in range(layout.max_phones) -%}
    {%- set column = 'phone_' ~ (index + 1) -%}
    {%- do phones.append(column) -%}
    {%- do canonical_phones.append(column ~ '_canonical') -%}
    {%- do phone_last_digits.append(dbt.right(column ~ '_canonical', 7)) -%}
{%- endfor -%}
with

unioned as (

    select * from {{ ref('int_profiles_unioned') }}
    {% if is_incremental() -%}
        where
            (
                source_load_sequence is null
                {%- if staged_sequences %}
                    or source_load_sequence > case source_system
                        {%- for source_system, sequence in staged_sequences %}
                        when '{{ source_system }}' then {{ sequence }}
                        {%- endfor %}
                        else 0
                    end
                {%- else %}
                    or source_load_sequence > 0
                {%- endif %}
            )
            and record_hash not in (select record_hash from {{ this }})
    {%- endif %}

),

nicknames as (

    select * from {{ ref('name_nicknames') }}

),

street_suffixes as (

    select * from {{ ref('address_street_suffixes') }}

),

unit_designators as (

    select * from {{ ref('address_unit_designators') }}

),

{# each record's costly parts computed once: an expression written into the
    SQL several times (a phone's digits are read by each branch of
    phone_from_digits) may be evaluated as many times #}
parsed as (

    select
        unioned.*,
        {%- for column in phones %}
            {{ phone_digits('unioned.' ~ column) }} as {{ column }}_digits,
            {{ phone_is_international('unioned.' ~ column) }} as {{ column }}_is_international,
        {%- endfor %}
        coalesce(
            unioned.street, {{ address_line_part('unioned.address', 'street') }}
        ) as street_written,
        coalesce(
            unioned.unit, {{ address_line_part('unioned.address', 'unit') }}
        ) as unit_written,
        coalesce(
            unioned.city, {{ address_line_part('unioned.address', 'city') }}
        ) as city_written

    from unioned

),

{# names and places are normalized once per distinct value, not once per
    record: a first name or a city is shared by thousands of records #}
written_texts as (

    select first_name as written_text from parsed
    union
    select middle_name from parsed
    union
    select street_written from parsed
    union
    select unit_written from parsed
    union
    select city_written from parsed

),

texts as (

    select
        written_text,
        {{ normalize_text('written_text') }} as normalized_text

    from written_texts
    where written_text is not null

),

written_last_names as (

    select distinct last_name from parsed
    where last_name is not null

),

last_names as (

    select
        last_name,
        {{ last_name_part_of_text('last_name_text', 'name') }} as without_suffix,
        {{ last_name_part_of_text('last_name_text', 'suffix') }} as suffix

    from (
        select
            last_name,
            {{ normalize_text('last_name') }} as last_name_text
        from written_last_names
    ) as last_name_texts

),

written_full_names as (

    select distinct full_name from parsed
    where full_name is not null

),

full_names as (

    select
        full_name,
        {{ person_name_part_of_text('full_name_text', 'first') }} as first_name,
        {{ person_name_part_of_text('full_name_text', 'middle') }} as middle_name,
        {{ person_name_part_of_text('full_name_text', 'last') }} as last_name,
        {{ person_name_part_of_text('full_name_text', 'suffix') }} as name_suffix

    from (
        select
            full_name,
            {{ person_name_text('full_name') }} as full_name_text
        from written_full_names
    ) as full_name_texts

),

canonical as (

    select
        parsed.*,
        {%- for column in emails %}
            {{ normalize_email('parsed.' ~ column) }} as {{ column }}_canonical,
        {%- endfor %}
        {%- for column in phones %}
            {{ phone_from_digits('parsed.' ~ column ~ '_digits',
                'parsed.' ~ column ~ '_is_international') }} as {{ column }}_canonical,
        {%- endfor %}
        first_names.normalized_text as first_name_text,
        middle_names.normalized_text as middle_name_text,
        last_names.without_suffix as last_name_text,
        last_names.suffix as name_suffix_text,
        streets.normalized_text as street_text,
        units.normalized_text as unit_text,
        cities.normalized_text as city_text,
        full_names.first_name as full_name_first,
        full_names.middle_name as full_name_middle,
        full_names.last_name as full_name_last,
        full_names.name_suffix as full_name_suffix

    from parsed
    left join texts as first_names
        on parsed.first_name = first_names.written_text
    left join texts as middle_names
        on parsed.middle_name = middle_names.written_text
    left join last_names
        on parsed.last_name = last_names.last_name
    left join texts as streets
        on parsed.street_written = streets.written_text
    left join texts as units
        on parsed.unit_written = units.written_text
    left join texts as cities
        on parsed.city_written = cities.written_text
    left join full_names
        on parsed.full_name = full_names.full_name

),

cleaned as (

    select
        profile_record_id,
        source_system,
        source_record_id,
        updated_at,
        record_hash,
        source_load_sequence,
        coalesce(first_name_text, full_name_first) as first_name,
        coalesce(middle_name_text, full_name_middle) as middle_name,
        coalesce(last_name_text, full_name_last) as last_name,
        coalesce(name_suffix_text, full_name_suffix) as name_suffix,
        {{ parse_date('birth_date') }} as birth_date_parsed,
        {{ compact_list(canonical_emails) }} as emails,
        {{ compact_list(email_local_parts) }} as email_local_parts,
        {{ compact_list(canonical_phones) }} as phones,
        {{ compact_list(phone_last_digits) }} as phone_last_digits,
        street_text as street,
        unit_text as unit,
        city_text as city,
        upper(trim(coalesce(state, {{ address_line_part('address', 'state') }}))) as state,
        {{ normalize_postal_code(
            'coalesce(postal_code, ' ~ address_line_part('address', 'postal_code') ~ ')',
            'country') }} as postal_code,
        upper(trim(country)) as country,
        upper(substr(trim(gender), 1, 1)) as gender,
        {{ normalize_text('account_number') }} as account_number,
        {%- for name in layout.custom %}
        {{ normalize_text(name) }} as {{ name }},
        {%- endfor %}
        birth_date as birth_date_raw,
        (
            {%- for column in emails %}
                case
                    when {{ column }}_canonical is null and trim({{ column }}) <> ''
                        then 1
                    else 0
                end{{ ' +' if not loop.last }}
            {%- endfor %}
        ) > 0 as is_invalid_email,
        (
            {%- for column in phones %}
                case
                    when {{ column }}_canonical is null and trim({{ column }}) <> ''
                        then 1
                    else 0
                end{{ ' +' if not loop.last }}
            {%- endfor %}
        ) > 0 as is_invalid_phone

    from canonical

),

street_tokens as (

    {{ split_to_rows('cleaned', 'profile_record_id', 'street') }}

),

streets_standardized as (

    select
        street_tokens.profile_record_id,
        {{ dbt.listagg(
            'coalesce(street_suffixes.standard, street_tokens.token)',
            "' '",
            'order by street_tokens.token_position') }} as street

    from street_tokens
    left join street_suffixes
        on
            street_tokens.token = street_suffixes.variant
            and street_tokens.token_position > 1
    group by street_tokens.profile_record_id

),

unit_tokens as (

    {{ split_to_rows('cleaned', 'profile_record_id', 'unit') }}

),

units_standardized as (

    select
        unit_tokens.profile_record_id,
        {{ dbt.listagg(
            'coalesce(unit_designators.standard, unit_tokens.token)',
            "' '",
            'order by unit_tokens.token_position') }} as unit

    from unit_tokens
    left join unit_designators
        on unit_tokens.token = unit_designators.variant
    group by unit_tokens.profile_record_id

),

{# Soundex once per distinct name #}
names as (

    select first_name as name_text from cleaned
    union
    select last_name from cleaned

),

name_codes as (

    select
        name_text,
        {{ soundex('name_text') }} as soundex

    from names
    where name_text is not null

),

final as (

    select
        cleaned.profile_record_id,
        cleaned.source_system,
        cleaned.source_record_id,
        cleaned.updated_at,
        cleaned.record_hash,
        cleaned.source_load_sequence,
        {% if is_incremental() -%}
            (select coalesce(max(normalized_sequence), 0) + 1 from {{ this }})
        {%- else -%}
            1
        {%- endif %} as normalized_sequence,
        cleaned.first_name,
        coalesce(nicknames.canonical_name, cleaned.first_name) as first_name_canonical,
        first_name_codes.soundex as first_name_soundex,
        cleaned.middle_name,
        cleaned.last_name,
        last_name_codes.soundex as last_name_soundex,
        cleaned.name_suffix,
        case
            when
                cleaned.birth_date_parsed
                <= coalesce(cast(cleaned.updated_at as date), current_date)
                then cleaned.birth_date_parsed
        end as birth_date,
        extract(year from case
            when
                cleaned.birth_date_parsed
                <= coalesce(cast(cleaned.updated_at as date), current_date)
                then cleaned.birth_date_parsed
        end) as birth_year,
        cleaned.emails,
        cleaned.email_local_parts,
        {{ list_element('cleaned.emails', 1) }} as email,
        cleaned.phones,
        cleaned.phone_last_digits,
        {{ list_element('cleaned.phones', 1) }} as phone,
        streets_standardized.street,
        units_standardized.unit,
        cleaned.city,
        cleaned.state,
        cleaned.postal_code,
        cleaned.country,
        cleaned.gender,
        cleaned.account_number,
        {%- for name in layout.custom %}
        cleaned.{{ name }},
        {%- endfor %}
        cleaned.is_invalid_email,
        cleaned.is_invalid_phone,
        (
            cleaned.birth_date_raw is not null and trim(cleaned.birth_date_raw) <> ''
            and (
                cleaned.birth_date_parsed is null
                or cleaned.birth_date_parsed
                > coalesce(cast(cleaned.updated_at as date), current_date)
            )
        ) as is_invalid_birth_date

    from cleaned
    left join nicknames
        on cleaned.first_name = nicknames.nickname
    left join streets_standardized
        on cleaned.profile_record_id = streets_standardized.profile_record_id
    left join units_standardized
        on cleaned.profile_record_id = units_standardized.profile_record_id
    left join name_codes as first_name_codes
        on cleaned.first_name = first_name_codes.name_text
    left join name_codes as last_name_codes
        on cleaned.last_name = last_name_codes.name_text

)

select * from final
