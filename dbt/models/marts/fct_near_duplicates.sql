with pairs as (
    select * from {{ ref('stg_raw__near_duplicates') }}
),

articles as (
    select * from {{ ref('fct_articles') }}
),

final as (
    select
        {{ khabar_key(['pairs.article_a', 'pairs.article_b']) }} as pair_id,
        pairs.article_a,
        pairs.article_b,
        pairs.similarity,
        a.publisher_outlet_id as outlet_a,
        b.publisher_outlet_id as outlet_b,
        a.published_date as published_date_a,
        b.published_date as published_date_b
    from pairs
    join articles as a on a.article_id = pairs.article_a
    join articles as b on b.article_id = pairs.article_b
)

select * from final
