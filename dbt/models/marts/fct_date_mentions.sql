-- Incremental by document: the rows of articles not yet in this table are appended (a document's
-- mentions never change once loaded).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns'
) }}

with date_mentions as (
    select * from {{ ref('stg_raw__date_mentions') }}
    {% if is_incremental() %}
    where article_id not in (select distinct article_id from {{ this }})
    {% endif %}
),

final as (
    select * from date_mentions
)

select * from final
