with events as (
    select * from {{ ref('stg_raw__events') }}
),

event_articles as (
    select * from {{ ref('bridge_event_articles') }}
),

articles as (
    select * from {{ ref('fct_articles') }}
),

coverage as (
    select
        event_articles.event_id,
        count(distinct event_articles.article_id) as article_count,
        count(distinct articles.lang) as language_count,
        list(distinct articles.lang order by articles.lang) as languages,
        count(distinct articles.publisher_outlet_id) as outlet_count,
        min(articles.published_date) as first_reported_date
    from event_articles
    join articles using (article_id)
    group by event_articles.event_id
),

final as (
    select
        events.event_id,
        events.event_type,
        events.event_date,
        events.location_entity_id,
        coalesce(coverage.article_count, 0) as article_count,
        coalesce(coverage.language_count, 0) as language_count,
        coalesce(coverage.languages, []::varchar[]) as languages,
        coalesce(coverage.outlet_count, 0) as outlet_count,
        coverage.first_reported_date
    from events
    left join coverage using (event_id)
)

select * from final
