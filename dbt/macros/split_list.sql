{# A pipe-separated seed field as a list of trimmed, non-empty strings. #}
{% macro split_list(column) -%}
    list_filter(list_transform(string_split(coalesce({{ column }}, ''), '|'), x -> trim(x)), x -> x <> '')
{%- endmacro %}
