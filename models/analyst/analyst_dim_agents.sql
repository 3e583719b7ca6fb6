{{ config(alias='dim_agents') }}
{#- dim_agents for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('dim_agents') }}
