{{ config(alias='dim_web_cookies') }}
{#- dim_web_cookies for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('dim_web_cookies') }}
