with members as (
    select * from {{ ref('stg_raw__event_members') }}
),

final as (
    select
        event_id,
        article_id,
        count(*) as mention_count
    from members
    group by event_id, article_id
)

select * from final
