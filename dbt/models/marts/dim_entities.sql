with entities as (
    select * from {{ ref('int_entities_unioned') }}
),

mentions as (
    select * from {{ ref('stg_raw__entity_mentions') }}
),

articles as (
    select * from {{ ref('fct_articles') }}
),

mention_stats as (
    select
        mentions.entity_id,
        count(*) as mention_count,
        count(distinct mentions.article_id) as article_count,
        list(distinct articles.lang order by articles.lang) as languages,
        min(articles.published_date) as first_seen_date,
        max(articles.published_date) as last_seen_date
    from mentions
    join articles using (article_id)
    group by mentions.entity_id
),

final as (
    select
        entities.entity_id,
        entities.canonical_name,
        entities.entity_type,
        entities.wikidata_id,
        entities.is_candidate,
        coalesce(mention_stats.mention_count, 0) as mention_count,
        coalesce(mention_stats.article_count, 0) as article_count,
        coalesce(mention_stats.languages, []::varchar[]) as languages,
        mention_stats.first_seen_date,
        mention_stats.last_seen_date
    from entities
    left join mention_stats using (entity_id)
)

select * from final
