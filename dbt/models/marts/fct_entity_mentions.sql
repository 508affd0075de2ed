-- Incremental by document: the rows of articles not yet in this table are appended (a document's
-- mentions never change once loaded).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns'
) }}

with mentions as (
    select * from {{ ref('stg_raw__entity_mentions') }}
    {% if is_incremental() %}
    where article_id not in (select distinct article_id from {{ this }})
    {% endif %}
),

articles as (
    select * from {{ ref('fct_articles') }}
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.entity_id,
        mentions.surface_form,
        mentions.start_offset,
        mentions.end_offset,
        mentions.method,
        mentions.confidence,
        articles.lang,
        articles.published_date
    from mentions
    join articles using (article_id)
)

select * from final
