with outlets as (
    select * from {{ ref('int_outlets_unioned') }}
),

articles as (
    select * from {{ ref('fct_articles') }}
),

bridge as (
    select * from {{ ref('bridge_article_outlets') }}
),

near_duplicates as (
    select * from {{ ref('fct_near_duplicates') }}
),

published as (
    select
        publisher_outlet_id as outlet_id,
        count(*) as article_count,
        list(distinct lang order by lang) as languages_published,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date
    from articles
    where publisher_outlet_id is not null
    group by publisher_outlet_id
),

cited as (
    select
        bridge.outlet_id,
        count(distinct bridge.article_id) as cited_in_article_count,
        count(distinct articles.publisher_outlet_id) as cited_by_outlet_count
    from bridge
    left join articles using (article_id)
    where bridge.role = 'cited'
    group by bridge.outlet_id
),

reprints as (
    select outlet_a as outlet_id, count(*) as near_duplicate_pairs,
           list(distinct outlet_b order by outlet_b) as shares_text_with
    from (
        select outlet_a, outlet_b from near_duplicates where outlet_a <> outlet_b
        union all
        select outlet_b, outlet_a from near_duplicates where outlet_a <> outlet_b
    )
    group by outlet_a
),

final as (
    select
        outlets.outlet_id,
        outlets.name,
        outlets.native_name,
        outlets.native_names,
        outlets.kind,
        outlets.country,
        outlets.domain,
        outlets.is_known,
        outlets.registry_languages,
        coalesce(published.languages_published, []::varchar[]) as languages_published,
        coalesce(published.article_count, 0) as article_count,
        published.first_published_date,
        published.last_published_date,
        coalesce(cited.cited_in_article_count, 0) as cited_in_article_count,
        coalesce(cited.cited_by_outlet_count, 0) as cited_by_outlet_count,
        coalesce(reprints.near_duplicate_pairs, 0) as near_duplicate_pairs,
        coalesce(reprints.shares_text_with, []::varchar[]) as shares_text_with
    from outlets
    left join published using (outlet_id)
    left join cited using (outlet_id)
    left join reprints using (outlet_id)
)

select * from final
