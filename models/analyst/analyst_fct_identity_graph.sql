{{ config(alias='fct_identity_graph') }}
{#- fct_identity_graph for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_identity_graph') }}
