{#- The raw feeds staging reads: feed name (base_<feed> and stg_<feed> are its
    models) and the key column of its staged rows. The audit models loop
    over this list, so a new feed is added here once. -#}
{% macro staging_feeds() -%}
    {{ return([
        {'feed': 'crm__contacts', 'key': 'contact_id'},
        {'feed': 'billing__accounts', 'key': 'account_id'},
        {'feed': 'shipping__recipients', 'key': 'recipient_id'},
        {'feed': 'ticketing__requesters', 'key': 'requester_id'},
        {'feed': 'connect__customer_profiles', 'key': 'profile_id'},
        {'feed': 'connect__contact_records', 'key': 'contact_id'},
        {'feed': 'connect__agent_events', 'key': 'event_id'},
        {'feed': 'web__clickstream', 'key': 'event_id'},
        {'feed': 'lake__profile_files', 'key': 'profile_record_id'},
    ]) }}
{%- endmacro %}
