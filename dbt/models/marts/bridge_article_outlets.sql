-- Incremental by document: the rows of articles not yet in this table are appended (a document's
-- mentions never change once loaded).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns'
) }}

with outlet_mentions as (
    select * from {{ ref('stg_raw__outlet_mentions') }}
    {% if is_incremental() %}
    where article_id not in (select distinct article_id from {{ this }})
    {% endif %}
),

final as (
    select
        article_id,
        outlet_id,
        role,
        min(evidence) as evidence,
        min(method) as method,
        count(*) as mention_count
    from outlet_mentions
    group by article_id, outlet_id, role
)

select * from final
