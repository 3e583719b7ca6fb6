{{ config(alias='dim_unified_profiles') }}
{#- dim_unified_profiles for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('dim_unified_profiles') }}
