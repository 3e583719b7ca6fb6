{#- The salt of every hash of personal data (pii_hash): the environment
    variable CUSTOMER_360_PII_SALT, or a development default that is not a
    secret (docs/privacy.md). Set it in production and keep it: analysts'
    hashed keys and the erasure ledger's hashes are stable only while it
    is. Quotes are doubled for a SQL literal. -#}
{% macro pii_salt() -%}
    {{ return(env_var('CUSTOMER_360_PII_SALT', 'customer_360-development-salt')
        | replace("'", "''")) }}
{%- endmacro %}
