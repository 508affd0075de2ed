with source as (
    select * from {{ source('raw', 'event_members') }}
),

renamed as (
    select
        event_id,
        mention_id as event_mention_id,
        doc_id as article_id
    from source
)

select * from renamed
