{{ config(alias='fct_contacts') }}
{#- fct_contacts for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_contacts') }}
