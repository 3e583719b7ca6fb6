{{ config(alias='fct_agent_contacts') }}
{#- fct_agent_contacts for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_agent_contacts') }}
