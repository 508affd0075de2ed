with source as (
    select * from {{ source('raw', 'events') }}
),

renamed as (
    select
        event_id,
        event_type,
        event_date,
        location_entity_id,
        participants
    from source
)

select * from renamed
