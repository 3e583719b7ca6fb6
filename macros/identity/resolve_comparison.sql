{#- One comparison of the configuration made explicit: levels taken from its
    preset when it has no levels of its own, each level numbered (strongest =
    number of levels, `else` = 0) and given prior m and u probabilities
    (overridable per level with m_prior / u_prior). Presets: name, text,
    exact, identifier, date, email, phone, postal_code. -#}
{% macro resolve_comparison(comparison) -%}
    {%- set presets = {
        'name': [{'type': 'exact', 'tf': true}, {'type': 'jaro_winkler', 'threshold': 0.92},
                 {'type': 'jaro_winkler', 'threshold': 0.8}],
        'text': [{'type': 'exact', 'tf': true}, {'type': 'jaro_winkler', 'threshold': 0.9}],
        'exact': [{'type': 'exact'}],
        'identifier': [{'type': 'exact'}, {'type': 'damerau_levenshtein', 'max_distance': 1},
                       {'type': 'levenshtein', 'max_distance': 2}],
        'date': [{'type': 'exact'}, {'type': 'damerau_levenshtein', 'max_distance': 1},
                 {'type': 'within_days', 'days': 366}],
        'email': [{'type': 'exact', 'tf': true}, {'type': 'jaro_winkler', 'threshold': 0.9}],
        'phone': [{'type': 'exact', 'tf': true}, {'type': 'damerau_levenshtein', 'max_distance': 1}],
        'postal_code': [{'type': 'exact', 'tf': true}, {'type': 'damerau_levenshtein', 'max_distance': 1}],
    } -%}
    {%- if comparison.get('levels') -%}
        {%- set raw_levels = comparison.levels -%}
    {%- elif comparison.get('preset') in presets -%}
        {%- set raw_levels = presets[comparison.preset] -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "identity_resolution comparison '" ~ comparison.name ~ "' needs `levels` or a `preset` of "
            ~ (presets.keys() | list | join(', '))) }}
    {%- endif -%}
    {%- set count = raw_levels | length -%}
    {%- set levels = [] -%}
    {%- for raw in raw_levels -%}
        {%- set level = {} -%}
        {%- do level.update(raw) -%}
        {%- if loop.first -%}
            {%- set m_prior, u_prior = 0.8, 0.01 -%}
        {%- else -%}
            {%- set m_prior, u_prior = 0.15 / (count - 1), 0.02 -%}
        {%- endif -%}
        {%- do level.update({
            'number': count - loop.index0,
            'label': raw.get('label', raw.type ~ ('_' ~ raw.threshold if raw.threshold is defined else '')
                ~ ('_' ~ raw.max_distance if raw.max_distance is defined else '')
                ~ ('_' ~ raw.days if raw.days is defined else '')
                ~ ('_' ~ raw.length if raw.length is defined else '')
                ~ ('_' ~ raw.column if raw.column is defined else '')
                ~ ('_' ~ raw.with if raw.with is defined else '')),
            'm_prior': raw.get('m_prior', m_prior),
            'u_prior': raw.get('u_prior', u_prior),
        }) -%}
        {%- do levels.append(level) -%}
    {%- endfor -%}
    {%- set used_m = levels | sum(attribute='m_prior') -%}
    {%- set used_u = levels | sum(attribute='u_prior') -%}
    {%- do levels.append({
        'number': 0, 'type': 'else', 'label': 'else',
        'm_prior': [1 - used_m, 0.01] | max, 'u_prior': [1 - used_u, 0.01] | max,
    }) -%}
    {%- set resolved = {} -%}
    {%- do resolved.update(comparison) -%}
    {%- do resolved.update({'levels': levels, 'shared': comparison.get('shared', false)}) -%}
    {{ return(resolved) }}
{%- endmacro %}
