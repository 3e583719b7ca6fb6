{{ config(alias='customer_360') }}
{#- customer_360 for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('customer_360') }}
