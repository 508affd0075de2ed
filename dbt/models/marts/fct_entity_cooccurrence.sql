with mentions as (
    select distinct article_id, entity_id from {{ ref('fct_entity_mentions') }}
),

pairs as (
    select
        a.entity_id as entity_a,
        b.entity_id as entity_b,
        a.article_id
    from mentions as a
    join mentions as b
        on a.article_id = b.article_id
       and a.entity_id < b.entity_id
),

final as (
    select
        {{ khabar_key(['entity_a', 'entity_b']) }} as pair_id,
        entity_a,
        entity_b,
        count(*) as article_count
    from pairs
    group by entity_a, entity_b
)

select * from final
