{# The one surrogate-key macro: a stable md5 over the given columns (nulls as empty strings). #}
{% macro khabar_key(columns) -%}
    md5(concat_ws('|', {%- for c in columns %} coalesce(cast({{ c }} as varchar), ''){{ "," if not loop.last }}{%- endfor %}))
{%- endmacro %}
