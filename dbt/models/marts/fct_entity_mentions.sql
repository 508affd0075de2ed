with mentions as (
    select * from {{ ref('stg_raw__entity_mentions') }}
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
