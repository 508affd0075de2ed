with outlet_mentions as (
    select * from {{ ref('stg_raw__outlet_mentions') }}
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
