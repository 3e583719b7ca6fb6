{{ config(alias='fct_match_review_queue') }}
{#- fct_match_review_queue for analysts: personal data masked as its yml
    tags say (masked_select, docs/privacy.md). -#}
{{ masked_select('fct_match_review_queue') }}
