{{ config(alias='fct_unified_profile_id_history') }}
{#- fct_unified_profile_id_history for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_unified_profile_id_history') }}
