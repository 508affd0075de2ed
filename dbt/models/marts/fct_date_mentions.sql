with date_mentions as (
    select * from {{ ref('stg_raw__date_mentions') }}
),

final as (
    select * from date_mentions
)

select * from final
