{#- The identity-resolution configuration this run uses: var
    identity_resolution with var identity_resolution_overrides merged on top
    (dictionaries merge key by key, `sources` is replaced, comparisons,
    blocking rules, deterministic rules, review_when conditions and
    cannot_link conditions merge by name, survivorship.attributes merges
    by attribute), with every
    comparison's levels resolved from its preset when it names one and
    numbered: the strongest level gets the highest number, `else` is 0 and a
    missing value is -1. Documented in docs/identity_resolution.md. -#}
{% macro identity_resolution_config() -%}
    {%- set base = var('identity_resolution') -%}
    {%- set overrides = var('identity_resolution_overrides', {}) or {} -%}
    {%- set config = {} -%}
    {%- for key in ['link_type', 'sources'] -%}
        {%- do config.update({key: overrides.get(key, base.get(key))}) -%}
    {%- endfor -%}
    {%- for key in ['blocking', 'scoring', 'training', 'clustering', 'survivorship'] -%}
        {%- set section = {} -%}
        {%- do section.update(base.get(key, {})) -%}
        {%- do section.update(overrides.get(key, {})) -%}
        {%- do config.update({key: section}) -%}
    {%- endfor -%}
    {%- do config.blocking.update({'rules': merge_by_name(
        base.get('blocking', {}).get('rules', []),
        overrides.get('blocking', {}).get('rules', []))}) -%}
    {%- for section, key in [('scoring', 'deterministic_rules'), ('scoring', 'review_when'),
                             ('clustering', 'cannot_link')] -%}
        {%- do config[section].update({key: merge_by_name(
            base.get(section, {}).get(key, []),
            overrides.get(section, {}).get(key, []))}) -%}
    {%- endfor -%}
    {%- set survivorship_attributes = {} -%}
    {%- do survivorship_attributes.update(base.get('survivorship', {}).get('attributes', {}) or {}) -%}
    {%- do survivorship_attributes.update(overrides.get('survivorship', {}).get('attributes', {}) or {}) -%}
    {%- do config.survivorship.update({'attributes': survivorship_attributes}) -%}
    {%- set comparisons = [] -%}
    {%- for comparison in merge_by_name(base.get('comparisons', []), overrides.get('comparisons', [])) -%}
        {%- do comparisons.append(resolve_comparison(comparison)) -%}
    {%- endfor -%}
    {%- do config.update({'comparisons': comparisons}) -%}
    {{ return(config) }}
{%- endmacro %}
