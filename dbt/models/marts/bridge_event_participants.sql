with events as (
    select * from {{ ref('stg_raw__events') }}
),

unnested as (
    select
        event_id,
        unnest(participants, recursive := true)
    from events
),

final as (
    select distinct
        event_id,
        entity_id,
        role
    from unnested
)

select * from final
