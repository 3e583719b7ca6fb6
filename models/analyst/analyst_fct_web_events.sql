{{ config(alias='fct_web_events') }}
{#- fct_web_events for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_web_events') }}
